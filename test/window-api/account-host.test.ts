import { screenLockFor } from '../support/screen-lock';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { englishText } from '../../i18n/english';
import { userText } from '../../i18n/user-text';
import type { AccountRuntime } from '../../main/core/account';
import { acquireAccountLock } from '../../main/core/account/account-lock';
import { createApiClient } from '../../main/core/api';
import { createLogger } from '../../main/core/log/logger';
import type { LogRecord } from '../../main/core/log/logger';
import { SessionManager } from '../../main/core/session';
import type { AccountSummary } from '../../main/core/session';
import { openStore, StoreOpenError } from '../../main/core/store';
import type { OpenStoreOptions } from '../../main/core/store';
import { SessionOnlySecretStore, Vault } from '../../main/core/vault';
import { AccountUnavailableError, hostAccount, unavailableReason } from '../../main/window-api/account-host';
import { callFailure } from '../../main/window-api/error-codes';
import { sessionCalls } from '../../main/window-api/session-calls';
import type { AccountHost, AccountHostOptions } from '../../main/window-api/account-host';
import type { ChangeSet, EventName } from '../../preload/contract';
import { startSandbox } from '../../sandbox';
import type { RunningSandbox } from '../../sandbox';
import { newUser } from '../session/fixtures/sandbox-users';
import type { SandboxUser } from '../session/fixtures/sandbox-users';
import { rejectionOf } from '../support/rejection';
import { waitFor } from './support/signed-in-account';

/** What opening a store with `options` throws; a store that opens fails the test. */
function storeOpenFailure(options: OpenStoreOptions): StoreOpenError {
  try {
    openStore(options).close();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreOpenError);
    return error as StoreOpenError;
  }
  throw new Error('the store opened');
}

interface Told {
  event: EventName;
  payload: unknown;
  /** Whether the host had a runtime open when the window was told. */
  runtimeOpen: boolean;
}

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});

let dataRoot: string;
let logs: LogRecord[];
let session: SessionManager;
let host: AccountHost | undefined;
let told: Told[];
let hooks: string[];
let changes: { change: ChangeSet; runtime: AccountRuntime }[];
let released: AccountRuntime[];
/** How many events the window had been told when each runtime was released. */
let toldBeforeRelease: number[];
beforeEach(async () => {
  dataRoot = await mkdtemp(join(tmpdir(), 'tigerdesk-account-host-'));
  logs = [];
  session = new SessionManager({
    vault: new Vault(new SessionOnlySecretStore()),
    dataRoot,
    clientVersion: 'tigerdesk-test',
    fetch,
    log: createLogger('session', (record) => logs.push(record)),
    signOutTimeoutMs: 1_000,
  });
  host = undefined;
  told = [];
  hooks = [];
  changes = [];
  released = [];
  toldBeforeRelease = [];
});
afterEach(async () => {
  await host?.close();
  await rm(dataRoot, { recursive: true, force: true });
});

function openHost(extra: Pick<AccountHostOptions, 'beforeOpen'> = {}): AccountHost {
  const opened = hostAccount({
    session,
    lock: screenLockFor(session),
    emit: (event, payload) => told.push({ event, payload, runtimeOpen: host?.current() != null }),
    log: createLogger('host', (record) => logs.push(record)),
    runtime: { log: createLogger('account', (record) => logs.push(record)), reconnectBackoff: { baseMs: 50, capMs: 200 }, timeoutMs: 3_000 },
    ...extra,
    changed: (change, runtime) => changes.push({ change, runtime }),
    started: () => hooks.push('started'),
    released: (runtime) => {
      hooks.push('released');
      released.push(runtime);
      toldBeforeRelease.push(told.length);
    },
  });
  host = opened;
  return opened;
}

/** A host whose accounts wait to open until `letOpen` is called, as behind a slow keychain or server. */
function openHostHeldBack(): { accountHost: AccountHost; letOpen: () => void } {
  let letOpen = () => {};
  const gate = new Promise<void>((resolve) => {
    letOpen = resolve;
  });
  return { accountHost: openHost({ beforeOpen: () => gate }), letOpen };
}

/** A host with `user` signed in, its runtime open and caught up with the server. */
async function signedInHost(user: SandboxUser): Promise<{ accountHost: AccountHost; runtime: AccountRuntime }> {
  const accountHost = openHost();
  await signIn(user);
  await accountHost.ready();
  const runtime = accountHost.current()!;
  await runtime.catchUp(10_000);
  return { accountHost, runtime };
}

