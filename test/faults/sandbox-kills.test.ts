// Scenario 1: the server dies hard (SIGKILL) and comes back on the same port and data, 20
// times, while two clients write to each other. Nothing may be lost or doubled on either side.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { freePort, startSandboxProcess } from '../session/fixtures/sandbox-process';
import type { SandboxProcess } from '../session/fixtures/sandbox-process';
import { nurseAndDoctor } from '../support/nurse-and-doctor';
import { until } from './support/fault-client';
import type { FaultClient } from './support/fault-client';
import { serverMessages, storedJobs, storedMessages } from './support/ledger';
import { seeded } from '../support/seeded';

const total = 2_000;
const kills = 20;

it('loses and doubles none of 2,000 messages between two clients while the sandbox is SIGKILLed and restarted 20 times', async () => {
  const seed = Date.now();
  const random = seeded(seed);
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'tigerdesk-fault-sandbox-'));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  let sandbox: SandboxProcess = await startSandboxProcess(port, dataDir);
  onTestFinished(() => sandbox.kill());
  const { a, b } = await nurseAndDoctor(sandbox);
  const sent = new Map<FaultClient, string[]>([[a, []], [b, []]]);

  const perRound = total / kills;
  const unsentAtKill: number[] = [];
  const unsent = (from: FaultClient) => from.runtime.outbox.jobs().length;
  for (let round = 0; round < kills; round += 1) {
    for (let n = 0; n < perRound; n += 1) {
      const [from, to] = random() < 0.5 ? [a, b] : [b, a];
      const body = `round ${round} note ${n} from ${from.user.displayName}`;
      sent.get(from)!.push(body);
      await from.runtime.outbox.send({ conversationId: to.user.token, conversationKind: 'user', body });
    }
    // The kill lands while the round's sends are in flight: some accepted, some cut off mid-request.
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.floor(random() * 100)));
    unsentAtKill.push(unsent(a) + unsent(b));
    await sandbox.kill();
    sandbox = await startSandboxProcess(port, dataDir);
  }

  // The kills must have cut into the sending, not fallen between rounds.
  expect(unsentAtKill.filter((count) => count > 0).length, `seed ${seed}: ${unsentAtKill.join(',')}`).toBeGreaterThan(kills / 2);

  const settled = (from: FaultClient, to: FaultClient) =>
    storedMessages(from.runtime.store, to.user.token, 'out').filter((message) => message.status === 'delivered').length === sent.get(from)!.length
    && storedMessages(to.runtime.store, from.user.token, 'in').length === sent.get(from)!.length;
  await until('both clients to hold every message, delivered', () => settled(a, b) && settled(b, a), 180_000);

  for (const [from, to] of [[a, b], [b, a]] as const) {
    const bodies = sent.get(from)!;
    const server = serverMessages(dataDir, from.user.token, to.user.token);
    expect(server.map((message) => message.body), `seed ${seed}`).toEqual(bodies);
    expect(new Set(server.map((message) => message.clientId)).size, `seed ${seed}`).toBe(bodies.length);
    expect(server.every((message) => (message.recipientStatus ?? 0) >= 1), `seed ${seed}`).toBe(true);

    const outgoing = storedMessages(from.runtime.store, to.user.token, 'out');
    expect(outgoing.map((message) => message.body), `seed ${seed}`).toEqual(bodies);
    expect(new Set(outgoing.map((message) => message.status)), `seed ${seed}`).toEqual(new Set(['delivered']));
    const incoming = storedMessages(to.runtime.store, from.user.token, 'in');
    expect(incoming.map((message) => message.body), `seed ${seed}`).toEqual(bodies);
    expect(new Set(incoming.map((message) => message.token)).size, `seed ${seed}`).toBe(bodies.length);
    expect(storedJobs(from.runtime.store), `seed ${seed}`).toBe(0);
  }
}, 420_000);
