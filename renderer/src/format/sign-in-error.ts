import type { UserText } from '../../../i18n/user-text';
import type { ErrorCode } from '../../../preload/contract';
import { TigerError } from '../tiger';
import { because, worded } from './failure-text';
import type { Wording } from './failure-text';

export type SignInMethod = 'password' | 'key';

/**
 * Turns a refused sign-in into words a person at a ward desk can act on, chosen by main's
 * error code alone; main's own words are shown beside them where they say more (which pid
 * holds the account, which server the managed settings allow), never read. `server` is the
 * address tried, null for the local sandbox. Held as a Wording, worded as it is shown.
 */
export function signInError(error: unknown, method: SignInMethod, server: string | null): Wording {
  // Only the renderer's own bug throws anything but a TigerError here.
  if (!(error instanceof TigerError)) return because('signin.error.failed', error);
  return wordingOf(error.code, error, method, server);
}

/** signInError, worded in the window's language. */
export function signInErrorText(error: unknown, method: SignInMethod, server: string | null): string {
  return worded(signInError(error, method, server)) ?? '';
}

// Every case returns: a code added to the contract and not handled here leaves the end of the
// function reachable, which tsc refuses for a function returning a Wording.
function wordingOf(code: ErrorCode, error: TigerError, method: SignInMethod, server: string | null): Wording {
  switch (code) {
    case 'unauthorized':
      return { key: method === 'password' ? 'signin.error.unauthorized-password' : 'signin.error.unauthorized-key' };
    case 'offline':
      return server === null ? { key: 'signin.error.offline', params: { where: 'sandbox', server: '' } } : { key: 'signin.error.offline', params: { where: 'server', server } };
    case 'keychain-unavailable':
      return because('signin.error.keychain-unavailable', error);
    case 'account-busy':
      return because('signin.error.account-busy', error);
    case 'server-error':
      return because('signin.error.server-error', error);
    case 'refused':
      return because('signin.error.refused', error);
    case 'disk-full':
      return { key: 'signin.error.disk-full' };
    case 'not-found':
    case 'too-large':
    case 'not-signed-in':
    case 'locked':
    case 'invalid-call':
    case 'failed':
      return because('signin.error.failed', error);
  }
}

/**
 * Checks the form before anything leaves the window; null when it is fine. A host alone is
 * fine: main reads the address (adding https:// and /v2) and refuses what it cannot use.
 */
export function serverAddressProblem(server: string): UserText | null {
  if (server.trim() === '') return { key: 'signin.error.no-server' };
  const scheme = /^([a-z][a-z\d+.-]*):\/\//i.exec(server.trim())?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'https' && scheme !== 'http') return { key: 'signin.error.server-scheme' };
  return null;
}
