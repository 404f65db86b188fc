import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index';
import type { RunningSandbox } from '../../sandbox/index';
import { newPerson } from '../sandbox/support/people';
import type { TestPerson } from '../sandbox/support/people';
import { openHarness, testCacheKey, testStoreKey } from './outbox-fixture';
import { readRecipient } from './recipient-view';
import { seeded } from '../support/seeded';

const childScript = fileURLToPath(new URL('./drain-child.ts', import.meta.url));
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Run {
  sent: number;
  outcome: 'killed' | 'drained';
}

/** When to kill: `ms` after the process reported its `sent`-th message sent (0: after it is ready). */
interface KillPoint {
  sent: number;
  ms: number;
}

/** Starts the core process and kills it with SIGKILL at `kill`, or lets it drain when null. */
function runCore(env: Record<string, string>, kill: KillPoint | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let sent = 0;
    let drained = false;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const killSoon = () => setTimeout(() => child.kill('SIGKILL'), kill!.ms);
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line === 'sent') {
          sent += 1;
          if (kill?.sent === sent) killSoon();
        }
        if (line === 'drained') drained = true;
        if (line === 'ready' && kill?.sent === 0) killSoon();
      }
    });
    // A core process that never finishes would hang the test: it gets 30 s per run.
    const watchdog = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`core process did not finish within 30 s: ${stderr.slice(0, 2_000)}`));
    }, 30_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      if (signal === 'SIGKILL') resolve({ sent, outcome: 'killed' });
      else if (code === 0 && drained) resolve({ sent, outcome: 'drained' });
      else reject(new Error(`core process exited with ${code ?? signal}: ${stderr.slice(0, 2_000)}`));
    });
  });
}

describe('a core process killed while draining', () => {
  it('leaves every recipient with exactly the messages sent, once each, in order, after 20 SIGKILLs', async () => {
    const sandbox: RunningSandbox = await startSandbox();
    cleanup.push(() => sandbox.close());
    const sender = await newPerson(sandbox, 'Nurse');
    const recipients: TestPerson[] = [];
    for (let n = 0; n < 4; n += 1) recipients.push(await newPerson(sandbox, `Doctor ${n}`));
    const dir = mkdtempSync(join(tmpdir(), 'tigerdesk-outbox-crash-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));

    const queue = openHarness({ apiUrl: sandbox.apiUrl, dir, senderOrganization: sandbox.organizationKey });
    const expected = new Map<string, string[]>(recipients.map((person) => [person.token, []]));
    for (let n = 0; n < 120; n += 1) {
      const to = recipients[n % recipients.length]!;
      const body = `note ${n}`;
      expected.get(to.token)!.push(body);
      await queue.outbox.send({ conversationId: to.token, conversationKind: 'user', body });
    }
    await queue.close();

    const env = {
      OUTBOX_CHILD_CONFIG: JSON.stringify({
        dir, storeKey: testStoreKey, cacheKey: testCacheKey, apiUrl: sandbox.apiUrl, key: sender.key, secret: sender.secret,
        senderToken: sender.token, senderOrganization: sandbox.organizationKey,
      }),
    };
    const seed = Date.now();
    const random = seeded(seed);
    const runs: Run[] = [];
    for (let kill = 0; kill < 20; kill += 1) {
      runs.push(await runCore(env, { sent: Math.floor(random() * 8), ms: Math.floor(random() * 12) }));
    }
    runs.push(await runCore(env, null));
    expect(runs.at(-1)!.outcome, `seed ${seed}`).toBe('drained');
    expect(runs.filter((run) => run.outcome === 'killed'), `seed ${seed}`).toHaveLength(20);
    // The kills must have landed during the drain, not all before or after it.
    expect(runs.slice(0, 20).filter((run) => run.sent > 0).length, `seed ${seed}`).toBeGreaterThan(3);

    for (const person of recipients) {
      // Not even a second server copy: a send cut off mid-request waited for the replay, whose echo finished it.
      const received = await readRecipient(person, sender.token);
      expect(received.map((message) => message.body), `seed ${seed}`).toEqual(expected.get(person.token));
      expect(new Set(received.map((message) => message.clientId)).size, `seed ${seed}`).toBe(30);
    }

    const after = openHarness({ apiUrl: sandbox.apiUrl, dir, senderOrganization: sandbox.organizationKey });
    cleanup.push(() => after.close());
    expect(after.outbox.jobs()).toEqual([]);
    const statuses = after.store.statements.prepare<{ status: string; n: number }>(
      `SELECT status, count(*) AS n FROM messages GROUP BY status`,
    ).all();
    expect(statuses).toEqual([{ status: 'sent', n: 120 }]);
  }, 180_000);
});
