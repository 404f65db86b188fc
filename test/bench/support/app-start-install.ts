/**
 * A fresh installation of the app for one launch (launchAppProcess's `root` and
 * `keychainService`), to be given a signed-in account before it starts, as the app finds one
 * after a restart: the account's data where the app keeps it (startApp's SessionManager
 * dataRoot: userData/data, and the stand-in's userData is <root>/userData), its secrets
 * (credentials, database key) in the OS keychain (the test command's gnome-keyring) under a
 * service name of the installation's own.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import type { SecretEntries } from './copyable-secret-store';

export interface Installation {
  root: string;
  keychainService: string;
  /** Where the app's SessionManager finds its accounts: copy an account's data root here. */
  dataRoot: string;
  /** Puts the account's secrets into this installation's keychain service. */
  keepSecrets(secrets: SecretEntries): Promise<void>;
  /** Removes the folder and the keychain entries. */
  remove(): Promise<void>;
}

let installed = 0;

export async function newInstallation(): Promise<Installation> {
  const root = await mkdtemp(join(tmpdir(), 'tigerdesk-app-start-'));
  const keychainService = `TigerDesk-app-start-${process.pid}-${(installed += 1)}`;
  return {
    root,
    keychainService,
    dataRoot: join(root, 'userData', 'data'),
    async keepSecrets(secrets) {
      for (const [name, value] of secrets) await keytar.setPassword(keychainService, name, value);
    },
    async remove() {
      for (const { account } of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, account);
      await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}
