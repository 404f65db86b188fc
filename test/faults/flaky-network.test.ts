// Scenario 3: a server that answers 500, 503 and 429 (with Retry-After) in bursts, an event
// stream that stalls half-way through an event, and one that trickles in a few bytes at a time.
import { expect, it, onTestFinished } from 'vitest';
import type { SandboxOptions } from '../../sandbox';
import { nurseAndDoctor } from '../support/nurse-and-doctor';
import { startTestSandbox } from '../support/sandbox-fixture';
import { until } from './support/fault-client';
import type { FaultClient, RuntimeTuning } from './support/fault-client';
import { startFaultyProxy } from './support/faulty-proxy';
import type { CallFault, FaultPlan, StreamFault } from './support/faulty-proxy';
import { serverMessages, storedJobs, storedMessages } from './support/ledger';
import { seeded } from '../support/seeded';

/** A sandbox behind a faulty proxy, that passes every call until the test gives it a plan, and Nurse Ames and Doctor Baker signed in through it. */
async function behindFaultyProxy(options: { sandbox?: SandboxOptions; tuning?: RuntimeTuning } = {}) {
  const sandbox = await startTestSandbox(options.sandbox);
  const proxy = await startFaultyProxy(sandbox.url);
  onTestFinished(() => proxy.close());
  const { a, b } = await nurseAndDoctor(sandbox, { apiUrl: proxy.apiUrl, tuning: options.tuning });
  return { sandbox, proxy, a, b };
}

/** Bursts of one kind of failure, a few calls long, between stretches of calls that pass. */
function burstyPlan(random: () => number, streams: StreamFault[]): FaultPlan {
  const kinds: CallFault[] = [{ status: 500 }, { status: 503, retryAfterSeconds: 1 }, { status: 429, retryAfterSeconds: 1 }];
  let burst: { fault: CallFault; left: number } | undefined;
  return {
    call() {
      if (burst === undefined && random() < 0.08) burst = { fault: kinds[Math.floor(random() * kinds.length)]!, left: 2 + Math.floor(random() * 5) };
      if (burst === undefined) return 'pass';
      const { fault } = burst;
      burst.left -= 1;
      if (burst.left === 0) burst = undefined;
      return fault;
    },
    stream: () => streams.shift() ?? 'pass',
  };
}

