/** Where a secret store keeps its entries; shown to the user when it is not the OS keychain. */
export type SecretStoreKind = 'keychain' | 'safe-storage' | 'session-only';

/**
 * A place for small secrets, addressed by account name. Every method rejects with a
 * `VaultError` naming the cause when the backing store does not answer.
 */
export interface SecretStore {
  readonly kind: SecretStoreKind;
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** Resolves true when an entry was removed, false when there was none. */
  delete(account: string): Promise<boolean>;
  /** Proves the store can write, read back and delete right now; rejects otherwise. */
  probe(): Promise<void>;
}
