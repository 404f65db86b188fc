import type { UserText } from '../../../i18n/user-text';
import type { SecretStoreKind, VaultErrorCause } from '../vault';

/** What the window shows about the signed-in account; holds no secret. */
export interface AccountSummary {
  id: string;
  server: string;
  userToken: string;
  displayName: string;
  organization: { token: string; name: string };
}

/**
 * - signed-in: `secretStore` says where the credentials are kept, so that a session-only
 *   store (forgotten at exit) can be shown as a warning;
 * - credentials-rejected: the server answered 401; nothing retries until the user signs in again;
 * - keychain-unavailable: the vault did not answer; `cause` says why (locked, unavailable, ...);
 *   `message` in English (the log, the CLI), `said` for the window.
 */
export type SessionState =
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; account: AccountSummary; secretStore: SecretStoreKind }
  | { kind: 'credentials-rejected'; account: AccountSummary }
  | { kind: 'keychain-unavailable'; cause: VaultErrorCause; message: string; said: UserText };

export type SessionListener = (state: SessionState) => void;

/** The account the session is for (signed in, or refused by the server until signed in again); null when none. */
export function activeAccountId(state: SessionState): string | null {
  return state.kind === 'signed-in' || state.kind === 'credentials-rejected' ? state.account.id : null;
}