it('delivers every message once, in order, through bursts of 500, 503 and 429 and event streams that stall and trickle', async () => {
  const seed = Date.now();
  const random = seeded(seed);
  // A short heartbeat so that the clients' watchdogs give up on a stalled stream within a second or two.
  const tuning = { heartbeatMs: 300, reconnectBackoff: { baseMs: 50, capMs: 400 }, outboxRetry: { baseMs: 50, capMs: 400 }, timeoutMs: 5_000 };
  const { sandbox, proxy, a, b } = await behindFaultyProxy({ sandbox: { heartbeatMs: 300 }, tuning });

  proxy.plan = burstyPlan(random, ['stall', 'trickle', 'stall', 'trickle', 'stall', 'trickle']);
  // Every stream reconnects now, under the plan.
  a.runtime.networkBack();
  b.runtime.networkBack();
  const sent = new Map<FaultClient, string[]>([[a, []], [b, []]]);
  for (let n = 0; n < 200; n += 1) {
    const [from, to] = random() < 0.5 ? [a, b] : [b, a];
    const body = `note ${n} from ${from.user.displayName}`;
    sent.get(from)!.push(body);
    await from.runtime.outbox.send({ conversationId: to.user.token, conversationKind: 'user', body });
    if (n % 50 === 49) {
      // New connections now and then, so that the stalls and trickles hit streams that carry messages.
      a.runtime.networkBack();
      b.runtime.networkBack();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const settled = (from: FaultClient, to: FaultClient) =>
    storedMessages(from.runtime.store, to.user.token, 'out').every((message) => message.status === 'delivered')
    && storedMessages(to.runtime.store, from.user.token, 'in').length === sent.get(from)!.length;
  await until('both clients to hold every message, delivered', () => settled(a, b) && settled(b, a), 200_000);

  const faults = proxy.requests.map((request) => request.fault);
  for (const kind of [500, 503, 429]) {
    expect(faults.some((fault) => typeof fault === 'object' && 'status' in fault && fault.status === kind), `seed ${seed}: no ${kind} was injected`).toBe(true);
  }
  expect(faults.filter((fault) => fault === 'stall')).toHaveLength(3);
  expect(faults.filter((fault) => fault === 'trickle')).toHaveLength(3);

  for (const [from, to] of [[a, b], [b, a]] as const) {
    const bodies = sent.get(from)!;
    const server = serverMessages(sandbox.dataDir, from.user.token, to.user.token);
    expect(server.map((message) => message.body), `seed ${seed}`).toEqual(bodies);
    expect(new Set(server.map((message) => message.clientId)).size, `seed ${seed}`).toBe(bodies.length);
    expect(storedMessages(from.runtime.store, to.user.token, 'out').map((message) => message.body), `seed ${seed}`).toEqual(bodies);
    expect(storedMessages(to.runtime.store, from.user.token, 'in').map((message) => message.body), `seed ${seed}`).toEqual(bodies);
    expect(storedJobs(from.runtime.store), `seed ${seed}`).toBe(0);
  }
}, 300_000);

it('waits out a 503 or 429 Retry-After before sending again', async () => {
  const { sandbox, proxy, a, b } = await behindFaultyProxy();

  const answers: (CallFault | 'pass')[] = [{ status: 503, retryAfterSeconds: 2 }, { status: 429, retryAfterSeconds: 1 }];
  proxy.plan = { call: (method, path) => (method === 'POST' && /^\/v2\/message\/?$/.test(path) ? answers.shift() ?? 'pass' : 'pass'), stream: () => 'pass' };
  await a.runtime.outbox.send({ conversationId: b.user.token, conversationKind: 'user', body: 'hold on' });
  await until('the message to reach its recipient', () => storedMessages(b.runtime.store, a.user.token, 'in').length === 1, 40_000);

  const sends = proxy.requests.filter((request) => request.method === 'POST' && /^\/v2\/message\/?$/.test(request.path));
  expect(sends.map((request) => (typeof request.fault === 'object' && 'status' in request.fault ? request.fault.status : request.fault))).toEqual([503, 429, 'pass']);
  expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(2_000);
  expect(sends[2]!.at - sends[1]!.at).toBeGreaterThanOrEqual(1_000);
  expect(serverMessages(sandbox.dataDir, a.user.token, b.user.token).map((message) => message.body)).toEqual(['hold on']);
}, 60_000);

// Found by the sandbox-kills scenario: a connection dropped after the request went out (a
// server that crashed after committing, a proxy or Wi-Fi that drops) may have delivered it, so
// the send must wait for the server's echo instead of going again at once.
it('sends a message once when the connection drops after the server took it', async () => {
  const { sandbox, proxy, a, b } = await behindFaultyProxy();

  // The first send reaches the server, but its connection drops before the reply, and the event
  // stream goes down with it for a moment: the server's echo cannot tell the client it got it.
  let droppedAt: number | undefined;
  proxy.plan = {
    call(method, path) {
      if (droppedAt !== undefined || method !== 'POST' || !/^\/v2\/message\/?$/.test(path)) return 'pass';
      droppedAt = Date.now();
      proxy.dropStreams();
      return { drop: 'after-delivery' };
    },
    stream: () => (droppedAt !== undefined && Date.now() - droppedAt < 1_500 ? 'refuse' : 'pass'),
  };
  await a.runtime.outbox.send({ conversationId: b.user.token, conversationKind: 'user', body: 'give 5 mg once' });
  await until('the send to settle and be delivered', () =>
    storedJobs(a.runtime.store) === 0 && storedMessages(a.runtime.store, b.user.token, 'out')[0]?.status === 'delivered', 30_000);
  // Time for a second copy, if any, to reach the recipient.
  await new Promise((resolve) => setTimeout(resolve, 1_000));

  expect(droppedAt).toBeDefined();
  expect(serverMessages(sandbox.dataDir, a.user.token, b.user.token).map((message) => message.body)).toEqual(['give 5 mg once']);
  expect(storedMessages(b.runtime.store, a.user.token, 'in').map((message) => message.body)).toEqual(['give 5 mg once']);
}, 60_000);
