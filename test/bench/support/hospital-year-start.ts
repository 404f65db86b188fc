/**
 * One start of the hospital-year account in a fresh process (forked by hospital-year-bench.ts):
 * the session restored from the vault, the runtime opened on the year's database and the
 * roster's first page read, as the window asks for it before it paints; then the long thread
 * opened to its first page (100 messages, and one more to know whether there are older ones);
 * then the whole roster, as the window reads the rest, which also checks the counts.
 * Nothing goes to the network.
 */
import { firstRosterPage } from '../../../renderer/src/state/roster-pages';
import type { SecretEntries } from './copyable-secret-store';
import { answerParent } from './forked-task';
import { openYear } from './hospital-year-open';

export interface YearStartInput {
  dataRoot: string;
  secrets: SecretEntries;
  threadConversationId: string;
}

export interface YearStart {
  /** From restoring the session to the roster's first page in hand. */
  firstPageMs: number;
  firstPage: number;
  /** From asking for the thread to its first page in hand. */
  threadMs: number;
  threadPage: number;
  /** The whole roster, read after the above. */
  rosterMs: number;
  conversations: number;
  unread: number;
}

/** What the window asks for when it opens a conversation (renderer/src/state/thread.ts), plus the one that tells whether there is more. */
const firstThreadPage = 101;

answerParent<YearStartInput, YearStart>(async (input) => {
  const began = performance.now();
  const { runtime, log } = await openYear(input.dataRoot, input.secrets);
  try {
    const first = runtime.sync.rosterPage({ limit: firstRosterPage });
    const firstReady = performance.now();
    const page = runtime.sync.thread(input.threadConversationId, { limit: firstThreadPage });
    const threadReady = performance.now();
    const roster = runtime.sync.roster();
    const rosterReady = performance.now();
    if (page.some((message) => message.conversationId !== input.threadConversationId)) throw new Error('the thread page holds messages of another conversation');
    if (first.conversations.some((conversation, n) => conversation.id !== roster[n]?.id)) throw new Error('the first roster page is not the head of the roster');
    log.assertNoErrors('the hospital-year start');
    return {
      firstPageMs: firstReady - began,
      firstPage: first.conversations.length,
      threadMs: threadReady - firstReady,
      threadPage: page.length,
      rosterMs: rosterReady - threadReady,
      conversations: roster.length,
      unread: roster.reduce((sum, conversation) => sum + conversation.unread, 0),
    };
  } finally {
    await runtime.close();
  }
});
