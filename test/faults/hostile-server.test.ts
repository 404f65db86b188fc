// Scenario: a server that sends more than a client should hold. An event stream that answers
// with one line that never ends, and a send whose reply is 200 MB. The clients run with small
// caps; each scenario ends with nothing lost or doubled, and the memory of this process (the
// clients, the sandbox and the proxy) bounded while the hostile bodies were being sent.
import { expect, it, onTestFinished } from 'vitest';
import { englishText } from '../../i18n/english';
import { nurseAndDoctor } from '../support/nurse-and-doctor';
import { startTestSandbox } from '../support/sandbox-fixture';
import { quickRecovery, until } from './support/fault-client';
import type { RuntimeTuning } from './support/fault-client';
import { startFaultyProxy } from './support/faulty-proxy';
import { serverMessages, storedJobs, storedMessages } from './support/ledger';

const MB = 1024 * 1024;
const tuning: RuntimeTuning = { ...quickRecovery, maxReplyBytes: MB, maxEventBytes: 256 * 1024 };

async function behindFaultyProxy() {
  const sandbox = await startTestSandbox();
  const proxy = await startFaultyProxy(sandbox.url);
  onTestFinished(() => proxy.close());
  const { a, b } = await nurseAndDoctor(sandbox, { apiUrl: proxy.apiUrl, tuning });
  return { sandbox, proxy, a, b };
}

/** The growth of this process's heap and buffers over what it held when sampling began, at its peak. */
function sampleMemory() {
  const held = () => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const baseline = held();
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, held() - baseline);
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

const isSend = (method: string, path: string) => method === 'POST' && /^\/v2\/message\/?$/.test(path);

it('an endless line on the event stream: cut at the cap, connected again, nothing lost, memory bounded', async () => {
  const { sandbox, proxy, a, b } = await behindFaultyProxy();
  const before = ['before 1', 'before 2', 'before 3'];
  for (const body of before) await a.runtime.outbox.send({ conversationId: b.user.token, conversationKind: 'user', body });
  await until('the first messages to reach the doctor', () => storedMessages(b.runtime.store, a.user.token, 'in').length === before.length, 30_000);

  let hostile = 6;
  proxy.plan = { call: () => 'pass', stream: () => (hostile-- > 0 ? 'endless-line' : 'pass') };
  const memory = sampleMemory();
  // Every stream connects again now, into the endless lines.
  a.runtime.networkBack();
  b.runtime.networkBack();
  const during = ['during 1', 'during 2', 'during 3'];
  for (const body of during) await a.runtime.outbox.send({ conversationId: b.user.token, conversationKind: 'user', body });
  const all = [...before, ...during];
  await until('every message delivered, through the endless lines', () =>
    storedMessages(b.runtime.store, a.user.token, 'in').length === all.length
    && storedMessages(a.runtime.store, b.user.token, 'out').every((message) => message.status === 'delivered'), 60_000);
  const peak = memory.stop();

  expect(proxy.requests.filter((request) => request.fault === 'endless-line')).toHaveLength(6);
  const written = await Promise.all(proxy.pourings.map((pouring) => pouring.finished));
  expect(written).toHaveLength(6);
  // Each cut at the cap (plus what the sockets' buffers took), never the endless whole.
  for (const bytes of written) expect(bytes).toBeLessThan(32 * MB);
  expect(peak).toBeLessThan(128 * MB);
  expect(serverMessages(sandbox.dataDir, a.user.token, b.user.token).map((message) => message.body)).toEqual(all);
  expect(storedMessages(b.runtime.store, a.user.token, 'in').map((message) => message.body)).toEqual(all);
  expect(storedMessages(a.runtime.store, b.user.token, 'out').map((message) => message.body)).toEqual(all);
  expect(storedJobs(a.runtime.store)).toBe(0);
}, 120_000);

it('a huge REST reply: a send answered with 200 MB is sent exactly once, memory bounded', async () => {
  const { sandbox, proxy, a, b } = await behindFaultyProxy();
  await a.runtime.outbox.send({ conversationId: b.user.token, conversationKind: 'user', body: 'first, as usual' });
  await until('the first message to reach the doctor', () => storedMessages(b.runtime.store, a.user.token, 'in').length === 1, 30_000);

  let answered = false;
  proxy.plan = {
    call(method, path) {
      if (answered || !isSend(method, path)) return 'pass';
      answered = true;
      return { hugeReply: 'after-delivery' };
    },
    stream: () => 'pass',
  };
  const memory = sampleMemory();
  await a.runtime.outbox.send({ conversationId: b.user.token, conversationKind: 'user', body: 'give 5 mg once' });
  await until('the huge reply to be refused and the send held in doubt', () =>
    a.runtime.outbox.jobs().some((job) => job.lastError !== null && englishText(job.lastError).includes('too-large')), 30_000);
  // The stream connects again and its replay settles the doubt: the server's echo carries our client id.
  a.runtime.networkBack();
  await until('the send to settle and be delivered', () =>
    storedJobs(a.runtime.store) === 0 && storedMessages(a.runtime.store, b.user.token, 'out')[1]?.status === 'delivered', 60_000);
  // Time for a second copy, if any, to reach the recipient.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const peak = memory.stop();

  expect(answered).toBe(true);
  const [written] = await Promise.all(proxy.pourings.map((pouring) => pouring.finished));
  expect(written).toBeLessThan(32 * MB);
  expect(peak).toBeLessThan(128 * MB);
  const bodies = ['first, as usual', 'give 5 mg once'];
  expect(serverMessages(sandbox.dataDir, a.user.token, b.user.token).map((message) => message.body)).toEqual(bodies);
  expect(storedMessages(b.runtime.store, a.user.token, 'in').map((message) => message.body)).toEqual(bodies);
  expect(storedMessages(a.runtime.store, b.user.token, 'out').map((message) => [message.body, message.token !== null])).toEqual([
    ['first, as usual', true],
    ['give 5 mg once', true],
  ]);
}, 120_000);
