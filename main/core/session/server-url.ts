/**
 * The one reading of a server address as people type it, for the sign-in calls and the CLI:
 * `https://host`, `https://host/` and `host` alone mean the API root `https://host/v2` (the
 * service answers every operation under /v2); any other path is kept as typed, minus a
 * trailing slash, for a server mounted elsewhere. Pure; refuses before anything is sent.
 */
import { SaidError } from '../../../i18n/said-error';
import { userText } from '../../../i18n/user-text';
import type { UserText } from '../../../i18n/user-text';
import { httpsOnlySaid, httpsOrLoopback } from './https-rule';

export type ServerUrlProblem = 'empty' | 'not-an-address' | 'not-https';

export class ServerUrlError extends SaidError {
  override readonly name = 'ServerUrlError';
  readonly problem: ServerUrlProblem;

  constructor(problem: ServerUrlProblem, said: UserText) {
    super(said);
    this.problem = problem;
  }
}

/** A scheme is only taken as one with `//`: `host:8443` is a host and a port, not the scheme `host:`. */
const hasScheme = /^[a-z][a-z\d+.-]*:\/\//i;

/** The API root `typed` means; throws a ServerUrlError saying why when it names none, or one not reached over https. */
export function serverUrl(typed: string): string {
  const text = typed.trim();
  if (text === '') throw new ServerUrlError('empty', userText('session.server-address-empty'));
  let url: URL;
  try {
    url = new URL(hasScheme.test(text) ? text : `https://${text}`);
  } catch {
    // Not quoted back: what was typed may hold a password.
    throw new ServerUrlError('not-an-address', userText('session.server-address-invalid', { host: 'tigertext.example.org', url: 'https://tigertext.example.org/v2' }));
  }
  if (!httpsOrLoopback(url)) throw new ServerUrlError('not-https', httpsOnlySaid);
  // Either would ride along in every request: credentials in the address, or a query before each operation's path.
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new ServerUrlError('not-an-address', userText('session.server-address-extras'));
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path === '' ? '/v2' : path}`;
}
