import type { ErrorCode } from '../../../preload/contract';
import { TigerError } from '../tiger';
import { errorText } from './error-text';

export type SignInMethod = 'password' | 'key';

/**
 * Turns a refused sign-in into words a person at a ward desk can act on, chosen by main's
 * error code alone; main's message is shown beside them where it says more (which pid holds
 * the account, which server the managed settings allow), never read.
 */
export function signInErrorText(error: unknown, method: SignInMethod, server: string): string {
  // Only the renderer's own bug throws anything but a TigerError here.
  if (!(error instanceof TigerError)) return `Sign-in failed: ${errorText(error)}`;
  return textOf(error.code, error.message, method, server);
}

// Every case returns: a code added to the contract and not handled here leaves the end of the
// function reachable, which tsc refuses for a function returning a string.
function textOf(code: ErrorCode, message: string, method: SignInMethod, server: string): string {
  switch (code) {
    case 'unauthorized':
      return method === 'password'
        ? 'Wrong user ID or password. Check them and try again.'
        : 'The server refused this key and secret. Check them and try again.';
    case 'offline':
      return `Cannot reach the server at ${server}. Check the address and your network connection.`;
    case 'keychain-unavailable':
      return `The system keychain is unavailable, so the sign-in cannot be stored safely. ${message}`;
    case 'account-busy':
      return `The account is in use elsewhere. ${message}`;
    case 'server-error':
      return `The server could not sign you in right now. Try again in a few minutes; if it keeps happening, contact IT. (${message})`;
    case 'refused':
      return `The sign-in was refused: ${message}`;
    case 'disk-full':
      return 'There is not enough disk space to store this account. Free some space and try again.';
    case 'not-found':
    case 'too-large':
    case 'not-signed-in':
    case 'locked':
    case 'invalid-call':
    case 'failed':
      return `Sign-in failed: ${message}`;
  }
}

/**
 * Checks the form before anything leaves the window; null when it is fine. A host alone is
 * fine: main reads the address (adding https:// and /v2) and refuses what it cannot use.
 */
export function serverAddressProblem(server: string): string | null {
  if (server.trim() === '') return 'Enter the server address.';
  const scheme = /^([a-z][a-z\d+.-]*):\/\//i.exec(server.trim())?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'https' && scheme !== 'http') return 'The server address must start with https:// or http://.';
  return null;
}