function apiOf(user: SandboxUser) {
  return createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key: user.key, secret: user.secret }, organizationKey: sandbox.organizationKey });
}

const signIn = (user: SandboxUser) => session.signInWithKey({ server: sandbox.apiUrl, key: user.key, secret: user.secret });
const toldOf = (event: EventName) => told.filter((entry) => entry.event === event);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the account host', () => {
  it('opens the runtime when an account signs in, and is ready only once it has started', async () => {
    const me = await newUser(sandbox.url, 'Host Opener');
    const accountHost = openHost();

    await signIn(me);
    expect(accountHost.current()).toBeNull();
    await accountHost.ready();

    const runtime = accountHost.current();
    expect(runtime?.account.id).toBe(me.token);
    expect(hooks).toEqual(['started']);
    expect(runtime!.connection.kind).not.toBe('stopped');
  });

  it('tells the window of the signed-in session only after the runtime is open', async () => {
    const me = await newUser(sandbox.url, 'Host Teller');
    const accountHost = openHost();

    await signIn(me);
    expect(toldOf('session')).toEqual([]);
    await accountHost.ready();
    await waitFor('the session event', () => (toldOf('session').length > 0 ? true : undefined));

    expect(toldOf('session')).toEqual([
      { event: 'session', payload: { kind: 'signed-in', account: expect.objectContaining({ id: me.token, active: true }), lock: expect.objectContaining({ locked: false }) }, runtimeOpen: true },
    ]);
  });

  it('passes the changes, typing and connection of the open account to the window', async () => {
    const me = await newUser(sandbox.url, 'Host Reader');
    const peer = await newUser(sandbox.url, 'Host Writer');
    const { runtime } = await signedInHost(me);
    expect(toldOf('connection').map((entry) => entry.payload)).toContainEqual({ kind: 'live' });

    await apiOf(peer).sendMessage({ recipient: me.token, body: 'bed 4 needs you', senderOrganization: sandbox.organizationKey });
    const change = await waitFor('the change with the message', () =>
      toldOf('change')
        .map((entry) => entry.payload as ChangeSet)
        .find((set) => set.conversations.some((conversation) => conversation.id === peer.token)),
    );
    // Each change set is followed by what waits in the outbox, and reaches the window's hook too.
    const index = told.findIndex((entry) => entry.payload === change);
    expect(told[index + 1]).toMatchObject({ event: 'outbox', payload: { queued: 0, failed: 0, paused: false } });
    expect(changes.find((entry) => entry.change === change)?.runtime).toBe(runtime);

    // The writer is looked up once their message is stored: typing names them as their messages do.
    await waitFor('the writer named', () => (runtime.sync.person(peer.token).name === 'Host Writer' ? true : undefined));
    await apiOf(peer).startTyping(me.token);
    const typing = { conversationId: peer.token, people: [{ token: peer.token, name: 'Host Writer' }] };
    await waitFor('the typing event', () => toldOf('typing').find((entry) => JSON.stringify(entry.payload) === JSON.stringify(typing)));
  });

  it('passes to the window, each once, what the core learned of a person and what the outbox queued', async () => {
    const me = await newUser(sandbox.url, 'Host Learner');
    const peer = await newUser(sandbox.url, 'Host Named');
    const { runtime } = await signedInHost(me);
    const before = toldOf('change').length;

    runtime.sync.rememberPeople([{ token: peer.token, display_name: 'Dr Host Named' }]);
    const renamed = toldOf('change').slice(before).map((entry) => entry.payload as ChangeSet);
    expect(renamed.map((set) => set.people.map((person) => [person.token, person.name]))).toEqual([[[peer.token, 'Dr Host Named']]]);

    const queued = await runtime.outbox.send({ conversationId: peer.token, body: 'bed 9 is free' });
    const sent = toldOf('change').slice(before + 1).map((entry) => entry.payload as ChangeSet);
    expect(sent[0]?.messages.map((message) => [message.id, message.status, message.senderToken])).toEqual([[queued.id, 'queued', me.token]]);
  });

  it('closes the runtime once at sign-out, and the window hears nothing more from it', async () => {
    const me = await newUser(sandbox.url, 'Host Leaver');
    const { accountHost, runtime } = await signedInHost(me);

    await session.signOut();
    await accountHost.close();

    expect(hooks).toEqual(['started', 'released']);
    expect(released).toEqual([runtime]);
    expect(accountHost.current()).toBeNull();
    expect(runtime.connection.kind).toBe('stopped');
    expect(() => runtime.sync.roster()).toThrow();
    await pause(200);
    // The stream stopping as the runtime closed is not told: the window had stopped listening.
    expect(told.slice(toldBeforeRelease[0]).map((entry) => [entry.event, entry.payload])).toEqual([['session', { kind: 'signed-out' }]]);
  });

  it('closes the runtime when the server refuses its credentials', async () => {
    const me = await newUser(sandbox.url, 'Host Revoked');
    const { accountHost, runtime } = await signedInHost(me);

    // Another client with the same key signs out: the server revokes it and drops the stream.
    await apiOf(me).logout();

    await waitFor('the runtime released', () => (released.length > 0 ? true : undefined));
    expect(released).toEqual([runtime]);
    expect(accountHost.current()).toBeNull();
    expect(toldOf('session').at(-1)?.payload).toEqual({ kind: 'credentials-rejected', accountId: me.token });
    await waitFor('the database closed', () => {
      try {
        runtime.sync.roster();
        return undefined;
      } catch {
        return true;
      }
    });

    // Signing in anew opens a fresh runtime for the same account.
    await session.signInWithPassword({ server: sandbox.apiUrl, userId: me.email, password: me.password });
    await accountHost.ready();
    expect(accountHost.current()).not.toBeNull();
    expect(accountHost.current()).not.toBe(runtime);
    expect(hooks).toEqual(['started', 'released', 'started']);
  });

  it('does not reopen the runtime when the session names the open account again', async () => {
    const me = await newUser(sandbox.url, 'Host Repeater');
    const accountHost = openHost();
    const account = await signIn(me);
    await accountHost.ready();
    const runtime = accountHost.current();

    await session.switchTo(account.id);
    await accountHost.ready();

    expect(accountHost.current()).toBe(runtime);
    expect(hooks).toEqual(['started']);
    expect(toldOf('session').map((entry) => entry.payload)).toEqual([
      expect.objectContaining({ kind: 'signed-in' }),
      expect.objectContaining({ kind: 'signed-in' }),
    ]);
  });

  it('opens one runtime when the same account signs in again while it is still opening', async () => {
    const me = await newUser(sandbox.url, 'Host Hurried');
    const { accountHost, letOpen } = openHostHeldBack();
    await signIn(me);
    await signIn(me);

    letOpen();
    await accountHost.ready();

    expect(hooks).toEqual(['started']);
    expect(accountHost.current()?.account.id).toBe(me.token);
    expect(toldOf('session').map((entry) => [entry.payload, entry.runtimeOpen])).toEqual([
      [expect.objectContaining({ kind: 'signed-in' }), false],
      [expect.objectContaining({ kind: 'signed-in' }), true],
    ]);
  });

  it('leaves nothing running when closed while the account is still opening', async () => {
    const me = await newUser(sandbox.url, 'Host Quitter');
    const { accountHost, letOpen } = openHostHeldBack();
    await signIn(me);

    const closing = accountHost.close();
    letOpen();
    await closing;

    expect(hooks).toEqual(['released']);
    expect(accountHost.current()).toBeNull();
    const runtime = released[0]!;
    expect(runtime.connection.kind).toBe('stopped');
    expect(() => runtime.sync.roster()).toThrow();
    await pause(200);
    expect(told.filter((entry) => entry.event !== 'session')).toEqual([]);
  });

  it('logs an account that cannot be opened, still tells the window, and tries again at the next sign-in', async () => {
    const me = await newUser(sandbox.url, 'Host Unlucky');
    let failures = 1;
    const accountHost = openHost({
      beforeOpen: async (account: AccountSummary) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error(`the server of ${account.displayName} did not start`);
        }
      },
    });

    await signIn(me);
    const failure = await rejectionOf(accountHost.ready(), AccountUnavailableError);
    expect(failure.message).toBe('This account could not be opened: the server of Host Unlucky did not start');
    // Not a lock held elsewhere: the window is told only that it failed.
    expect(callFailure(failure).code).toBe('failed');
    await waitFor('the session event', () => (toldOf('session').length > 0 ? true : undefined));

    expect(logs.filter((record) => record.scope === 'host')).toEqual([
      expect.objectContaining({ level: 'error', message: 'could not open the account', fields: { error: 'the server of Host Unlucky did not start' } }),
    ]);
    expect(toldOf('session')).toEqual([
      {
        event: 'session',
        payload: { kind: 'signed-in', account: expect.objectContaining({ id: me.token }), lock: expect.objectContaining({ locked: false }), unavailable: userText('account.unopenable', { detail: 'the server of Host Unlucky did not start' }) },
        runtimeOpen: false,
      },
    ]);
    expect(accountHost.current()).toBeNull();

    await signIn(me);
    await accountHost.ready();
    expect(accountHost.current()?.account.id).toBe(me.token);
    await waitFor('the session told again', () => (toldOf('session').length > 1 ? true : undefined));
    expect(toldOf('session')[1]?.payload).toEqual({ kind: 'signed-in', account: expect.objectContaining({ id: me.token }), lock: expect.objectContaining({ locked: false }) });
  });

  it('tells the window why an account held open elsewhere cannot be opened, and opens it once that lets go', async () => {
    const me = await newUser(sandbox.url, 'Host Locked Out');
    // Another holder of the account's folder (as the CLI would be) before this window's host opens it.
    const held = await acquireAccountLock({ dir: join(dataRoot, 'accounts', me.token), log: createLogger('lock', (record) => logs.push(record)) });
    const refusal = userText('account.open-here', { pid: process.pid });
    const accountHost = openHost();
    const calls = sessionCalls({ session, policy: {}, startSandbox: () => Promise.reject(new Error('no sandbox here')), accountReady: () => accountHost.ready(), lock: screenLockFor(session) });

    // Refused by the lock: the sign-in call says why, as its own kind, and so is the window.
    const signInRefusal = await rejectionOf(Promise.resolve(calls.signInWithKey({ server: sandbox.apiUrl, key: me.key, secret: me.secret })), AccountUnavailableError);
    expect(callFailure(signInRefusal)).toEqual({ code: 'account-busy', text: refusal });
    expect(signInRefusal.message).toBe(`This account is already open in this TigerDesk process (pid ${process.pid}): close it before opening it again`);
    await expect(accountHost.ready()).rejects.toBeInstanceOf(AccountUnavailableError);
    expect(accountHost.current()).toBeNull();
    await waitFor('the window told', () => (toldOf('session').length > 0 ? true : undefined));
    const unavailable = { kind: 'signed-in', account: expect.objectContaining({ id: me.token, active: true }), lock: expect.objectContaining({ locked: false }), unavailable: refusal };
    expect(toldOf('session').map((entry) => entry.payload)).toEqual([unavailable]);
    // A window opened later asks, and is told the same.
    expect(await calls.sessionState(undefined)).toEqual(unavailable);

    held.release();
    expect(await calls.switchAccount({ accountId: me.token })).toMatchObject({ id: me.token, active: true });
    expect(accountHost.current()?.account.id).toBe(me.token);
    expect(await calls.sessionState(undefined)).toEqual({ kind: 'signed-in', account: expect.objectContaining({ id: me.token }), lock: expect.objectContaining({ locked: false }) });
    await waitFor('the window told again', () => (toldOf('session').length > 1 ? true : undefined));
    expect(toldOf('session').at(-1)?.payload).toEqual({ kind: 'signed-in', account: expect.objectContaining({ id: me.token }), lock: expect.objectContaining({ locked: false }) });
  });

  it('words a failure to open without the paths of the account\'s folder', async () => {
    const missing = join(dataRoot, 'account-x', 'db.sqlite');
    const fileError = await readFile(missing).catch((error: unknown) => error);
    expect(englishText(unavailableReason(fileError))).toBe("This account's data could not be opened (ENOENT).");
    expect(unavailableReason(new Error('the keychain did not answer'))).toEqual(userText('account.unopenable', { detail: 'the keychain did not answer' }));
    // A folder where the account's folder should be is a file: the database cannot be created in it.
    const blocked = join(dataRoot, 'blocked-account');
    await writeFile(blocked, '');
    const unopenable = storeOpenFailure({ dir: join(blocked, 'inner'), key: 'a'.repeat(64) });
    expect(unopenable.message).toContain(blocked);
    expect(englishText(unavailableReason(unopenable))).toBe("This account's database cannot be read or written (its folder's permissions, or a full disk).");
    expect(englishText(unavailableReason(storeOpenFailure({ dir: join(dataRoot, 'account-y'), key: 'not a key' })))).toBe(
      "This account's database key in the keychain is not a valid key.",
    );
  });
});
