import { screenLockFor } from '../support/screen-lock';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../main/core/log/logger';
import { SessionManager } from '../../main/core/session';
import { SessionOnlySecretStore, Vault } from '../../main/core/vault';
import { sandboxReport } from '../../main/embedded-sandbox/sandbox-messages';
import type { SandboxReport } from '../../main/embedded-sandbox/sandbox-messages';
import { startEmbeddedSandbox } from '../../main/shell/sandbox-process';
import { runSandboxUtility } from '../../main/shell/sandbox-utility';
import { sessionCalls } from '../../main/window-api/session-calls';
import { startSandbox } from '../../sandbox';
import type { RunningSandbox } from '../../sandbox';

/** Electron's ParentPort as the utility process sees it: messages in, messages out. */
function fakeParentPort() {
  const port = Object.assign(new EventEmitter(), {
    sent: [] as unknown[],
    postMessage: (message: unknown) => void port.sent.push(message),
  });
  return port;
}

/** A UtilityProcess as main sees it; the test plays the child. */
function fakeUtility() {
  const child = Object.assign(new EventEmitter(), {
    posted: [] as unknown[],
    killed: 0,
    postMessage: (message: unknown) => void child.posted.push(message),
    kill: () => {
      child.killed += 1;
      return true;
    },
  });
  return child;
}

const ready: SandboxReport = { kind: 'ready', apiUrl: 'http://127.0.0.1:7443/v2', port: 7443, demoUser: { userId: 'alex.morgan', password: 'pw' } };

describe('the embedded sandbox, seen from main', () => {
  it('is forked with its port and data folder and resolves on the ready report, ignoring anything else', async () => {
    const child = fakeUtility();
    const forks: { modulePath: string; args: string[]; serviceName: string | undefined }[] = [];
    const starting = startEmbeddedSandbox(
      (modulePath, args, options) => {
        forks.push({ modulePath, args, serviceName: options.serviceName });
        return child as never;
      },
      { bundlePath: '/app/dist/sandbox/utility.cjs', dataDir: '/data/sandbox', port: 0 },
    );
    child.emit('message', { kind: 'ready', apiUrl: 'http://evil.example/v2', port: 1, demoUser: { userId: 'x', password: 'y' } });
    child.emit('message', 'hello');
    child.emit('message', ready);
    const sandbox = await starting;
    expect(forks).toEqual([{ modulePath: '/app/dist/sandbox/utility.cjs', args: ['--port', '0', '--data-dir', '/data/sandbox'], serviceName: 'TigerDesk sandbox' }]);
    expect(sandbox).toMatchObject({ apiUrl: 'http://127.0.0.1:7443/v2', port: 7443 });

    const stopping = sandbox.stop();
    expect(child.posted).toEqual([{ kind: 'stop' }]);
    child.emit('exit', 0);
    await stopping;
    expect(child.killed).toBe(0);
  });

  it('reports when it ends after it was ready, so that it can be started again', async () => {
    const child = fakeUtility();
    const exits: number[] = [];
    const starting = startEmbeddedSandbox(() => child as never, { bundlePath: 'b', dataDir: 'd', port: 0, exited: (code) => exits.push(code) });
    child.emit('message', ready);
    await starting;
    child.emit('exit', 9);
    expect(exits).toEqual([9]);
  });

  it('is killed when it does not stop in time', async () => {
    const child = fakeUtility();
    const starting = startEmbeddedSandbox(() => child as never, { bundlePath: 'b', dataDir: 'd', port: 0 });
    child.emit('message', ready);
    await (await starting).stop(10);
    expect(child.killed).toBe(1);
  });

  it('reports why it failed, or that it exited before it was ready', async () => {
    const failing = fakeUtility();
    const first = startEmbeddedSandbox(() => failing as never, { bundlePath: 'b', dataDir: 'd', port: 7443 });
    failing.emit('message', { kind: 'failed', reason: 'listen EADDRINUSE: address already in use 127.0.0.1:7443' });
    await expect(first).rejects.toThrow('could not start: listen EADDRINUSE');

    const crashing = fakeUtility();
    const second = startEmbeddedSandbox(() => crashing as never, { bundlePath: 'b', dataDir: 'd', port: 0 });
    crashing.emit('exit', 3);
    await expect(second).rejects.toThrow('exited with code 3 before it was ready');
  });
});

