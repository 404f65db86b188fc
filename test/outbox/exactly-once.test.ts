/**
 * A send whose reply is lost (the server stored it, the connection dropped before the answer)
 * is kept to one copy by two defences, each enough alone: the server's `Request-ID`
 * deduplication, and the outbox waiting for the server's echo of the message before it sends
 * again. Here each works without the other, and with neither the server stores it twice.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import type { RunningSandbox } from '../../sandbox/index';
import { startFaultyProxy } from '../faults/support/faulty-proxy';
import type { FaultyProxy } from '../faults/support/faulty-proxy';
import { until } from '../faults/support/fault-client';
import { serverMessages, storedJobs, storedMessages } from '../faults/support/ledger';
import { nurseAndDoctor } from '../support/nurse-and-doctor';
import { startTestSandbox } from '../support/sandbox-fixture';
import { newPerson } from '../sandbox/support/people';
import type { TestPerson } from '../sandbox/support/people';
import { eventually, openHarness } from './outbox-fixture';
import type { OutboxHarness } from './outbox-fixture';

const isSend = (method: string, path: string) => method === 'POST' && /^\/v2\/message\/?$/.test(path);

/** The proxy drops the connection of the first send once the sandbox has answered it. */
function loseFirstSendReply(proxy: FaultyProxy, alsoCutStreams = false): () => boolean {
  let droppedAt: number | undefined;
  proxy.plan = {
    call(method, path) {
      if (droppedAt !== undefined || !isSend(method, path)) return 'pass';
      droppedAt = Date.now();
      if (alsoCutStreams) proxy.dropStreams();
      return { drop: 'after-delivery' };
    },
    // The echo cannot come through for a moment after the drop.
    stream: () => (droppedAt !== undefined && Date.now() - droppedAt < 1_500 ? 'refuse' : 'pass'),
  };
  return () => droppedAt !== undefined;
}

function sendsThrough(proxy: FaultyProxy) {
  return proxy.requests.filter((request) => isSend(request.method, request.path));
}

interface WithoutEcho {
  sandbox: RunningSandbox;
  proxy: FaultyProxy;
  nurse: TestPerson;
  doctor: TestPerson;
  harness: OutboxHarness;
  messageId: number;
}

/**
 * The nurse's outbox alone, with no event stream and so no echo to wait for: a send in doubt
 * goes again after a 100 ms hold, whatever the server did with the first.
 */
async function sendWithoutEcho(deduplicateRequests: boolean): Promise<WithoutEcho> {
  const sandbox = await startTestSandbox({ deduplicateRequests });
  const proxy = await startFaultyProxy(sandbox.url);
  onTestFinished(() => proxy.close());
  const nurse = await newPerson(sandbox, 'Nurse');
  const doctor = await newPerson(sandbox, 'Doctor');
  const harness = openHarness({
    apiUrl: proxy.apiUrl, key: nurse.key, secret: nurse.secret, senderToken: nurse.token, senderOrganization: sandbox.organizationKey,
    outbox: { inDoubtHoldMs: 100, retry: { baseMs: 50, capMs: 200 } },
  });
  onTestFinished(() => harness.close());
  const lost = loseFirstSendReply(proxy);
  harness.outbox.start();
  const view = await harness.outbox.send({ conversationId: doctor.token, conversationKind: 'user', body: 'give 5 mg once' });
  await eventually(() => harness.outbox.jobs().length === 0, 'the send to settle', 10_000);
  expect(lost()).toBe(true);
  return { sandbox, proxy, nurse, doctor, harness, messageId: Number(view.id) };
}

describe('a send whose reply was lost', () => {
  it('is stored once by the server\'s deduplication alone: sent again with the same Request-ID, answered 304', async () => {
    const { sandbox, proxy, nurse, doctor, harness, messageId } = await sendWithoutEcho(true);
    const row = harness.store.messages.byId(messageId)!;
    const sends = sendsThrough(proxy);
    expect(sends.map((request) => request.fault)).toEqual([{ drop: 'after-delivery' }, 'pass']);
    expect(sends.map((request) => request.requestId)).toEqual([row.clientId, row.clientId]);
    expect(serverMessages(sandbox.dataDir, nurse.token, doctor.token)).toEqual([
      { body: 'give 5 mg once', clientId: row.clientId, recipientStatus: 0 },
    ]);
    // The 304 named the copy the first attempt stored.
    expect(row).toMatchObject({ status: 'sent', token: expect.any(String) });
    expect(await doctor.client.getMessage(row.token!)).toMatchObject({ body: 'give 5 mg once', sender_token: nurse.token });
  });

  it('is stored twice with neither defence: what each of them prevents', async () => {
    const { sandbox, proxy, nurse, doctor, harness, messageId } = await sendWithoutEcho(false);
    const { clientId } = harness.store.messages.byId(messageId)!;
    expect(sendsThrough(proxy)).toHaveLength(2);
    expect(serverMessages(sandbox.dataDir, nurse.token, doctor.token).map((message) => message.clientId)).toEqual([clientId, clientId]);
  });

  it('is stored once by the echo search alone, against a server that does not deduplicate', async () => {
    const sandbox = await startTestSandbox({ deduplicateRequests: false });
    const proxy = await startFaultyProxy(sandbox.url);
    onTestFinished(() => proxy.close());
    const { a, b } = await nurseAndDoctor(sandbox, { apiUrl: proxy.apiUrl });
    const lost = loseFirstSendReply(proxy, true);
    await a.runtime.outbox.send({ conversationId: b.user.token, conversationKind: 'user', body: 'give 5 mg once' });
    await until('the send to settle and be delivered', () =>
      storedJobs(a.runtime.store) === 0 && storedMessages(a.runtime.store, b.user.token, 'out')[0]?.status === 'delivered', 30_000);
    // Time for a second copy, if any, to reach the recipient.
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(lost()).toBe(true);
    // The echo finished the job: nothing was sent again.
    expect(sendsThrough(proxy)).toHaveLength(1);
    expect(serverMessages(sandbox.dataDir, a.user.token, b.user.token).map((message) => message.body)).toEqual(['give 5 mg once']);
    expect(storedMessages(b.runtime.store, a.user.token, 'in').map((message) => message.body)).toEqual(['give 5 mg once']);
  }, 60_000);
});
