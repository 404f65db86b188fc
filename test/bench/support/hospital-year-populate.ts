/**
 * Stores the hospital year in a process of its own, through the app's real code: signs in
 * (the sandbox is needed only for that), hands the year's events to sync in batches as the
 * stream would, fetches every planned attachment into the encrypted cache through the path a
 * download takes (receivedAttachment), indexes everything for search as the idle indexer
 * would have over the year, checks the counts and closes.
 */
import { receivedAttachment } from '../../../main/core/sync/received-attachment';
import { BenchLog, signInAndOpen } from './bench-accounts';
import { CopyableSecretStore } from './copyable-secret-store';
import type { SecretEntries } from './copyable-secret-store';
import { answerParent } from './forked-task';
import { attachmentContent, messageToken, yearBatches } from './hospital-year-events';
import { planHospitalYear } from './hospital-year-plan';
import type { HospitalYearParameters } from './hospital-year-plan';

export interface YearPopulateInput {
  apiUrl: string;
  key: string;
  secret: string;
  dataRoot: string;
  parameters: HospitalYearParameters;
}

export interface YearPopulated {
  secrets: SecretEntries;
  homeOrganization: string;
  /** How long storing took, for the report of a first run. */
  ms: number;
}

/** Cache writes in flight at once: each ends in an fsync, which the disk can overlap. */
const attachmentWrites = 8;

answerParent<YearPopulateInput, YearPopulated>(async (input) => {
  const began = performance.now();
  const plan = planHospitalYear(input.parameters);
  const secrets = new CopyableSecretStore();
  const log = new BenchLog();
  const runtime = await signInAndOpen({ ...input, log, secrets });
  try {
    const account = { me: runtime.account.userToken, homeOrganization: runtime.account.organization.token };
    for (const batch of yearBatches(plan, account, 2_000)) await runtime.sync.handle(batch);

    const { store, cache } = runtime;
    const withAttachments = plan.attachmentBytes.reduce<number[]>((list, bytes, n) => (bytes > 0 ? (list.push(n), list) : list), []);
    let next = 0;
    await Promise.all(Array.from({ length: attachmentWrites }, async () => {
      while (next < withAttachments.length) {
        const n = withAttachments[next++]!;
        const id = store.messages.byToken(messageToken(n))?.id;
        if (id === undefined) throw new Error(`message ${n} was not stored`);
        const content = attachmentContent(n, plan.attachmentBytes[n]!);
        const got = await receivedAttachment({ store, cache }, id, () => Promise.resolve({
          contentType: 'application/octet-stream',
          chunks: (async function* () {
            yield content;
          })(),
          cancel: () => Promise.resolve(),
        }));
        if (got.kind !== 'file') throw new Error(`message ${n}'s attachment was not cached (${got.kind})`);
      }
    }));
    store.transaction(() => store.search.indexPending());

    const count = (sql: string) => store.statements.prepare<{ n: number }>(sql).get()?.n ?? 0;
    const stored = count('SELECT count(*) AS n FROM messages');
    const cached = count('SELECT count(*) AS n FROM attachments WHERE cache_file IS NOT NULL');
    const conversations = count('SELECT count(*) AS n FROM conversations');
    const expected = plan.counts;
    if (stored !== expected.messages || cached !== expected.attachments || conversations !== expected.conversations) {
      throw new Error(`stored ${stored} messages, ${cached} cached attachments and ${conversations} conversations, not ${expected.messages}, ${expected.attachments} and ${expected.conversations}`);
    }
    log.assertNoErrors('storing the hospital year');
    return { secrets: await secrets.entries(), homeOrganization: account.homeOrganization, ms: performance.now() - began };
  } finally {
    await runtime.close();
  }
});
