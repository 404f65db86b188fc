/**
 * A client process whose database fills up while its outbox is sending (run by
 * full-disk.test.ts: a crash of this process is what that test looks for, so it must not
 * take the test runner with it). Signs in with the key and secret in FULL_DB_CHILD, queues
 * messages offline, fills the database, goes online, then makes room again. Prints one JSON
 * line per step.
 */
import { openAccount } from '../../../main/core/account';
import { sessionHarness } from '../../session/fixtures/session-harness';
import { storedJobs } from './ledger';

interface ChildConfig {
  apiUrl: string;
  key: string;
  secret: string;
  recipient: string;
  messages: number;
}

const config = JSON.parse(process.env.FULL_DB_CHILD ?? '') as ChildConfig;
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const harness = await sessionHarness();
const session = harness.manager();
await session.signInWithKey({ server: config.apiUrl, key: config.key, secret: config.secret });
const runtime = await openAccount({ session, log: quiet, reconnectBackoff: { baseMs: 50, capMs: 400 }, outboxRetry: { baseMs: 50, capMs: 400 } });
await runtime.start();
const { store, outbox } = runtime;
outbox.networkLost();
for (let n = 0; n < config.messages; n += 1) {
  await outbox.send({ conversationId: config.recipient, conversationKind: 'user', body: `queued ${n}` });
}
const pages = store.statements.prepare<{ page_count: number }>('PRAGMA page_count').get()!.page_count;
// SQLite's own limit on the file's size: past it, every write that needs a new page fails with SQLITE_FULL, as on a full disk.
store.statements.prepare(`PRAGMA max_page_count = ${pages}`).get();
let queued = config.messages;
let refusal = '';
while (refusal === '' && queued < 1_000) {
  await outbox.send({ conversationId: config.recipient, conversationKind: 'user', body: `queued ${queued} ${'x'.repeat(2_000)}` })
    .then(() => (queued += 1), (error: unknown) => (refusal = (error as { code?: string }).code ?? String(error)));
}
say({ step: 'full', refusal, queued, jobs: storedJobs(store) });
outbox.networkBack();
await new Promise((resolve) => setTimeout(resolve, 1_500));
const integrity = store.statements.prepare<{ integrity_check: string }>('PRAGMA integrity_check').get()!.integrity_check;
say({ step: 'sending-while-full', integrity, jobs: storedJobs(store) });
store.statements.prepare('PRAGMA max_page_count = 1073741823').get();
runtime.networkBack();
const deadline = Date.now() + 30_000;
while (storedJobs(store) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
say({ step: 'room-again', jobs: storedJobs(store) });
await runtime.close();
await harness.cleanUp();
process.exit(0);
