// A send whose reply is lost, with no echo to tell the client the server has it: the outbox
// sends it again once its in-doubt hold (15 s) is over, with the same Request-ID, and the
// server, which stored the first, answers 304 instead of storing a second copy.
import { expect, it, onTestFinished } from 'vitest';
import { nurseAndDoctor } from '../support/nurse-and-doctor';
import { startTestSandbox } from '../support/sandbox-fixture';
import { quickRecovery, until } from './support/fault-client';
import { startFaultyProxy } from './support/faulty-proxy';
import { serverMessages, storedJobs, storedMessages } from './support/ledger';

const isSend = (method: string, path: string) => method === 'POST' && /^\/v2\/message\/?$/.test(path);
const isStream = (method: string, path: string) => method === 'GET' && /^\/v2\/events\/?$/.test(path);
/**
 * Every stream opened this long after the lost reply stalls before its replay: the client is
 * online (so the outbox sends), but no echo can arrive until the watchdog gives up on the
 * stall (20 s of silence at an 8 s heartbeat), after the outbox's 15 s hold.
 */
const stallingMs = 18_000;
const heartbeatMs = 8_000;

it('resends a send whose reply was lost with the same Request-ID, and the server stores it once', async () => {
  const sandbox = await startTestSandbox({ heartbeatMs });
  const proxy = await startFaultyProxy(sandbox.url);
  onTestFinished(() => proxy.close());
  const { a, b } = await nurseAndDoctor(sandbox, { apiUrl: proxy.apiUrl, tuning: { ...quickRecovery, heartbeatMs } });

  let droppedAt: number | undefined;
  proxy.plan = {
    call(method, path) {
      if (droppedAt !== undefined || !isSend(method, path)) return 'pass';
      droppedAt = Date.now();
      proxy.dropStreams();
      return { drop: 'after-delivery' };
    },
    stream: () => (droppedAt !== undefined && Date.now() - droppedAt < stallingMs ? 'stall' : 'pass'),
  };
  await a.runtime.outbox.send({ conversationId: b.user.token, conversationKind: 'user', body: 'give 5 mg once' });
  await until('the send to go again and settle', () => storedJobs(a.runtime.store) === 0, 40_000);
  // The proxy lists requests in the order it decided them: a stream opened in the same
  // millisecond as the lost send but before it was decided (and dropped with the others) is not one since.
  const sends = proxy.requests.filter((request) => isSend(request.method, request.path));
  const streamsSinceDrop = proxy.requests.slice(proxy.requests.indexOf(sends[0]!)).filter((request) => isStream(request.method, request.path));
  const [sent] = storedMessages(a.runtime.store, b.user.token, 'out');

  // Settled while every stream since the lost reply stalled: by the server's 304, not by the echo.
  expect(streamsSinceDrop.length).toBeGreaterThan(0);
  expect(streamsSinceDrop.every((request) => request.fault === 'stall')).toBe(true);
  expect(sends.map((request) => request.fault)).toEqual([{ drop: 'after-delivery' }, 'pass']);
  expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(15_000);
  expect(sends.map((request) => request.requestId)).toEqual([sent!.clientId, sent!.clientId]);
  expect(sent).toMatchObject({ body: 'give 5 mg once', status: 'sent' });

  await until('the message to be delivered once the streams carry events again', () =>
    storedMessages(a.runtime.store, b.user.token, 'out')[0]?.status === 'delivered', 60_000);
  expect(serverMessages(sandbox.dataDir, a.user.token, b.user.token).map((message) => [message.body, message.clientId]))
    .toEqual([['give 5 mg once', sent!.clientId]]);
  expect(storedMessages(a.runtime.store, b.user.token, 'out').map((message) => message.token)).toEqual([sent!.token]);
  expect(storedMessages(b.runtime.store, a.user.token, 'in').map((message) => message.body)).toEqual(['give 5 mg once']);
}, 150_000);
