import { SaidError } from '../../../i18n/said-error';
import type { UserText } from '../../../i18n/user-text';

/**
 * Why signing in, restoring or switching failed, in words a person can act on:
 * - credentials-rejected: the server refused the user id and password or the key/secret pair;
 * - server-unreachable: no answer from the server (down, wrong address, no network);
 * - network-blocked: the hospital's network stopped the connection: the server's certificate is
 *   not trusted here (a TLS-inspecting proxy), or a proxy refused; the message names which;
 * - server-error: the server answered with an error or a reply we cannot read;
 * - no-organization: the user belongs to no organization, so nothing could be sent;
 * - keychain-unavailable: the credentials cannot be stored or read (the message names why);
 * - unknown-account: no stored account has that id;
 * - not-signed-in: the operation needs a signed-in account and there is none.
 */
export type SessionErrorReason =
  | 'credentials-rejected'
  | 'server-unreachable'
  | 'network-blocked'
  | 'server-error'
  | 'no-organization'
  | 'keychain-unavailable'
  | 'unknown-account'
  | 'not-signed-in';

export class SessionError extends SaidError {
  override readonly name = 'SessionError';
  readonly reason: SessionErrorReason;

  constructor(reason: SessionErrorReason, said: UserText) {
    super(said);
    this.reason = reason;
  }
}
