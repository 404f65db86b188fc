/**
 * The badge's unread count kept up to date from the change sets, so that one incoming message
 * costs the badge the conversations it changed, not a reading of the whole roster (issue 16:
 * a year of a busy hospital holds 20,000 conversations). The rule is the badge's: a muted
 * conversation counts only its urgent messages, judged against the clock when the badge is
 * read, so a mute that ends meanwhile counts its conversation again without any change set.
 */
import type { ChangeSet, ConversationSummary } from '../../../preload/contract';
import { isMutedAt } from '../mutes/muted-at';

type Counted = Pick<ConversationSummary, 'unread' | 'unreadPriority' | 'mutedUntil'>;
/** A conversation as the tally reads it: a whole summary, or only what it counts. */
export type TalliedConversation = Counted & Pick<ConversationSummary, 'id'>;

export class UnreadTally {
  /** Only the conversations that can count: unread, or muted (their mute may end). */
  private readonly counted = new Map<string, Counted>();
  /** The muted ones among them: the only ones to judge against the clock. */
  private readonly muted = new Map<string, Counted>();
  private unread = 0;
  private withPriority = 0;

  /** From the whole roster, once, when an account opens. */
  constructor(roster: Iterable<TalliedConversation> = []) {
    for (const conversation of roster) this.set(conversation);
  }

  /** What a change set says of the conversations: each summary is the conversation as it is now. */
  apply(change: Pick<ChangeSet, 'conversations' | 'removedConversations'>): void {
    for (const conversation of change.conversations) this.set(conversation);
    for (const id of change.removedConversations) this.remove(id);
  }

  /** The count the badge shows at `now`, and whether an unread message is high priority. */
  at(now: number): { unread: number; priority: boolean } {
    let unread = this.unread;
    for (const conversation of this.muted.values()) {
      if (isMutedAt(conversation, now)) unread -= conversation.unread - conversation.unreadPriority;
    }
    return { unread, priority: this.withPriority > 0 };
  }

  private set(conversation: TalliedConversation): void {
    this.remove(conversation.id);
    if (conversation.unread === 0 && conversation.mutedUntil === null) return;
    const counted: Counted = { unread: conversation.unread, unreadPriority: conversation.unreadPriority, mutedUntil: conversation.mutedUntil };
    this.counted.set(conversation.id, counted);
    if (counted.mutedUntil !== null) this.muted.set(conversation.id, counted);
    this.unread += counted.unread;
    if (counted.unreadPriority > 0) this.withPriority += 1;
  }

  private remove(id: string): void {
    const counted = this.counted.get(id);
    if (counted === undefined) return;
    this.counted.delete(id);
    this.muted.delete(id);
    this.unread -= counted.unread;
    if (counted.unreadPriority > 0) this.withPriority -= 1;
  }
}
