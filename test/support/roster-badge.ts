// The badge a whole roster gives at `now`, counted afresh: how the tests and the hospital-year
// benchmark (its "recount" baseline) state a badge. The app keeps an UnreadTally up to date
// instead and reads it with badgeOf.
import type { Translator } from '../../i18n/translator';
import { badgeOf } from '../../main/core/notify/badge';
import type { Badge } from '../../main/core/notify/badge';
import { UnreadTally } from '../../main/core/notify/unread-tally';
import type { ConversationSummary } from '../../preload/contract';

export function badgeFor(conversations: Iterable<ConversationSummary>, now: number, translator: Translator): Badge {
  return badgeOf(new UnreadTally(conversations), now, translator);
}
