// Scenario 7: the wall clock jumps a day forward (a laptop asleep overnight, a clock fixed by
// NTP) and back again. Messages past their time-to-live go everywhere, a send queued past the
// give-up window fails visibly rather than going a day late, and nothing is lost or doubled.
import { expect, it, onTestFinished } from 'vitest';
import { englishText } from '../../i18n/english';
import { startTestSandbox } from '../support/sandbox-fixture';
import { newPerson } from '../sandbox/support/people';
import { clockedClient, JumpingClock } from './support/clocked-client';
import { until } from './support/fault-client';
import { serverMessages, storedJobs, storedMessages } from './support/ledger';

const day = 24 * 60 * 60_000;

async function world() {
  const clock = new JumpingClock();
  const sandbox = await startTestSandbox({ now: clock.now, expirySweepMs: 100 });
  const nurse = await newPerson(sandbox, 'Nurse Ames');
  const doctor = await newPerson(sandbox, 'Doctor Baker');
  const a = await clockedClient(sandbox, nurse, clock);
  onTestFinished(() => a.close());
  const b = await clockedClient(sandbox, doctor, clock);
  onTestFinished(() => b.close());
  return { clock, sandbox, nurse, doctor, a, b };
}

it('erases a one-hour message from the server and both clients when the clock jumps a day ahead, and keeps the rest once when it jumps back', async () => {
  const { clock, sandbox, nurse, doctor, a, b } = await world();
  await a.outbox.send({ conversationId: doctor.token, conversationKind: 'user', body: 'gone in an hour', ttlMinutes: 60 });
  await a.outbox.send({ conversationId: doctor.token, conversationKind: 'user', body: 'kept' });
  await until('both messages to be delivered', () =>
    storedMessages(a.store, doctor.token, 'out').every((message) => message.status === 'delivered')
    && storedMessages(b.store, nurse.token, 'in').length === 2, 15_000);

  // The next morning: both apps start again a day later.
  clock.offsetMs += day;
  await a.restart();
  await b.restart();
  expect(storedMessages(a.store, doctor.token, 'out').map((message) => message.body)).toEqual(['kept']);
  expect(storedMessages(b.store, nurse.token, 'in').map((message) => message.body)).toEqual(['kept']);
  await until('the sandbox to erase it', () => serverMessages(sandbox.dataDir, nurse.token, doctor.token).length === 1, 5_000);

  clock.offsetMs -= day;
  await a.outbox.send({ conversationId: doctor.token, conversationKind: 'user', body: 'after the jump back' });
  await until('the new message to arrive', () => storedMessages(b.store, nurse.token, 'in').length === 2, 15_000);
  expect(serverMessages(sandbox.dataDir, nurse.token, doctor.token).map((message) => message.body)).toEqual(['kept', 'after the jump back']);
  expect(storedMessages(b.store, nurse.token, 'in').map((message) => message.body)).toEqual(['kept', 'after the jump back']);
  expect(storedMessages(a.store, doctor.token, 'out').map((message) => message.body)).toEqual(['kept', 'after the jump back']);
}, 60_000);

it('fails a send queued a day ago at the give-up window instead of sending it late, and sends it once when retried after the clock jumps back', async () => {
  const { clock, sandbox, nurse, doctor, a, b } = await world();
  a.outbox.networkLost();
  await a.outbox.send({ conversationId: doctor.token, conversationKind: 'user', body: 'written before the night' });

  clock.offsetMs += day + 60_000;
  a.outbox.networkBack();
  a.wake();
  await until('the send to be given up', () => storedMessages(a.store, doctor.token, 'out')[0]?.status === 'failed', 10_000);
  const [job] = a.outbox.jobs();
  expect(job).toMatchObject({ state: 'failed' });
  expect(englishText(job!.lastError!)).toMatch(/24 h|day|gave up|give up/i);
  expect(serverMessages(sandbox.dataDir, nurse.token, doctor.token)).toEqual([]);

  // Written while the clock was a day ahead: the jump back must not make it wait a day, nor fail it.
  a.outbox.networkLost();
  await a.outbox.send({ conversationId: doctor.token, conversationKind: 'user', body: 'written in the future' });
  clock.offsetMs -= day + 60_000;
  a.outbox.retry(job!.id);
  a.outbox.networkBack();
  await until('both to arrive and be reported delivered', () =>
    storedMessages(b.store, nurse.token, 'in').length === 2 && storedJobs(a.store) === 0
    && storedMessages(a.store, doctor.token, 'out').every((message) => message.status === 'delivered'), 15_000);
  expect(serverMessages(sandbox.dataDir, nurse.token, doctor.token).map((message) => message.body).sort())
    .toEqual(['written before the night', 'written in the future']);
  expect(storedMessages(a.store, doctor.token, 'out').map((message) => message.status)).toEqual(['delivered', 'delivered']);
}, 60_000);

// Node's timers run on a clock that stops while the machine sleeps: after a night asleep a
// one-hour message must go at wake, not up to an hour later. No other client is connected here,
// so no event arrives to re-arm anything by chance.
it('erases a message whose time ran out while the machine slept as soon as it wakes, even when no event arrives', async () => {
  const clock = new JumpingClock();
  const sandbox = await startTestSandbox({ now: clock.now });
  const nurse = await newPerson(sandbox, 'Nurse Ames');
  const doctor = await newPerson(sandbox, 'Doctor Baker');
  const a = await clockedClient(sandbox, nurse, clock);
  onTestFinished(() => a.close());
  await a.outbox.send({ conversationId: doctor.token, conversationKind: 'user', body: 'gone in an hour', ttlMinutes: 60 });
  await until('the message to be sent', () => storedMessages(a.store, doctor.token, 'out')[0]?.status === 'sent', 10_000);

  clock.offsetMs += day;
  a.wake();
  await until('the expired message to be erased after the wake', () => storedMessages(a.store, doctor.token, 'out').length === 0, 5_000);
}, 30_000);