describe('the embedded sandbox, in its utility process', () => {
  it('says precisely what is wrong with its arguments', async () => {
    const parent = fakeParentPort();
    expect(await runSandboxUtility(parent as never, ['--port', 'eighty'])).toBeNull();
    expect(parent.sent).toEqual([{ kind: 'failed', reason: 'the sandbox utility needs --port 0-65535 and --data-dir' }]);
  });
});

describe('"Try the local sandbox"', () => {
  let dir: string;
  let parent: ReturnType<typeof fakeParentPort>;
  let running: RunningSandbox | null;
  const exits: number[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tigerdesk-embedded-'));
    parent = fakeParentPort();
    running = await runSandboxUtility(parent as never, ['--port', '0', '--data-dir', join(dir, 'sandbox')], {
      start: startSandbox,
      exit: (code) => exits.push(code),
    });
  });
  afterAll(async () => {
    if (exits.length === 0) await running?.close();
    await rm(dir, { recursive: true, force: true });
  });

  function session() {
    return new SessionManager({
      vault: new Vault(new SessionOnlySecretStore()),
      dataRoot: join(dir, 'data'),
      clientVersion: 'tigerdesk-test',
      fetch,
      log: createLogger('session', () => {}),
      signOutTimeoutMs: 2_000,
    });
  }

  it('starts the sandbox on a loopback port and signs in as the demo user', async () => {
    const report = v.parse(sandboxReport, parent.sent[0]);
    if (report.kind !== 'ready') throw new Error(`the sandbox did not start: ${JSON.stringify(report)}`);
    const manager = session();
    // The sign-in answers only once the account's runtime is open (here: once this resolves).
    let runtimeOpen = false;
    const accountReady = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      runtimeOpen = true;
    };
    const calls = sessionCalls({ session: manager, policy: {}, startSandbox: async () => report, accountReady, lock: screenLockFor(manager) });
    const account = await calls.trySandbox(undefined);
    expect(runtimeOpen).toBe(true);
    expect(account).toMatchObject({ displayName: 'Alex Morgan', server: report.apiUrl, active: true });
    // The demo user's password was never typed: nothing but a PIN will unlock this account.
    expect(await calls.sessionState(undefined)).toEqual({ kind: 'signed-in', account, lock: expect.objectContaining({ locked: false, method: null }) });
    expect(await calls.accounts(undefined)).toEqual([account]);
    await calls.signOut(undefined);
    expect(await calls.sessionState(undefined)).toEqual({ kind: 'signed-out' });
  });

  it('is refused, without starting anything, where hospital IT hid it or set a server', async () => {
    let started = 0;
    const startSandboxCounted = async () => {
      started += 1;
      throw new Error('must not start');
    };
    for (const policy of [{ offerSandbox: false }, { serverUrl: 'https://tt.hospital.example/v2' }]) {
      const manager = session();
      const calls = sessionCalls({ session: manager, policy, accountReady: async () => {}, startSandbox: startSandboxCounted, lock: screenLockFor(manager) });
      await expect(calls.trySandbox(undefined)).rejects.toThrow('do not offer the local sandbox');
    }
    expect(started).toBe(0);
  });

  it('refuses a sign-in to another server than the managed one before any network call', async () => {
    const report = v.parse(sandboxReport, parent.sent[0]);
    if (report.kind !== 'ready') throw new Error('the sandbox did not start');
    const manager = session();
    const calls = sessionCalls({
      session: manager,
      policy: { serverUrl: 'https://tt.hospital.example/v2' },
      startSandbox: async () => report,
      accountReady: async () => {},
      lock: screenLockFor(manager),
    });
    await expect(calls.signInWithPassword({ server: report.apiUrl, ...report.demoUser })).rejects.toThrow('allow only the server https://tt.hospital.example/v2');
  });

  it('closes its database and exits when main asks it to stop', async () => {
    parent.emit('message', { data: { kind: 'stop' } });
    parent.emit('message', { data: { kind: 'stop' } });
    await expect.poll(() => exits, { timeout: 5_000 }).toEqual([0]);
  });
});
