import { SessionOnlySecretStore } from './session-only-secret-store';
import { userText } from '../../../i18n/user-text';
import { VaultError } from './vault-error';
import type { SecretStore, SecretStoreKind } from './secret-store';
import type { VaultErrorCause } from './vault-error';

export interface RejectedSecretStore {
  kind: SecretStoreKind;
  cause: VaultErrorCause;
  message: string;
}

/** Which store holds the secrets and, when it is not the first choice, why not. */
export interface SecretStoreReport {
  kind: SecretStoreKind;
  downgradedFrom?: SecretStoreKind;
  reason?: string;
  rejected: RejectedSecretStore[];
}

export interface SecretStoreLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Probes the candidates in order of preference and takes the first that answers. A
 * session-only store is the last resort, added when the candidates lack one, so secrets
 * always have a home; every downgrade is logged as a warning and returned in the report
 * so that the shell can show it.
 */
export async function chooseSecretStore(
  candidates: readonly SecretStore[],
  log: SecretStoreLog,
): Promise<{ store: SecretStore; report: SecretStoreReport }> {
  const ordered = candidates.some((candidate) => candidate.kind === 'session-only')
    ? candidates
    : [...candidates, new SessionOnlySecretStore()];
  const rejected: RejectedSecretStore[] = [];
  for (const store of ordered) {
    try {
      await store.probe();
    } catch (error) {
      const failure = error instanceof VaultError ? error : new VaultError('unknown', userText('said.english', { text: String(error) }));
      rejected.push({ kind: store.kind, cause: failure.cause, message: failure.message });
      continue;
    }
    const first = rejected[0];
    if (first === undefined) {
      log.info(`Secrets are kept in the ${store.kind} store`);
      return { store, report: { kind: store.kind, rejected } };
    }
    const reason = rejected.map((entry) => `${entry.kind}: ${entry.message}`).join('; ');
    log.warn(`Secrets are kept in the ${store.kind} store instead of the ${first.kind} store (${reason})`);
    return { store, report: { kind: store.kind, downgradedFrom: first.kind, reason, rejected } };
  }
  throw new VaultError('unavailable', userText('vault.no-secret-store', { detail: rejected.map((entry) => `${entry.kind}: ${entry.message}`).join('; ') }));
}
