import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../main/core/api';
import { openAccount } from '../../main/core/account';
import type { AccountRuntime } from '../../main/core/account';
import { createLogger } from '../../main/core/log/logger';
import { SessionError } from '../../main/core/session';
import type { SessionManager } from '../../main/core/session';
import type { ConnectionState } from '../../preload/contract';
import { newUser } from './fixtures/sandbox-users';
import type { SandboxUser } from './fixtures/sandbox-users';
import { useSandbox } from '../support/sandbox-fixture';
import { useSessionHarness } from './fixtures/session-harness';
import { waitFor } from './fixtures/wait-for';

const sandbox = useSandbox();
const harness = useSessionHarness();
const runtimes: AccountRuntime[] = [];

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.close();
});

async function open(session: SessionManager): Promise<AccountRuntime> {
  const runtime = await openAccount({
    session,
    log: createLogger('account', (record) => harness.logs.push(record)),
    reconnectBackoff: { baseMs: 50, capMs: 200 },
  });
  runtimes.push(runtime);
  return runtime;
}

/** A new person, signed in with their key on a new session manager, and their account runtime, opened but not started. */
async function signedIn(name: string) {
  const me = await newUser(sandbox.url, name);
  const session = harness.manager();
  await session.signInWithKey({ server: sandbox.apiUrl, key: me.key, secret: me.secret });
  return { me, session, runtime: await open(session) };
}

function apiOf(user: SandboxUser) {
  return createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key: user.key, secret: user.secret }, organizationKey: sandbox.organizationKey });
}

