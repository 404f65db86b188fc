import type { ChangeSet, ConversationSummary, RosterCursor, TigerApi } from '../../../preload/contract';

/** Enough rows for any screen (pinned ones come with it): painted before the rest is asked for. */
export const firstRosterPage = 100;
/** The rest comes in pages this size: a few hundred kilobytes a reply, a few milliseconds to apply. */
export const laterRosterPage = 1000;

/** A page of the roster applied as main's change sets are: by id, in the order they arrived. */
export function pageAsChangeSet(conversations: ConversationSummary[]): ChangeSet {
  return { conversations, removedConversations: [], messages: [], removedMessages: [], people: [] };
}

/**
 * Fetches the roster after the first page, page by page, handing each to `arrived` as it comes
 * (the app state queues it with the change sets), while `current()` says the same account is
 * still shown; resolves true once the last page arrived, false if it stopped.
 *
 * Why applying pages and change sets in arrival order, keyed by id, gives main's roster: main
 * takes each page reply and each change set as a snapshot when it sends it, and they reach the
 * window in that order. So a conversation in a page is as main held it then, and any later
 * change to it comes after, by change set. One that moves ahead of the cursor meanwhile (new
 * activity) is missed by the later pages but comes by its change set; one that moves behind the
 * cursor and shows up in a second page is merged by id. Removals come by change set, and a page
 * cannot bring back a conversation an earlier change set removed: the page is read in main after
 * that removal, so it does not hold it (unless it was truly put back, which its own change set
 * also says).
 */
export async function fetchRosterPages(
  api: Pick<TigerApi, 'roster'>,
  after: RosterCursor,
  arrived: (conversations: ConversationSummary[]) => void,
  current: () => boolean,
): Promise<boolean> {
  let cursor: RosterCursor | null = after;
  while (cursor !== null) {
    const page = await api.roster({ after: cursor, limit: laterRosterPage });
    if (!current()) return false;
    arrived(page.conversations);
    cursor = page.next;
  }
  return true;
}
