// One network for everything an account does: the fetch given to the SessionManager (the app's
// is Electron's net.fetch) carries the sign-in, the account runtime's API calls and its event
// stream, and the sign-out. Nothing falls back to Node's own fetch, which knows nothing of the
// hospital's proxy or certificates.
import { describe, expect, it } from 'vitest';
import { openAccount } from '../../main/core/account';
import { createLogger } from '../../main/core/log/logger';
import { SessionManager } from '../../main/core/session';
import { SessionOnlySecretStore, Vault } from '../../main/core/vault';
import { useSandbox } from '../support/sandbox-fixture';
import { useTempFolderPerTest } from '../support/temp-folder';
import { newUser } from './fixtures/sandbox-users';

const sandbox = useSandbox();
const dataRoot = useTempFolderPerTest('tigerdesk-session-network-');
const quiet = createLogger('test', () => undefined);

describe("the session's network", () => {
  it('carries the sign-in, every API call, the event stream and the sign-out', async () => {
    const me = await newUser(sandbox.url, 'Net Walker');
    const seen: string[] = [];
    const network: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : input);
      seen.push(`${init?.method ?? 'GET'} ${url.pathname.replace(/^\/v2/, '')}`);
      return fetch(input, init);
    };
    const session = new SessionManager({ vault: new Vault(new SessionOnlySecretStore()), dataRoot: dataRoot(), clientVersion: 'tigerdesk-test', fetch: network, log: quiet });
    expect(session.fetch).toBe(network);

    await session.signInWithPassword({ server: sandbox.apiUrl, userId: me.email, password: me.password });
    expect(seen).toContain('POST /login');
    const runtime = await openAccount({ session, log: quiet });
    try {
      await runtime.catchUp(10_000);
      expect(seen).toContain('GET /events/');
      expect(seen.some((call) => call.startsWith('GET /user/'))).toBe(true);
    } finally {
      await runtime.close();
    }
    await session.signOut();
    expect(seen).toContain('POST /logout');
  });
});
