/**
 * Muting and unmuting a conversation, following the user across devices: the mute shows here
 * at once and waits in the outbox until the server takes it (so a mute made offline is not
 * lost), other devices hear of it by `conversation_mute` events, and every (re)connect reads
 * `GET /mute` so that what changed while this computer was off or disconnected is seen.
 */
import type { ConversationSummary } from '../../../preload/contract';
import type { ApiClient } from '../api';
import type { Clock } from '../clock';
import type { Outbox } from '../outbox';
import type { Sync } from '../sync/sync';
import { muteEnd, type MuteChoice } from './mute-choices';

export interface ConversationMutes {
  mute(conversationId: string, choice: MuteChoice): ConversationSummary;
  unmute(conversationId: string): ConversationSummary;
  /** Makes the mutes held what the server lists; one at a time, a call meanwhile reads again after it. */
  reconcile(): Promise<void>;
}

export interface ConversationMutesOptions {
  sync: Pick<Sync, 'setMute' | 'replaceMutes'>;
  outbox: Pick<Outbox, 'changeMute' | 'conversationsWithMuteChanges'>;
  api: Pick<ApiClient, 'listMutes'>;
  clock: Clock;
}

export function createConversationMutes(options: ConversationMutesOptions): ConversationMutes {
  const { sync, outbox, api, clock } = options;
  let running: Promise<void> | undefined;
  let again = false;

  const readOnce = async () => {
    // A change sent while the list was on its way is not in it: such conversations keep what they show.
    const keptBefore = outbox.conversationsWithMuteChanges();
    const entries = await api.listMutes();
    sync.replaceMutes(entries, new Set([...keptBefore, ...outbox.conversationsWithMuteChanges()]));
  };

  const change = (conversationId: string, endsAt: number | null) => {
    // The job first: it refuses a conversation not held here before anything shows.
    outbox.changeMute(conversationId, endsAt);
    return sync.setMute(conversationId, endsAt);
  };

  return {
    mute: (conversationId, choice) => change(conversationId, muteEnd(choice, clock.now())),
    unmute: (conversationId) => change(conversationId, null),
    reconcile() {
      if (running !== undefined) {
        again = true;
        return running;
      }
      running = (async () => {
        try {
          do {
            again = false;
            await readOnce();
          } while (again);
        } finally {
          running = undefined;
        }
      })();
      return running;
    },
  };
}
