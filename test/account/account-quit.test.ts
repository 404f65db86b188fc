import { describe, expect, it } from 'vitest';
import { openAccount } from '../../main/core/account';
import { createApiClient } from '../../main/core/api';
import { createLogger } from '../../main/core/log/logger';
import type { LogRecord } from '../../main/core/log/logger';
import { SessionManager } from '../../main/core/session';
import { SessionOnlySecretStore, Vault } from '../../main/core/vault';
import { closeAccountForQuit } from '../../main/core/account/account-quit';
import { newUser } from '../session/fixtures/sandbox-users';
import { startRecordingServer } from '../support/recording-server';
import { useSandbox } from '../support/sandbox-fixture';
import { useTempFolder } from '../support/temp-folder';

const sandbox = useSandbox();
const dir = useTempFolder('tigerdesk-quit-');

describe('quitting with an account open', () => {
  it('stops the stream and has the server close every stream of the key, a stale one included', async () => {
    const me = await newUser(sandbox.url, 'Quitting Nurse');
    const records: LogRecord[] = [];
    const log = createLogger('test', (record) => records.push(record));
    const session = new SessionManager({ vault: new Vault(new SessionOnlySecretStore()), dataRoot: dir(), clientVersion: 'tigerdesk-test', fetch, log });
    await session.signInWithKey({ server: sandbox.apiUrl, key: me.key, secret: me.secret });
    const runtime = await openAccount({ session, log });
    await runtime.catchUp(10_000);

    // A stream of the same key that an earlier run left open when it crashed.
    const stale = await fetch(`${sandbox.apiUrl}/events`, {
      headers: { authorization: `Basic ${Buffer.from(`${me.key}:${me.secret}`).toString('base64')}` },
    });
    expect(stale.status).toBe(200);
    const reader = stale.body!.getReader();
    const staleEnded = (async () => {
      for (;;) {
        const chunk = await reader.read().catch(() => ({ done: true }));
        if (chunk.done) return 'ended';
      }
    })();

    await closeAccountForQuit(runtime, () => runtime.close(), { timeoutMs: 2_000, log });
    const outcome = await Promise.race([staleEnded, new Promise((resolve) => setTimeout(() => resolve('still open'), 3_000))]);
    expect(outcome).toBe('ended');
    expect(runtime.connection.kind).toBe('stopped');
    expect(records.filter((record) => record.level !== 'info')).toEqual([]);
  });

  it('still quits when the server does not answer, saying so in the log without the credentials', async () => {
    const server = await startRecordingServer();
    server.respond(() => 'drop');
    const records: LogRecord[] = [];
    const api = createApiClient({ baseUrl: `${server.origin}/v2`, credentials: { key: 'quit-key-123', secret: 'quit-secret-456' } });
    let closed = 0;
    await closeAccountForQuit({ api }, async () => void (closed += 1), {
      timeoutMs: 1_000,
      log: createLogger('test', (record) => records.push(record)),
    });
    await server.close();
    expect(closed).toBe(1);
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['DELETE /v2/events/']);
    expect(records.map((record) => record.message)).toEqual(['could not close the event streams on the server']);
    expect(JSON.stringify(records)).not.toMatch(/quit-key-123|quit-secret-456/);
  });

  it('revokes credentials kept only in memory, which no later run could use', async () => {
    const me = await newUser(sandbox.url, 'Keychainless Nurse');
    const log = createLogger('test', () => undefined);
    const session = new SessionManager({ vault: new Vault(new SessionOnlySecretStore()), dataRoot: dir(), clientVersion: 'tigerdesk-test', fetch, log });
    await session.signInWithKey({ server: sandbox.apiUrl, key: me.key, secret: me.secret });
    const runtime = await openAccount({ session, log });
    await runtime.catchUp(10_000);
    const sameKey = createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key: me.key, secret: me.secret } });
    expect((await sameKey.getUser()).token).toBe(me.token);

    await closeAccountForQuit(runtime, () => runtime.close(), { timeoutMs: 2_000, log, revoke: true });
    await expect(sameKey.getUser()).rejects.toMatchObject({ status: 401 });
  });
});
