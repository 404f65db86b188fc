/**
 * People in the sandbox, and a signed-in account runtime for one of them in a data root of its
 * own, as the app would have it: session manager, vault (session-only secrets), runtime.
 */
import { openAccount } from '../../../main/core/account';
import type { AccountRuntime } from '../../../main/core/account';
import { createLogger } from '../../../main/core/log/logger';
import type { Logger, LogRecord } from '../../../main/core/log/logger';
import { SessionManager } from '../../../main/core/session';
import { SessionOnlySecretStore, Vault } from '../../../main/core/vault';
import type { SecretStore } from '../../../main/core/vault';
import type { ThreadShown } from '../../../main/core/sync/change-collector';

export interface SandboxPerson {
  token: string;
  key: string;
  secret: string;
}

let created = 0;

/** A new person in the sandbox's organization, through its loopback admin route. */
export async function newPerson(sandboxUrl: string, label: string): Promise<SandboxPerson> {
  created += 1;
  const email = `bench-${created}.${process.pid}.${Date.now()}@bench.test`;
  const password = `bench-pw-${created}`;
  const response = await fetch(`${sandboxUrl}/sandbox/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ display_name: `${label} ${created}`, email, password }),
  });
  if (response.status !== 200) throw new Error(`the sandbox admin route answered ${response.status}`);
  const { token, key, secret } = (await response.json()) as { token: string; key: string; secret: string };
  return { token, key, secret };
}

/** Log records kept in memory; a run that logged an error did not measure what it claims. */
export class BenchLog {
  readonly records: LogRecord[] = [];

  logger(scope: string): Logger {
    return createLogger(scope, (record) => this.records.push(record));
  }

  /** Throws with the error records' messages (never their fields) when there are any. */
  assertNoErrors(what: string): void {
    const errors = this.records.filter((record) => record.level === 'error');
    if (errors.length > 0) {
      throw new Error(`${what} logged ${errors.length} error(s): ${[...new Set(errors.map((record) => record.message))].join('; ')}`);
    }
  }
}

/** Signs in with a key/secret pair under `dataRoot` and opens the account's runtime (not started). */
export async function signInAndOpen(options: {
  apiUrl: string;
  key: string;
  secret: string;
  dataRoot: string;
  log: BenchLog;
  secrets?: SecretStore;
  /** As the app passes it from its window (account-runtime.ts); default every conversation's thread. */
  threadShown?: ThreadShown;
}): Promise<AccountRuntime> {
  const session = new SessionManager({
    vault: new Vault(options.secrets ?? new SessionOnlySecretStore()),
    dataRoot: options.dataRoot,
    clientVersion: 'tigerdesk-bench',
    fetch,
    log: options.log.logger('session'),
  });
  await session.signInWithKey({ server: options.apiUrl, key: options.key, secret: options.secret });
  return openAccount({ session, log: options.log.logger('account'), ...(options.threadShown ? { threadShown: options.threadShown } : {}) });
}
