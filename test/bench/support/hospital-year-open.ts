/**
 * Opens a copy of the hospital-year account in the process that runs this, as the app does
 * at start (session restored from the vault, runtime opened on the database), without
 * starting it: the children of hospital-year-bench.ts measure what comes after.
 */
import { openAccount } from '../../../main/core/account';
import type { AccountRuntime, OpenAccountOptions } from '../../../main/core/account';
import { SessionManager } from '../../../main/core/session';
import { Vault } from '../../../main/core/vault';
import { BenchLog } from './bench-accounts';
import { CopyableSecretStore } from './copyable-secret-store';
import type { SecretEntries } from './copyable-secret-store';

export interface OpenedYear {
  runtime: AccountRuntime;
  log: BenchLog;
}

export async function openYear(dataRoot: string, secretEntries: SecretEntries, options: Partial<OpenAccountOptions> = {}): Promise<OpenedYear> {
  const secrets = await CopyableSecretStore.from(secretEntries);
  const log = new BenchLog();
  const session = new SessionManager({ vault: new Vault(secrets), dataRoot, clientVersion: 'tigerdesk-bench', fetch, log: log.logger('session') });
  const state = await session.restore();
  if (state.kind !== 'signed-in') throw new Error(`the stored account did not restore (${state.kind})`);
  const runtime = await openAccount({ ...options, session, log: log.logger('account') });
  if (runtime.setAside !== null) throw new Error('the database could not be read and was set aside');
  return { runtime, log };
}
