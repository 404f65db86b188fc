import { randomBytes } from 'node:crypto';
import { userText } from '../../../i18n/user-text';
import { keychainFailure } from './keychain-failure';
import { VaultError } from './vault-error';
import type * as Keytar from 'keytar';
import type { SecretStore } from './secret-store';

export type KeytarApi = Pick<typeof Keytar, 'getPassword' | 'setPassword' | 'deletePassword'>;

/**
 * The OS keychain (Secret Service, macOS Keychain, Windows Credential Manager) via keytar.
 * keytar is loaded on first use so that a missing or broken native module becomes an
 * 'unavailable' VaultError that the chooser can downgrade from, not a crash at start-up.
 */
export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain';
  private readonly service: string;
  private readonly load: () => Promise<KeytarApi>;
  private api: Promise<KeytarApi> | undefined;

  constructor(options: { service: string; load?: () => Promise<KeytarApi> }) {
    this.service = options.service;
    this.load = options.load ?? loadKeytar;
  }

  async get(account: string): Promise<string | null> {
    const keytar = await this.keytar();
    let value: string | null;
    try {
      value = await keytar.getPassword(this.service, account);
    } catch (error) {
      throw keychainFailure('read', error);
    }
    // libsecret answers a read from a locked collection with "nothing there"; a missing
    // entry must not be mistaken for a locked keychain, or the caller would create a new
    // database key and lose the old database, so an empty answer is confirmed by a write.
    if (value === null) await this.probe();
    return value;
  }

  async set(account: string, value: string): Promise<void> {
    const keytar = await this.keytar();
    try {
      await keytar.setPassword(this.service, account, value);
    } catch (error) {
      throw keychainFailure('write', error);
    }
  }

  async delete(account: string): Promise<boolean> {
    const keytar = await this.keytar();
    try {
      return await keytar.deletePassword(this.service, account);
    } catch (error) {
      throw keychainFailure('delete', error);
    }
  }

  async probe(): Promise<void> {
    const keytar = await this.keytar();
    // A fresh entry per probe, so that probes from two processes never read each other's.
    const probeAccount = `tigerdesk-probe-${randomBytes(8).toString('hex')}`;
    const marker = randomBytes(8).toString('hex');
    try {
      await keytar.setPassword(this.service, probeAccount, marker);
      const readBack = await keytar.getPassword(this.service, probeAccount);
      await keytar.deletePassword(this.service, probeAccount);
      if (readBack !== marker) {
        throw new VaultError('unknown', userText('vault.keychain-probe-mismatch'));
      }
    } catch (error) {
      throw keychainFailure('probe', error);
    }
  }

  private async keytar(): Promise<KeytarApi> {
    try {
      return await (this.api ??= this.load());
    } catch (error) {
      const said = error instanceof Error ? error.message : String(error);
      throw new VaultError('unavailable', userText('vault.keytar-not-loaded', { detail: said }));
    }
  }
}

async function loadKeytar(): Promise<KeytarApi> {
  const module = await import('keytar');
  return module.default ?? module;
}
