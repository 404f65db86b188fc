// Signing in through the window API as the form does: the server as typed, read by main, which
// answers with the address it used; plain http to another computer is refused before any request.
import { screenLockFor } from '../support/screen-lock';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished, describe, expect, it } from 'vitest';
import { createApiClient, login } from '../../main/core/api';
import type { ApiClientOptions } from '../../main/core/api';
import { createLogger } from '../../main/core/log/logger';
import { SessionManager } from '../../main/core/session';
import type { ManagedPolicy } from '../../main/core/settings/managed-policy';
import { SessionOnlySecretStore, Vault } from '../../main/core/vault';
import { sessionCalls } from '../../main/window-api/session-calls';
import { newUser } from '../session/fixtures/sandbox-users';
import { useSandbox } from '../support/sandbox-fixture';
import { call } from './support/signed-in-account';

const sandbox = useSandbox();

/** The session calls over a new data folder and in-memory secrets, counting every request made for a sign-in. */
async function windowApi(policy: ManagedPolicy = {}) {
  const dataRoot = await mkdtemp(join(tmpdir(), 'tigerdesk-session-calls-'));
  onTestFinished(() => rm(dataRoot, { recursive: true, force: true }));
  const vault = new Vault(new SessionOnlySecretStore());
  const requested: string[] = [];
  const session = new SessionManager({
    vault,
    dataRoot,
    clientVersion: 'tigerdesk-test',
    fetch,
    log: createLogger('session', () => {}),
    signOutTimeoutMs: 1_000,
    createApi: (options: ApiClientOptions) => {
      requested.push(options.baseUrl);
      return createApiClient(options);
    },
    login: (baseUrl, input) => {
      requested.push(baseUrl);
      return login(baseUrl, input);
    },
  });
  const calls = sessionCalls({ session, policy, startSandbox: () => Promise.reject(new Error('no sandbox here')), accountReady: () => Promise.resolve(), lock: screenLockFor(session, { vault }) });
  return { calls, session, vault, dataRoot, requested };
}

/** The refusal as it reaches the renderer: its code and its message. */
async function refusalOf(promise: Promise<unknown>): Promise<{ code: unknown; message: string }> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown as Error & { code: unknown });
  if (error === undefined) throw new Error('expected the call to be refused');
  return { code: error.code, message: error.message };
}

describe('signing in through the window API', () => {
  it('takes a server typed without /v2 and answers with, and stores, the address it used', async () => {
    const { calls, session, vault } = await windowApi();
    const user = await newUser(sandbox.url, 'Typed Without Path');
    // sandbox.url is http://127.0.0.1:PORT: the address a person copies from the browser bar.
    expect(sandbox.apiUrl).toBe(`${sandbox.url}/v2`);

    const account = await call(calls, 'signInWithPassword', { server: sandbox.url, userId: user.email, password: user.password });

    expect(account).toEqual({ id: user.token, displayName: 'Typed Without Path', server: sandbox.apiUrl, active: true });
    expect((await session.accounts()).map((summary) => summary.server)).toEqual([sandbox.apiUrl]);
    expect((await vault.getCredentials(user.token))?.server).toBe(sandbox.apiUrl);
    expect(await call(calls, 'accounts', undefined)).toEqual([account]);
  });

  it('takes a key and secret with the server typed with a trailing slash', async () => {
    const { calls } = await windowApi();
    const user = await newUser(sandbox.url, 'Trailing Slash');
    const account = await call(calls, 'signInWithKey', { server: `${sandbox.url}/`, key: user.key, secret: user.secret });
    expect(account.server).toBe(sandbox.apiUrl);
  });

  it.each(['signInWithPassword', 'signInWithKey'] as const)('refuses %s to a server over plain http, before any request, and stores nothing', async (name) => {
    const { calls, session, dataRoot, requested } = await windowApi();
    const input = name === 'signInWithPassword'
      ? { server: 'http://tigertext.invalid', userId: 'ada@example.org', password: 'correct horse' }
      : { server: 'http://tigertext.invalid', key: 'k', secret: 's' };

    const refusal = await refusalOf(call(calls, name, input as never));

    expect(refusal).toEqual({ code: 'refused', message: 'TigerDesk only sends credentials over https; http is allowed only for a server on this computer' });
    expect(requested).toEqual([]);
    expect(session.state).toEqual({ kind: 'signed-out' });
    expect(await session.accounts()).toEqual([]);
    expect(existsSync(join(dataRoot, 'accounts'))).toBe(false);
  });

  it('refuses garbage with a reason, whether the contract or main turns it away', async () => {
    const { calls, requested } = await windowApi();
    expect(await refusalOf(call(calls, 'signInWithKey', { server: 'not a server', key: 'k', secret: 's' }))).toMatchObject({ code: 'invalid-call' });
    expect(await refusalOf(call(calls, 'signInWithKey', { server: 'ftp://tigertext.example.org', key: 'k', secret: 's' }))).toMatchObject({ code: 'invalid-call' });
    expect(await refusalOf(call(calls, 'signInWithKey', { server: 'https://[oops', key: 'k', secret: 's' }))).toEqual({
      code: 'refused',
      message: 'That is not a server address (for example tigertext.example.org or https://tigertext.example.org/v2)',
    });
    expect(requested).toEqual([]);
  });

  it('matches the server hospital IT set however it is typed, and refuses another before any request', async () => {
    const { calls, requested } = await windowApi({ serverUrl: sandbox.apiUrl });
    const user = await newUser(sandbox.url, 'Managed Server');
    const elsewhere = await refusalOf(call(calls, 'signInWithKey', { server: 'https://tigertext.example.org', key: user.key, secret: user.secret }));
    expect(elsewhere).toEqual({ code: 'refused', message: `Your organization's settings allow only the server ${sandbox.apiUrl}` });
    expect(requested).toEqual([]);
    expect((await call(calls, 'signInWithKey', { server: `${sandbox.url}/`, key: user.key, secret: user.secret })).server).toBe(sandbox.apiUrl);
  });
});
