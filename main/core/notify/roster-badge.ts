/**
 * The badge of the account open now, kept from its change sets (unread-tally.ts): the unread
 * counts are read once per runtime (only the conversations with something unread, not the
 * whole roster), the first time its badge is asked for, and never again.
 * Change sets of another runtime (one closing while the next opens) are not counted.
 */
import type { Translator } from '../../../i18n/translator';
import type { ChangeSet } from '../../../preload/contract';
import { badgeOf } from './badge';
import type { Badge } from './badge';
import { UnreadTally } from './unread-tally';
import type { TalliedConversation } from './unread-tally';

export interface RosterSource {
  readonly sync: { unreadTallies(): TalliedConversation[] };
}

export class RosterBadge {
  private kept: { runtime: RosterSource; tally: UnreadTally } | null = null;

  /** A change set of `runtime`; call it before the badge is read again. */
  changed(runtime: RosterSource, change: Pick<ChangeSet, 'conversations' | 'removedConversations'>): void {
    if (this.kept?.runtime === runtime) this.kept.tally.apply(change);
  }

  /** The badge of `runtime` (none open: nothing unread) at `now`. */
  badge(runtime: RosterSource | null, now: number, translator: Translator): Badge {
    if (runtime === null) this.kept = null;
    else if (this.kept?.runtime !== runtime) this.kept = { runtime, tally: new UnreadTally(runtime.sync.unreadTallies()) };
    return badgeOf(this.kept?.tally ?? new UnreadTally(), now, translator);
  }
}
