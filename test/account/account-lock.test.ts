import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountLockError, openAccount } from '../../main/core/account';
import type { AccountRuntime } from '../../main/core/account';
import { lockFileName } from '../../main/core/account/account-lock';
import { createLogger } from '../../main/core/log/logger';
import { accountFiles } from '../../main/core/session';
import type { SessionManager } from '../../main/core/session';
import { openStore, StoreOpenError } from '../../main/core/store';
import { useSandbox } from '../support/sandbox-fixture';
import { newUser } from '../session/fixtures/sandbox-users';
import { useSessionHarness } from '../session/fixtures/session-harness';

const sandbox = useSandbox();
const harness = useSessionHarness();
const childScript = join(import.meta.dirname, 'support', 'account-child.ts');
const children: ChildProcess[] = [];
const runtimes: AccountRuntime[] = [];

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.close();
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

interface Child {
  pid: number;
  process: ChildProcess;
  /** What it printed: `open`, `refused <message>`, `closed`. */
  lines: string[];
  /** Resolves once it printed a line matching `pattern`. */
  said(pattern: RegExp): Promise<string>;
  exited: Promise<number | null>;
}

/** Another TigerDesk process opening the signed-in account of this test's keychain service and folder. */
function startChild(): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript], {
    env: { ...process.env, ACCOUNT_CHILD_CONFIG: JSON.stringify({ service: harness.service, dataRoot: harness.dataRoot }) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter((line) => line !== '')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    pid: child.pid!,
    process: child,
    lines,
    exited,
    async said(pattern) {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const line = lines.find((candidate) => pattern.test(candidate));
        if (line !== undefined) return line;
        if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
          throw new Error(`the child did not say ${pattern}: ${lines.join(' | ')} ${stderr.slice(0, 2_000)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}

function inUse(pid: number): string {
  return `This account is open in another TigerDesk process (pid ${pid}). Close it, or use another data folder.`;
}

async function signedIn(name: string): Promise<{ session: SessionManager; dir: string; lock: string }> {
  const me = await newUser(sandbox.url, name);
  const session = harness.manager();
  const account = await session.signInWithKey({ server: sandbox.apiUrl, key: me.key, secret: me.secret });
  const dir = accountFiles(harness.dataRoot, account.id).dir;
  return { session, dir, lock: join(dir, lockFileName) };
}

async function open(session: SessionManager): Promise<AccountRuntime> {
  const runtime = await openAccount({ session, log: createLogger('account', (record) => harness.logs.push(record)) });
  runtimes.push(runtime);
  return runtime;
}

async function closeAll(): Promise<void> {
  for (const runtime of runtimes.splice(0)) await runtime.close();
}

/** Every file under `dir` with its size and modification time: what a refused open must leave as it was. */
function snapshot(dir: string): Record<string, [number, number]> {
  const files: Record<string, [number, number]> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const stat = statSync(join(dir, name));
    files[name] = [stat.size, stat.mtimeMs];
  }
  return files;
}

function takeOvers(): unknown[] {
  return harness.logs.filter((record) => record.level === 'warn' && record.message.includes('taking over the account lock')).map((record) => record.fields);
}

describe('one process per account folder', () => {
  it('refuses a second process while the first has the account open, naming its pid and changing nothing on disk', async () => {
    const { session, dir, lock } = await signedIn('Locked Nurse');
    const first = startChild();
    await first.said(/^open$/);
    const before = snapshot(dir);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: first.pid });

    const second = startChild();
    expect(await second.exited).toBe(6);
    expect(second.lines).toEqual([`refused ${inUse(first.pid)}`]);
    const refusal = await openAccount({ session, log: createLogger('account', () => undefined) }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AccountLockError);
    expect(refusal).toMatchObject({ holderPid: first.pid, message: inUse(first.pid) });
    expect(snapshot(dir)).toEqual(before);

    first.process.stdin!.end();
    expect(await first.exited).toBe(0);
    expect(first.lines).toEqual(['open', 'closed']);
    expect(existsSync(lock)).toBe(false);
    await open(session);
    expect(takeOvers()).toEqual([]);
  });

  it('takes the account over from a process killed with SIGKILL, and says so in the log', async () => {
    const { session, lock } = await signedIn('Crashed Nurse');
    const first = startChild();
    await first.said(/^open$/);
    first.process.kill('SIGKILL');
    await first.exited;
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: first.pid });

    await open(session);
    expect(takeOvers()).toEqual([expect.objectContaining({ pid: first.pid })]);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid });
    await closeAll();
    expect(existsSync(lock)).toBe(false);
  });

  it('gives a dead process\'s account to exactly one of three processes racing for it, and refuses the others with its pid', async () => {
    await signedIn('Raced Nurse');
    const crashed = startChild();
    await crashed.said(/^open$/);
    crashed.process.kill('SIGKILL');
    await crashed.exited;

    const racers = [startChild(), startChild(), startChild()];
    const outcomes = await Promise.all(racers.map((racer) => racer.said(/^(open|refused .*)$/)));
    const winners = racers.filter((_racer, index) => outcomes[index] === 'open');
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    expect(outcomes.filter((outcome) => outcome !== 'open')).toEqual([`refused ${inUse(winner.pid)}`, `refused ${inUse(winner.pid)}`]);
    winner.process.stdin!.end();
    expect(await winner.exited).toBe(0);
  }, 60_000);

  it('refuses a second runtime of the account in this process until the first is closed', async () => {
    const { session, lock } = await signedIn('Twice Nurse');
    await open(session);
    await expect(openAccount({ session, log: createLogger('account', () => undefined) })).rejects.toThrow(
      `This account is already open in this TigerDesk process (pid ${process.pid}): close it before opening it again`,
    );
    await closeAll();
    expect(existsSync(lock)).toBe(false);
    await open(session);
    expect(existsSync(lock)).toBe(true);
    expect(takeOvers()).toEqual([]);
  });

  it('releases the lock when the database fails to open after the lock was taken', async () => {
    const { session, lock } = await signedIn('Newer Nurse');
    await open(session);
    await closeAll();
    const { databaseKey, files } = await session.opened();
    const store = openStore({ dir: files.dir, key: databaseKey });
    store.statements.db.pragma('user_version = 999');
    store.close();

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const failure = await openAccount({ session, log: createLogger('account', () => undefined) }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreOpenError);
      expect(failure).toMatchObject({ reason: 'newer-version' });
      expect(existsSync(lock)).toBe(false);
    }
  });

  it('takes over a lock left under this process\'s own pid by an earlier process, and one left empty by a crash mid-write', async () => {
    const { session, lock } = await signedIn('Reused Nurse');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, takenAt: '2026-01-01T00:00:00.000Z', nonce: 'an-earlier-process' }));
    await open(session);
    await closeAll();
    writeFileSync(lock, '');
    await open(session);
    await closeAll();
    expect(takeOvers()).toEqual([
      expect.objectContaining({ pid: process.pid, takenAt: '2026-01-01T00:00:00.000Z' }),
      expect.objectContaining({ pid: null }),
    ]);
    expect(existsSync(lock)).toBe(false);
  });
});
