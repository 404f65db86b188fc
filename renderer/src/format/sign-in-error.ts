import { errorText } from './error-text';

export type SignInMethod = 'password' | 'key';

/**
 * Turns a refused sign-in into words a person at a ward desk can act on. Main's session
 * errors arrive as messages only, so they are recognised by their wording.
 */
export function signInErrorText(error: unknown, method: SignInMethod, server: string): string {
  const message = errorText(error);
  if (/refused th|credentials|\b401\b|unauthori[sz]ed/i.test(message)) {
    return method === 'password'
      ? 'Wrong user ID or password. Check them and try again.'
      : 'The server refused this key and secret. Check them and try again.';
  }
  if (/cannot reach|unreachable|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|fetch failed|timed? ?out|network/i.test(message)) {
    return `Cannot reach the server at ${server}. Check the address and your network connection.`;
  }
  if (/keychain|secret service|keytar/i.test(message)) {
    return `The system keychain is unavailable, so the sign-in cannot be stored safely. ${message}`;
  }
  return `Sign-in failed: ${message}`;
}

/** Checks the form before anything leaves the window; null when it is fine. */
export function serverAddressProblem(server: string): string | null {
  if (server.trim() === '') return 'Enter the server address.';
  let url: URL;
  try {
    url = new URL(server.trim());
  } catch {
    return 'The server address is not a valid URL (for example https://developer.tigertext.me/v2).';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The server address must start with https:// or http://.';
  return null;
}
