/**
 * One cold start, in a fresh process (forked by cold-start-bench.ts): the stored account is
 * restored from the vault, its runtime opened on the existing database, and the roster read,
 * as the app does before it shows the window. Nothing goes to the network.
 */
import { openAccount } from '../../../main/core/account';
import { SessionManager } from '../../../main/core/session';
import { Vault } from '../../../main/core/vault';
import { BenchLog } from './bench-accounts';
import { CopyableSecretStore } from './copyable-secret-store';
import type { SecretEntries } from './copyable-secret-store';
import { answerParent } from './forked-task';

export interface ColdStartInput {
  dataRoot: string;
  secrets: SecretEntries;
}

export interface ColdStart {
  /** From restoring the session to the roster in hand. */
  ms: number;
  conversations: number;
  unread: number;
  /** Time since the process started when the roster was in hand (module loading under tsx included). */
  sinceProcessStartMs: number;
}

answerParent<ColdStartInput, ColdStart>(async (input) => {
  const secrets = await CopyableSecretStore.from(input.secrets);
  const log = new BenchLog();
  const began = performance.now();
  const session = new SessionManager({ vault: new Vault(secrets), dataRoot: input.dataRoot, clientVersion: 'tigerdesk-bench', fetch, log: log.logger('session') });
  const state = await session.restore();
  if (state.kind !== 'signed-in') throw new Error(`the stored account did not restore (${state.kind})`);
  const runtime = await openAccount({ session, log: log.logger('account') });
  try {
    const roster = runtime.sync.roster();
    const ready = performance.now();
    if (runtime.setAside !== null) throw new Error('the database could not be read and was set aside');
    log.assertNoErrors('the cold start');
    return {
      ms: ready - began,
      conversations: roster.length,
      unread: roster.reduce((sum, conversation) => sum + conversation.unread, 0),
      sinceProcessStartMs: ready,
    };
  } finally {
    await runtime.close();
  }
});