describe('the account runtime', () => {
  it('connects the event stream and stores its replay while the organizations and roster are still being read', async () => {
    const me = await newUser(sandbox.url, 'Early Stream Reader');
    const peer = await newUser(sandbox.url, 'Early Stream Writer');
    await apiOf(peer).sendMessage({ recipient: me.token, body: 'waiting in the replay', senderOrganization: sandbox.organizationKey });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const asked: string[] = [];
    let holding = false;
    // Once signed in, the hospital's network is slow to answer what the start reads: the stream must not wait for it.
    const readsHeld: typeof fetch = async (input, init) => {
      const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
      asked.push(path);
      if (holding && (path.endsWith('/organization') || path.endsWith('/roster/'))) await held;
      return fetch(input, init);
    };
    const session = harness.manager(readsHeld);
    await session.signInWithKey({ server: sandbox.apiUrl, key: me.key, secret: me.secret });
    const runtime = await open(session);
    holding = true;
    asked.length = 0;
    let caughtUp = false;
    const catchingUp = runtime.catchUp(10_000).then(() => (caughtUp = true));
    await waitFor('the replayed message stored', () => (runtime.sync.thread(peer.token, { limit: 10 }).length === 1 ? true : undefined));
    expect(asked.some((path) => path.endsWith('/organization'))).toBe(true);
    expect(caughtUp).toBe(false);
    release();
    await catchingUp;
    expect(asked.filter((path) => path.endsWith('/roster/'))).toHaveLength(1);
    expect(runtime.sync.thread(peer.token, { limit: 10 }).map((message) => message.body)).toEqual(['waiting in the replay']);
  });

  it('stores what arrives on the event stream and sends through the outbox', async () => {
    const { me, runtime } = await signedIn('Runtime Reader');
    const peer = await newUser(sandbox.url, 'Runtime Writer');
    await runtime.catchUp(10_000);

    await apiOf(peer).sendMessage({ recipient: me.token, body: 'hello from the ward', senderOrganization: sandbox.organizationKey });
    const queued = await runtime.outbox.send({ conversationId: peer.token, body: 'on my way', priority: 'high' });
    expect(queued).toMatchObject({ status: 'queued', token: null, outgoing: true });

    const thread = await waitFor('both messages, the second sent', () => {
      const messages = runtime.sync.thread(peer.token, { limit: 50 });
      return messages.length === 2 && messages[1]!.token !== null ? messages : undefined;
    });
    expect(thread.map((message) => [message.body, message.outgoing])).toEqual([['hello from the ward', false], ['on my way', true]]);
    expect(thread[1]).toMatchObject({ id: queued.id, priority: 'high' });
    expect(runtime.outbox.jobs()).toEqual([]);
    expect(runtime.sync.roster().map((conversation) => conversation.id)).toEqual([peer.token]);
    expect(runtime.connection.kind).toBe('live');
  });

  it('restores after a restart of the runtime: the stored messages are there and none comes twice', async () => {
    const { me, runtime } = await signedIn('Restart Reader');
    const peer = await newUser(sandbox.url, 'Restart Writer');
    await runtime.catchUp(10_000);
    await apiOf(peer).sendMessage({ recipient: me.token, body: 'before the restart', senderOrganization: sandbox.organizationKey });
    await waitFor('the first message', () => (runtime.sync.thread(peer.token, { limit: 10 }).length === 1 ? true : undefined));
    await runtime.close();
    await apiOf(peer).sendMessage({ recipient: me.token, body: 'while closed', senderOrganization: sandbox.organizationKey });

    const second = harness.manager();
    expect((await second.restore()).kind).toBe('signed-in');
    const reopened = await open(second);
    await reopened.catchUp(10_000);

    expect(reopened.sync.thread(peer.token, { limit: 10 }).map((message) => message.body)).toEqual(['before the restart', 'while closed']);
  });

  it('moves to credentials-rejected on a 401 and stops connecting', async () => {
    const { me, session, runtime } = await signedIn('Revoked Reader');
    const states: ConnectionState[] = [];
    runtime.subscribeConnection((state) => states.push(state));
    await runtime.catchUp(10_000);

    // Another client with the same pair signs out: the server revokes it and drops the stream.
    await apiOf(me).logout();

    await waitFor('credentials-rejected', () => (session.state.kind === 'credentials-rejected' ? true : undefined));
    const seen = states.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(states.slice(seen)).toEqual([]);
    expect(runtime.connection.kind).toBe('stopped');
    // The 401 reaches the runtime through the stream's reconnect (auth-failed) or, when an
    // acknowledgement goes out first, through that call (the runtime then stops the stream).
    expect(states.filter((state) => state.kind === 'auth-failed').length).toBeLessThanOrEqual(1);
    await expect(runtime.catchUp(1_000)).rejects.toMatchObject({ reason: 'credentials-rejected' });
    expect(session.state).toMatchObject({ kind: 'credentials-rejected', account: { id: me.token } });
    // What was stored stays readable while the user is asked to sign in again.
    expect(() => runtime.sync.roster()).not.toThrow();
  });

  it('works again once the user signs in anew after a 401, closing the refused runtime', async () => {
    const me = await newUser(sandbox.url, 'Returning User');
    const peer = await newUser(sandbox.url, 'Patient Peer');
    const session = harness.manager();
    await session.signInWithPassword({ server: sandbox.apiUrl, userId: me.email, password: me.password });
    const refused = await open(session);
    await refused.catchUp(10_000);
    const stored = JSON.parse((await harness.keychain().get(`account:${me.token}:credentials`))!) as { key: string; secret: string };
    await createApiClient({ baseUrl: sandbox.apiUrl, credentials: stored }).logout();
    await waitFor('credentials-rejected', () => (session.state.kind === 'credentials-rejected' ? true : undefined));

    await session.signInWithPassword({ server: sandbox.apiUrl, userId: me.email, password: me.password });
    expect(() => refused.sync.roster()).toThrow();
    const renewed = await open(session);
    await renewed.catchUp(10_000);
    await apiOf(peer).sendMessage({ recipient: me.token, body: 'welcome back', senderOrganization: sandbox.organizationKey });

    await waitFor('the message', () => (renewed.sync.thread(peer.token, { limit: 10 }).length === 1 ? true : undefined));
    expect(session.state.kind).toBe('signed-in');
  });

  it('reports a 401 from an API call the same way', async () => {
    const { me, session, runtime } = await signedIn('Revoked Sender');
    const peer = await newUser(sandbox.url, 'Unreached Peer');
    await apiOf(me).logout();

    const queued = await runtime.outbox.send({ conversationId: peer.token, body: 'too late' });
    runtime.outbox.start();

    await waitFor('credentials-rejected', () => (session.state.kind === 'credentials-rejected' ? true : undefined));
    // Kept for the next sign-in, whose runtime sends it.
    expect(runtime.outbox.jobOfMessage(Number(queued.id))).toMatchObject({ state: 'pending' });
    await expect(runtime.start()).rejects.toBeInstanceOf(SessionError);
  });

  it('keeps a database it cannot read aside, starts fresh and re-reads the roster', async () => {
    const { me, session, runtime } = await signedIn('Fresh Starter');
    const peer = await newUser(sandbox.url, 'Roster Peer');
    await runtime.catchUp(10_000);
    await apiOf(peer).sendMessage({ recipient: me.token, body: 'kept in the old file', senderOrganization: sandbox.organizationKey });
    await waitFor('the message', () => (runtime.sync.thread(peer.token, { limit: 10 }).length === 1 ? true : undefined));
    await runtime.close();
    // The keychain now holds another key than the one the file was written with.
    await harness.keychain().set(`account:${me.token}:database-key`, 'ab'.repeat(32));

    const reopened = await open(session);

    expect(reopened.setAside).not.toBeNull();
    expect(reopened.setAside!.message).toMatch(/cannot be read with this key/);
    expect(reopened.setAside!.movedTo.length).toBeGreaterThan(0);
    for (const path of reopened.setAside!.movedTo) expect(existsSync(path)).toBe(true);
    expect(harness.logs.some((record) => record.level === 'error' && /kept aside/.test(record.message))).toBe(true);
    expect(reopened.sync.roster()).toEqual([]);
    await reopened.catchUp(10_000);
    expect(reopened.sync.roster().map((conversation) => conversation.id)).toEqual([peer.token]);
    await apiOf(peer).sendMessage({ recipient: me.token, body: 'after the fresh start', senderOrganization: sandbox.organizationKey });
    await waitFor('the new message', () =>
      reopened.sync.thread(peer.token, { limit: 10 }).some((message) => message.body === 'after the fresh start') ? true : undefined);
  });

  it('is closed before sign-out erases its files', async () => {
    const { session, runtime } = await signedIn('Closing Leaver');
    await runtime.catchUp(10_000);
    const dir = (await session.opened()).files.dir;
    expect(existsSync(dir)).toBe(true);

    await session.signOut();

    expect(runtime.connection.kind).toBe('stopped');
    expect(existsSync(dir)).toBe(false);
    expect(() => runtime.sync.roster()).toThrow();
  });
});
