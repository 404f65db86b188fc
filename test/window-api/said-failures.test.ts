/**
 * A window call that fails tells the window a catalog key and its parameters, never an English
 * sentence: the window words it in the user's language. And every key main can send is in the
 * catalogs (tsc checks the literal ones; this reads them all from main's source).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/catalogs/en.json';
import es from '../../i18n/catalogs/es.json';
import fr from '../../i18n/catalogs/fr.json';
import { englishText } from '../../i18n/english';
import { userText } from '../../i18n/user-text';
import { ApiError } from '../../main/core/api';
import type { ScreenLock } from '../../main/core/lock/screen-lock';
import { serverFailure } from '../../main/core/session/server-failure';
import { answerCall } from '../../main/window-api/answer-call';
import { lockCalls } from '../../main/window-api/lock-calls';
import { throughServer } from '../../main/window-api/runtime-calls';

const quietLog = { warn: () => {} };

function wrongTries(state: { method: 'pin' | 'password'; pinTriesLeft: number | null; retryAt: number | null; hasPin: boolean }) {
  const lock: Pick<ScreenLock, 'lock' | 'unlock' | 'confirm' | 'setPin' | 'removePin' | 'state'> = {
    lock: async () => true,
    unlock: async () => ({ kind: 'wrong', state: { locked: true, hasPassword: true, ...state } }),
    confirm: async () => ({ kind: 'not-locked' }),
    setPin: () => Promise.reject(new Error('not asked')),
    removePin: () => Promise.reject(new Error('not asked')),
    state: () => null,
  };
  return lockCalls({ lock, session: { signOut: () => Promise.reject(new Error('not asked')) }, pinRequired: () => false });
}

describe('a failed window call', () => {
  it('says a message over the limit by its field and limit', async () => {
    const reply = await answerCall('sendMessage', { conversationId: 'u-ann', body: 'x'.repeat(10_001) }, () => {
      throw new Error('the handler is never called');
    }, quietLog);
    expect(reply).toEqual({ ok: false, error: { code: 'invalid-call', text: userText('error.too-long', { field: 'body', max: 10_000 }) } });
  });

  it('says a wrong PIN with the tries left as a number, and a wrong password by its method', async () => {
    const pin = wrongTries({ method: 'pin', pinTriesLeft: 2, retryAt: null, hasPin: true });
    expect(await answerCall('unlock', { secret: '0000' }, pin.unlock, quietLog)).toEqual({
      ok: false, error: { code: 'refused', text: userText('lock-error.wrong-pin-tries', { tries: 2 }) },
    });
    const password = wrongTries({ method: 'password', pinTriesLeft: null, retryAt: null, hasPin: false });
    expect(await answerCall('unlock', { secret: 'nope' }, password.unlock, quietLog)).toEqual({
      ok: false, error: { code: 'refused', text: userText('lock-error.wrong', { method: 'password' }) },
    });
    // The English wording is today's.
    expect(englishText(userText('lock-error.wrong-pin-tries', { tries: 1 }))).toBe('Wrong PIN. 1 try left before only the password unlocks');
    expect(englishText(userText('lock-error.wrong-pin-tries', { tries: 3 }))).toBe('Wrong PIN. 3 tries left before only the password unlocks');
  });

  it('says a server out of reach with the server as a parameter, at sign-in and for a call that needs it', async () => {
    const server = 'https://tt.example/v2';
    const unreachable = new ApiError({ kind: 'network', operation: 'getUser', detail: 'request failed (ECONNREFUSED)', networkCode: 'ECONNREFUSED' });
    const signIn = await answerCall('signInWithKey', { server, key: 'k', secret: 's' }, () => {
      throw serverFailure(unreachable, server, userText('session.key-refused'));
    }, quietLog);
    expect(signIn).toEqual({
      ok: false,
      error: { code: 'offline', text: userText('session.server-unreachable', { server, detail: 'getUser: network: request failed (ECONNREFUSED)' }) },
    });
    const rename = await answerCall('renameGroup', { groupId: 'g-1', name: 'Ward 3' }, () => throughServer('group_rename', () => Promise.reject(unreachable)), quietLog);
    expect(rename).toEqual({ ok: false, error: { code: 'offline', text: userText('api.needs-connection', { operation: 'group_rename' }) } });
    expect(!rename.ok && englishText(rename.error.text)).toBe('Renaming a group needs a connection to the server, which cannot be reached now; nothing was changed');
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('the keys main sends', () => {
  const prefixes = ['error', 'connection', 'session', 'outbox', 'lock-error', 'settings-error', 'account', 'vault', 'api', 'store', 'failure', 'said'];
  const keyLiteral = new RegExp(`'((?:${prefixes.join('|')})\\.[a-z0-9-]*[a-z0-9](?:\\.[a-z0-9-]+)*)'`, 'g');
  // Quoted names with the same look that are not messages: a stored setting's name.
  const notMessages = new Set(['store.rewrite-requested']);

  it('are all in the English catalog, and in Spanish and French too', () => {
    const used = new Set<string>();
    for (const file of sources(join(__dirname, '../../main'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(keyLiteral)) if (!notMessages.has(match[1]!)) used.add(match[1]!);
    }
    // Not a trivial pass: the keys of the errors, the reasons and the failures are read.
    for (const key of ['error.too-long', 'lock-error.wrong-pin-tries', 'session.server-unreachable', 'failure.refused-too-large', 'connection.silent', 'vault.keychain-locked']) {
      expect(used).toContain(key);
    }
    const missing = [...used].filter((key) => !Object.hasOwn(en, key) || !Object.hasOwn(es, key) || !Object.hasOwn(fr, key));
    expect(missing).toEqual([]);
  });
});
