/**
 * Makes the cold-start database, in a process of its own: signs in (the sandbox is needed
 * only for that), stores a long history through the real sync in large batches, closes,
 * and hands back the secrets the next start needs.
 */
import { BenchLog, signInAndOpen } from './bench-accounts';
import { CopyableSecretStore } from './copyable-secret-store';
import type { SecretEntries } from './copyable-secret-store';
import { answerParent } from './forked-task';
import { historyBatches } from './ward-history';
import type { WardHistory } from './ward-history';

export interface PopulateInput {
  apiUrl: string;
  key: string;
  secret: string;
  dataRoot: string;
  history: WardHistory;
}

export interface Populated {
  secrets: SecretEntries;
  stored: number;
}

answerParent<PopulateInput, Populated>(async (input) => {
  const secrets = new CopyableSecretStore();
  const log = new BenchLog();
  const runtime = await signInAndOpen({ ...input, log, secrets });
  try {
    for (const batch of historyBatches(input.history, runtime.account.userToken, 2_000)) await runtime.sync.handle(batch);
    const stored = runtime.store.statements.prepare<{ n: number }>('SELECT count(*) AS n FROM messages').get()?.n ?? 0;
    log.assertNoErrors('storing the history');
    return { secrets: await secrets.entries(), stored };
  } finally {
    await runtime.close();
  }
});
