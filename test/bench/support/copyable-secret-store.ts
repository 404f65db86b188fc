/**
 * The session-only secret store, with a copy of what it holds that can be handed to another
 * process: a cold start in a fresh process finds the same credentials and database key, as
 * the app finds them in the OS keychain after a restart.
 */
import { SessionOnlySecretStore } from '../../../main/core/vault';
import type { SecretStore } from '../../../main/core/vault';

export type SecretEntries = [name: string, value: string][];

export class CopyableSecretStore implements SecretStore {
  readonly kind = 'session-only';
  private readonly inner = new SessionOnlySecretStore();
  private readonly names = new Set<string>();

  /** A store holding `entries`, as a copy taken with `entries()` left it. */
  static async from(entries: SecretEntries): Promise<CopyableSecretStore> {
    const store = new CopyableSecretStore();
    for (const [name, value] of entries) await store.set(name, value);
    return store;
  }

  get(account: string): Promise<string | null> {
    return this.inner.get(account);
  }

  async set(account: string, value: string): Promise<void> {
    await this.inner.set(account, value);
    this.names.add(account);
  }

  async delete(account: string): Promise<boolean> {
    this.names.delete(account);
    return this.inner.delete(account);
  }

  probe(): Promise<void> {
    return this.inner.probe();
  }

  async entries(): Promise<SecretEntries> {
    const entries: SecretEntries = [];
    for (const name of this.names) {
      const value = await this.inner.get(name);
      if (value !== null) entries.push([name, value]);
    }
    return entries;
  }
}
