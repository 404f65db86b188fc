// The calls that mute, unmute and pin a conversation, over the signed-in account's runtime. A
// mute shows at once and goes to the server through the outbox (offline it waits there); the
// pin and "urgent messages still alert" are kept on this computer only. Each answers with the
// conversation's summary as it now is.
import { userText } from '../../i18n/user-text';
import type { CallHandlers } from './answer-call';
import { CallRefusal } from './call-refusal';
import { requireRuntime } from './runtime-calls';
import type { CallRuntime, CurrentRuntime } from './runtime-calls';

export type MuteCalls = Pick<CallHandlers, 'muteConversation' | 'unmuteConversation' | 'setConversationPinned' | 'setUrgentWhenMuted'>;

export function muteCalls(current: CurrentRuntime): MuteCalls {
  /** The runtime, once the conversation is known to be on the roster here (held and not hidden). */
  const holding = (conversationId: string): CallRuntime => {
    const account = requireRuntime(current);
    const shown = account.store.statements.prepare('SELECT 1 FROM conversations WHERE id = ? AND hidden = 0').get(conversationId) !== undefined;
    if (!shown) {
      throw new CallRefusal('not-found', userText('error.no-conversation', { conversation: JSON.stringify(conversationId.slice(0, 80)) }));
    }
    return account;
  };
  return {
    muteConversation: ({ conversationId, duration }) => holding(conversationId).mutes.mute(conversationId, duration),
    unmuteConversation: ({ conversationId }) => holding(conversationId).mutes.unmute(conversationId),
    setConversationPinned: ({ conversationId, pinned }) => holding(conversationId).sync.setPinned(conversationId, pinned),
    setUrgentWhenMuted: ({ conversationId, alert }) => holding(conversationId).sync.setUrgentWhenMuted(conversationId, alert),
  };
}
