import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '../../main/core/api';
import { SessionError, accountFiles } from '../../main/core/session';
import type { SessionState } from '../../main/core/session';
import { Vault } from '../../main/core/vault';
import { startSandbox } from '../../sandbox';
import { newUser } from './fixtures/sandbox-users';
import { rejectionOf } from '../support/rejection';
import { useSandbox } from '../support/sandbox-fixture';
import { useSessionHarness } from './fixtures/session-harness';

const sandbox = useSandbox();
const harness = useSessionHarness();

describe('signing in', () => {
  it('signs in with user id and password, keeps the pair in the keychain and picks the first organization', async () => {
    const user = await newUser(sandbox.url, 'Ada Lovelace');
    const session = harness.manager();
    const states: SessionState[] = [];
    session.subscribe((state) => states.push(state));

    const account = await session.signInWithPassword({ server: sandbox.apiUrl, userId: user.email, password: user.password });

    expect(account).toMatchObject({ id: user.token, userToken: user.token, server: sandbox.apiUrl, displayName: 'Ada Lovelace' });
    expect(account.organization.token).toBe(sandbox.organizationKey);
    expect(session.state).toEqual({ kind: 'signed-in', account, secretStore: 'keychain' });
    expect(states.map((state) => state.kind)).toEqual(['signed-in']);
    const stored = JSON.parse((await harness.keychain().get(`account:${user.token}:credentials`))!) as Record<string, string>;
    expect(stored['userToken']).toBe(user.token);
    expect(stored['key']).not.toBe(user.key);
    const api = createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key: stored['key']!, secret: stored['secret']! } });
    expect((await api.getUser()).token).toBe(user.token);
  });

  it('uses one device id for every password sign-in of this installation', async () => {
    const user = await newUser(sandbox.url, 'Grace Hopper');
    const session = harness.manager();
    await session.signInWithPassword({ server: sandbox.apiUrl, userId: user.email, password: user.password });
    const deviceId = await readFile(join(harness.dataRoot, 'device-id'), 'utf8');
    await harness.manager().signInWithPassword({ server: sandbox.apiUrl, userId: user.email, password: user.password });
    expect(deviceId).toMatch(/^[0-9a-f-]{36}\n$/);
    expect(await readFile(join(harness.dataRoot, 'device-id'), 'utf8')).toBe(deviceId);
    expect(await session.accounts()).toHaveLength(1);
  });

  it('signs in with a key/secret pair an administrator handed out, checked against the server', async () => {
    const user = await newUser(sandbox.url, 'Alan Turing');
    const session = harness.manager();
    const account = await session.signInWithKey({ server: sandbox.apiUrl, key: user.key, secret: user.secret });
    expect(account.userToken).toBe(user.token);
    const stored = JSON.parse((await harness.keychain().get(`account:${user.token}:credentials`))!) as Record<string, string>;
    expect(stored['key']).toBe(user.key);
  });

  it('refuses a wrong password with a clear error and stores nothing', async () => {
    const user = await newUser(sandbox.url, 'Wrong Password');
    const session = harness.manager();
    const error = await rejectionOf(session.signInWithPassword({ server: sandbox.apiUrl, userId: user.email, password: 'not-it' }), SessionError);
    expect(error.reason).toBe('credentials-rejected');
    expect(error.message).toBe('The server refused this user id and password');
    expect(error.message).not.toContain('not-it');
    expect(session.state).toEqual({ kind: 'signed-out' });
    expect(await session.accounts()).toEqual([]);
    expect(existsSync(join(harness.dataRoot, 'accounts'))).toBe(false);
  });

  it('refuses an unknown key/secret pair', async () => {
    const session = harness.manager();
    const error = await rejectionOf(session.signInWithKey({ server: sandbox.apiUrl, key: 'no-such-key', secret: 'no-such-secret' }), SessionError);
    expect(error.reason).toBe('credentials-rejected');
    expect(error.message).toBe('The server refused this key/secret pair');
  });

  it('says the server cannot be reached when nothing listens', async () => {
    const gone = await startSandbox({ port: 0 });
    const server = gone.apiUrl;
    await gone.close();
    const session = harness.manager();
    const error = await rejectionOf(session.signInWithPassword({ server, userId: 'someone@example.test', password: 'x' }), SessionError);
    expect(error.reason).toBe('server-unreachable');
    expect(error.message).toContain(`Cannot reach the server at ${server}`);
  });
});

