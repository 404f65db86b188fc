import { SaidError } from '../../../i18n/said-error';
import type { UserText } from '../../../i18n/user-text';

/**
 * Why the vault could not do what was asked:
 * - locked: the keychain answers but its collection is locked (the user must unlock it);
 * - unavailable: nothing answers (no D-Bus session, no Secret Service provider, no encryption);
 * - denied: the user or the system refused access;
 * - malformed: an entry exists but does not hold what it should (never overwritten silently);
 * - unknown: anything else; the message says what the platform said.
 */
export type VaultErrorCause = 'locked' | 'unavailable' | 'denied' | 'malformed' | 'unknown';

export class VaultError extends SaidError {
  override readonly name = 'VaultError';
  override readonly cause: VaultErrorCause;

  constructor(cause: VaultErrorCause, said: UserText) {
    super(said);
    this.cause = cause;
  }
}

export function isVaultError(error: unknown): error is VaultError {
  return error instanceof VaultError;
}
