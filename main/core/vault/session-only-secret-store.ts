import type { SecretStore } from './secret-store';

/** Secrets kept in memory only: everything is forgotten when the app quits. */
export class SessionOnlySecretStore implements SecretStore {
  readonly kind = 'session-only';
  private readonly entries = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.entries.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    this.entries.set(account, value);
  }

  async delete(account: string): Promise<boolean> {
    return this.entries.delete(account);
  }

  async probe(): Promise<void> {}
}