describe('restoring and switching', () => {
  it('restores the signed-in account after a restart without asking the server', async () => {
    const user = await newUser(sandbox.url, 'Restored Person');
    const account = await harness.manager().signInWithPassword({ server: sandbox.apiUrl, userId: user.email, password: user.password });

    const restarted = harness.manager();
    expect(restarted.state).toEqual({ kind: 'signed-out' });
    const state = await restarted.restore();
    expect(state).toEqual({ kind: 'signed-in', account, secretStore: 'keychain' });
    const opened = await restarted.opened();
    expect(opened.credentials.userToken).toBe(user.token);
    expect(opened.files.dir).toBe(accountFiles(harness.dataRoot, user.token).dir);
  });

  it('restores to signed out when nothing is stored', async () => {
    expect(await harness.manager().restore()).toEqual({ kind: 'signed-out' });
  });

  it('keeps two accounts, the last signed in active, and switches between them', async () => {
    const first = await newUser(sandbox.url, 'First Account');
    const second = await newUser(sandbox.url, 'Second Account');
    const session = harness.manager();
    await session.signInWithPassword({ server: sandbox.apiUrl, userId: first.email, password: first.password });
    await session.signInWithKey({ server: sandbox.apiUrl, key: second.key, secret: second.secret });

    expect((await session.accounts()).map((account) => account.id).sort()).toEqual([first.token, second.token].sort());
    expect(session.state.kind === 'signed-in' && session.state.account.id).toBe(second.token);

    const closed: string[] = [];
    session.holdOpen(second.token, async () => {
      closed.push(second.token);
    });
    await session.switchTo(first.token);
    expect(closed).toEqual([second.token]);
    expect(session.state.kind === 'signed-in' && session.state.account.id).toBe(first.token);
    const restarted = harness.manager();
    const restored = await restarted.restore();
    expect(restored.kind === 'signed-in' && restored.account.id).toBe(first.token);
  });

  it('refuses to switch to an account that is not stored', async () => {
    const error = await rejectionOf(harness.manager().switchTo('nobody'), SessionError);
    expect(error.reason).toBe('unknown-account');
  });
});

describe('signing out', () => {
  it('revokes the pair, erases keychain entries, database and attachments, and keeps other accounts', async () => {
    const staying = await newUser(sandbox.url, 'Staying Account');
    const leaving = await newUser(sandbox.url, 'Leaving Account');
    const session = harness.manager();
    await session.signInWithKey({ server: sandbox.apiUrl, key: staying.key, secret: staying.secret });
    await session.signInWithKey({ server: sandbox.apiUrl, key: leaving.key, secret: leaving.secret });
    await new Vault(harness.keychain()).databaseKey(leaving.token);
    const files = accountFiles(harness.dataRoot, leaving.token);
    await mkdir(files.attachments, { recursive: true });
    await writeFile(join(files.attachments, 'cached.bin'), 'sealed bytes');
    await writeFile(join(files.dir, 'tigerdesk.db'), 'database bytes');
    let closedBeforeErase = false;
    session.holdOpen(leaving.token, async () => {
      closedBeforeErase = existsSync(join(files.dir, 'tigerdesk.db'));
    });

    const report = await session.signOut();

    expect(report).toEqual({ accountId: leaving.token, revoked: true, kept: [] });
    expect(closedBeforeErase).toBe(true);
    expect(existsSync(files.dir)).toBe(false);
    for (const entry of ['credentials', 'database-key', 'attachment-key']) {
      expect(await harness.keychain().get(`account:${leaving.token}:${entry}`)).toBeNull();
    }
    const revoked = await createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key: leaving.key, secret: leaving.secret } })
      .getUser()
      .catch((error: unknown) => error);
    expect(revoked).toBeInstanceOf(ApiError);
    expect((revoked as ApiError).status).toBe(401);
    expect(session.state.kind === 'signed-in' && session.state.account.id).toBe(staying.token);
    expect((await session.accounts()).map((account) => account.id)).toEqual([staying.token]);
  });

  it('erases everything locally even when the server cannot be reached', async () => {
    const own = await startSandbox({ port: 0 });
    const user = await newUser(own.url, 'Offline Leaver');
    const session = harness.manager();
    await session.signInWithKey({ server: own.apiUrl, key: user.key, secret: user.secret });
    await own.close();

    const report = await session.signOut();

    expect(report.revoked).toBe(false);
    expect(existsSync(accountFiles(harness.dataRoot, user.token).dir)).toBe(false);
    expect(await harness.keychain().get(`account:${user.token}:credentials`)).toBeNull();
    expect(session.state).toEqual({ kind: 'signed-out' });
  });

  it('keeps a database that was moved aside as unreadable', async () => {
    const user = await newUser(sandbox.url, 'Aside Keeper');
    const session = harness.manager();
    await session.signInWithKey({ server: sandbox.apiUrl, key: user.key, secret: user.secret });
    const files = accountFiles(harness.dataRoot, user.token);
    const aside = join(files.dir, 'tigerdesk.db.unreadable-2026-01-01T00-00-00-000Z');
    await writeFile(aside, 'unreadable bytes');
    await writeFile(join(files.dir, 'tigerdesk.db'), 'database bytes');

    const report = await session.signOut();

    expect(report.kept).toEqual([aside]);
    expect(await readdir(files.dir)).toEqual(['tigerdesk.db.unreadable-2026-01-01T00-00-00-000Z']);
  });

  it('refuses to sign out when nobody is signed in', async () => {
    const error = await rejectionOf(harness.manager().signOut(), SessionError);
    expect(error.reason).toBe('not-signed-in');
  });
});
