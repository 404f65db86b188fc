// Scenario 2: a client process killed (SIGKILL) at random points while it sends and receives,
// 20 times, talking with a second client that keeps running. Nothing may be lost or doubled.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { openAccount } from '../../main/core/account';
import { startTestSandbox } from '../support/sandbox-fixture';
import { sessionHarness } from '../session/fixtures/session-harness';
import { newUser } from '../session/fixtures/sandbox-users';
import { signedInClient, until } from './support/fault-client';
import { serverMessages, storedJobs, storedMessages } from './support/ledger';
import { seeded } from '../support/seeded';

const childScript = join(import.meta.dirname, 'support', 'client-child.ts');
const kills = 20;
const childTarget = 200;
const peerPerRound = 10;

interface ChildRun {
  queued: number;
  outcome: 'killed' | 'stopped';
}

/** Runs the client process; kills it `killAfterMs` after it is ready, or, when null, stops it once `stopWhen` holds. */
function runChild(env: NodeJS.ProcessEnv, killAfterMs: number | null, stopWhen: () => boolean = () => true): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let queued = 0;
    let stderr = '';
    let poll: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.startsWith('queued ')) queued = Number(line.slice(7));
        if (line !== 'ready') continue;
        if (killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        else poll = setInterval(() => {
          if (!stopWhen()) return;
          clearInterval(poll);
          child.stdin.write('stop\n');
        }, 50);
      }
    });
    const watchdog = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the client process did not finish within 90 s: ${stderr.slice(0, 2_000)}`));
    }, 90_000);
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      clearInterval(poll);
      if (signal === 'SIGKILL' && killAfterMs !== null) resolve({ queued, outcome: 'killed' });
      else if (code === 0) resolve({ queued, outcome: 'stopped' });
      else reject(new Error(`the client process exited with ${code ?? signal}: ${stderr.slice(0, 2_000)}`));
    });
  });
}

it('loses and doubles nothing between two clients while one of them is SIGKILLed 20 times, sending and receiving', async () => {
  const seed = Date.now();
  const random = seeded(seed);
  const sandbox = await startTestSandbox();
  const peer = await signedInClient(sandbox.url, sandbox.apiUrl, 'Doctor Baker');
  onTestFinished(() => peer.close());
  const user = await newUser(sandbox.url, 'Nurse Ames');
  const harness = await sessionHarness();
  onTestFinished(() => harness.cleanUp());
  await harness.manager().signInWithKey({ server: sandbox.apiUrl, key: user.key, secret: user.secret });
  const env = {
    ...process.env,
    CLIENT_CHILD: JSON.stringify({ service: harness.service, dataRoot: harness.dataRoot, peer: peer.user.token, target: childTarget, paceMs: 80 }),
  };

  const peerSent: string[] = [];
  const runs: ChildRun[] = [];
  for (let round = 0; round < kills; round += 1) {
    for (let n = 0; n < peerPerRound; n += 1) {
      const body = `from the peer ${peerSent.length}`;
      peerSent.push(body);
      await peer.runtime.outbox.send({ conversationId: user.token, conversationKind: 'user', body });
    }
    runs.push(await runChild(env, 100 + Math.floor(random() * 900)));
  }
  const peerDone = () =>
    storedMessages(peer.runtime.store, user.token, 'in').length === childTarget
    && storedMessages(peer.runtime.store, user.token, 'out').every((message) => message.status === 'delivered');
  runs.push(await runChild(env, null, peerDone));
  expect(runs.at(-1)!.outcome).toBe('stopped');
  // The kills must have landed while the child was sending, not all before or after.
  const progress = runs.map((run) => run.queued);
  expect(progress.slice(0, kills).filter((queued) => queued > 0 && queued < childTarget).length, `seed ${seed}: ${progress.join(',')}`).toBeGreaterThan(kills / 2);

  const childSent = Array.from({ length: childTarget }, (_, n) => `from the child ${n}`);
  expect(serverMessages(sandbox.dataDir, user.token, peer.user.token).map((message) => message.body), `seed ${seed}`).toEqual(childSent);
  expect(serverMessages(sandbox.dataDir, peer.user.token, user.token).map((message) => message.body), `seed ${seed}`).toEqual(peerSent);
  await until('the peer to have every message', peerDone, 10_000);
  expect(storedMessages(peer.runtime.store, user.token, 'in').map((message) => message.body), `seed ${seed}`).toEqual(childSent);
  expect(storedMessages(peer.runtime.store, user.token, 'out').map((message) => message.body), `seed ${seed}`).toEqual(peerSent);
  expect(storedJobs(peer.runtime.store)).toBe(0);

  // The killed client's own store, opened as the app would open it next.
  const session = harness.manager();
  await session.restore();
  const reopened = await openAccount({ session, log: { info: () => undefined, warn: () => undefined, error: () => undefined } });
  onTestFinished(() => reopened.close());
  // Receipts the peer sent after the last run stopped wait on the server: the next start's replay brings them.
  await until('the server to hold the peer\'s receipts', () =>
    serverMessages(sandbox.dataDir, user.token, peer.user.token).every((message) => (message.recipientStatus ?? 0) >= 1), 10_000);
  await reopened.catchUp(15_000);
  expect(storedMessages(reopened.store, peer.user.token, 'out').map((message) => message.body), `seed ${seed}`).toEqual(childSent);
  expect(new Set(storedMessages(reopened.store, peer.user.token, 'out').map((message) => message.status)), `seed ${seed}`).toEqual(new Set(['delivered']));
  expect(storedMessages(reopened.store, peer.user.token, 'in').map((message) => message.body), `seed ${seed}`).toEqual(peerSent);
  expect(storedJobs(reopened.store)).toBe(0);
}, 300_000);
