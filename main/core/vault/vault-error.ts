/**
 * Why the vault could not do what was asked:
 * - locked: the keychain answers but its collection is locked (the user must unlock it);
 * - unavailable: nothing answers (no D-Bus session, no Secret Service provider, no encryption);
 * - denied: the user or the system refused access;
 * - malformed: an entry exists but does not hold what it should (never overwritten silently);
 * - unknown: anything else; the message says what the platform said.
 */
export type VaultErrorCause = 'locked' | 'unavailable' | 'denied' | 'malformed' | 'unknown';

export class VaultError extends Error {
  override readonly name = 'VaultError';
  override readonly cause: VaultErrorCause;

  constructor(cause: VaultErrorCause, message: string) {
    super(message);
    this.cause = cause;
  }
}

export function isVaultError(error: unknown): error is VaultError {
  return error instanceof VaultError;
}
