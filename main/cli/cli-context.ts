/**
 * What every command starts from: the data folder, a log file in it, the vault on the OS
 * keychain (falling back to a session-only store, said on stderr), and the session.
 */
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { createLogger } from '../core/log/logger';
import type { Logger } from '../core/log/logger';
import { createRotatingFileSink } from '../core/log/rotating-file-sink';
import { SessionManager } from '../core/session';
import { chooseSecretStore, KeytarSecretStore, Vault } from '../core/vault';
import type { SecretStoreKind } from '../core/vault';
import { cliFetch } from './cli-fetch';

export const clientVersion = 'tigerdesk-cli/0.1.0';

export interface CliContext {
  dataDir: string;
  session: SessionManager;
  secretStore: SecretStoreKind;
  log: (scope: string) => Logger;
}

/**
 * The keychain service is named after the data folder, so that two folders (two test runs,
 * a second profile) never share their list of accounts: each folder holds the databases
 * that its keychain entries unlock.
 */
export function keychainServiceFor(dataDir: string): string {
  return `TigerDesk CLI ${resolve(dataDir)}`;
}

export async function openCliContext(dataDir: string, stderr: Writable): Promise<CliContext> {
  const { sink } = createRotatingFileSink({ file: resolve(dataDir, 'logs', 'cli.log') });
  const log = (scope: string) => createLogger(scope, sink);
  const vaultLog = log('vault');
  const { store } = await chooseSecretStore([new KeytarSecretStore({ service: keychainServiceFor(dataDir) })], {
    info: (message) => vaultLog.info(message),
    warn(message) {
      vaultLog.warn(message);
      stderr.write(`warning: ${message}. Credentials are kept only until this command exits.\n`);
    },
  });
  const session = new SessionManager({
    vault: new Vault(store),
    dataRoot: resolve(dataDir),
    clientVersion,
    fetch: cliFetch(),
    log: log('session'),
  });
  return { dataDir: resolve(dataDir), session, secretStore: store.kind, log };
}
