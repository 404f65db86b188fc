/**
 * The hospital-year account open and connected, in a process of its own, for its memory:
 * the runtime started (expiry, sweep, organizations, roster from the server) and caught up
 * with the sandbox's stream, the roster read page by page as the window reads it
 * (renderer/src/state/roster-pages.ts), and the badge counted.
 * After a quiet moment and a full garbage collection, the process's resident memory is what
 * the main process needs to hold this account.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { english } from '../../../i18n/english';
import { sweepAttachmentCache } from '../../../main/core/lifecycle/erasure';
import { RosterBadge } from '../../../main/core/notify/roster-badge';
import type { RosterCursor } from '../../../preload/contract';
import { firstRosterPage, laterRosterPage } from '../../../renderer/src/state/roster-pages';
import type { SecretEntries } from './copyable-secret-store';
import { answerParent } from './forked-task';
import { openYear } from './hospital-year-open';

export interface YearConnectedInput {
  dataRoot: string;
  secrets: SecretEntries;
  conversations: number;
}

export interface YearConnected {
  rssBytes: number;
  heapUsedBytes: number;
  /** From opening the runtime to the replay stored: the start-up work after the roster, and the connect. */
  catchUpMs: number;
  /** The badge's count once connected: the profile's unread, as nothing new arrived. */
  badgeUnread: number;
  /** One more sweep of the attachment cache, as sync.start runs it before it reads the roster from the server. */
  sweepMs: number;
}

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
/** Long enough for the search indexer and the first receipts to have run. */
const settleMs = 3_000;

answerParent<YearConnectedInput, YearConnected>(async (input) => {
  const { runtime, log } = await openYear(input.dataRoot, input.secrets);
  try {
    const began = performance.now();
    await runtime.catchUp(60_000);
    const catchUpMs = performance.now() - began;
    let shown = 0;
    let after: RosterCursor | null | undefined;
    do {
      const page = runtime.sync.rosterPage({ limit: after === undefined ? firstRosterPage : laterRosterPage, ...(after ? { after } : {}) });
      shown += page.conversations.length;
      after = page.next;
    } while (after !== null);
    if (shown !== input.conversations) throw new Error(`the roster shows ${shown} conversations, not ${input.conversations}`);
    // What main keeps between changes (the roster itself goes to the window).
    const rosterBadge = new RosterBadge();
    rosterBadge.badge(runtime, Date.now(), english);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    if (runtime.connection.kind !== 'live') throw new Error(`the account is ${runtime.connection.kind}, not connected`);
    collectGarbage();
    const memory = process.memoryUsage();
    const sweepBegan = performance.now();
    const removed = await sweepAttachmentCache(runtime.store, runtime.cache);
    const sweepMs = performance.now() - sweepBegan;
    if (removed !== 0) throw new Error(`the sweep removed ${removed} cached files that their messages still name`);
    log.assertNoErrors('the connected hospital year');
    return { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, catchUpMs, sweepMs, badgeUnread: rosterBadge.badge(runtime, Date.now(), english).unread };
  } finally {
    await runtime.close();
  }
});
