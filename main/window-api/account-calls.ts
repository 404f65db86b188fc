// The reading calls of the IPC contract, answered by the signed-in account's sync. Calls
// made while no account runtime is open are refused with a plain reason.
import { SaidError } from '../../i18n/said-error';
import { userText } from '../../i18n/user-text';
import type { AccountRuntime } from '../core/account';
import type { CallHandlers } from './answer-call';

export type AccountCalls = Pick<
  CallHandlers,
  'roster' | 'urgentAlerts' | 'threadPage' | 'markRead' | 'setTyping' | 'getDraft' | 'setDraft' | 'setOpenConversation' | 'connectionState' | 'outboxState'
>;

const largestPage = 500;

export class NotSignedIn extends SaidError {
  override readonly name = 'NotSignedIn';
  constructor() {
    super(userText('session.not-signed-in'));
  }
}

/**
 * `opened` learns which conversation the window shows (null: none), so that no notification
 * is shown for it while the window has the focus.
 */
export function accountCalls(
  current: () => (Pick<AccountRuntime, 'sync' | 'store' | 'outbox' | 'connection'> & { urgent: Pick<AccountRuntime['urgent'], 'alerts'> }) | null,
  opened: (conversationId: string | null) => void,
): AccountCalls {
  const runtime = () => {
    const value = current();
    if (value === null) throw new NotSignedIn();
    return value;
  };
  return {
    // The window asks page by page (its first screen first); without a page, the whole roster.
    roster: (page) => (page === undefined ? { conversations: runtime().sync.roster(), next: null } : runtime().sync.rosterPage(page)),
    // Without an account nothing alerts.
    urgentAlerts: () => current()?.urgent.alerts() ?? [],
    // Without an account there is no connection and nothing waiting to be sent.
    connectionState: () => current()?.connection ?? { kind: 'stopped' },
    outboxState: () => current()?.outbox.summary() ?? { queued: 0, failed: 0, paused: false },
    setOpenConversation({ conversationId }) {
      opened(conversationId);
      return { ok: true };
    },
    threadPage({ conversationId, before, after, limit }) {
      // One more than asked tells whether there is more; at sync's largest page a full page
      // answers "maybe", and the next call finds out.
      const ask = Math.min(limit + 1, largestPage);
      const page = runtime().sync.thread(conversationId, {
        limit: ask,
        ...(before === undefined ? {} : { before }),
        ...(after === undefined ? {} : { after }),
      });
      const hasMore = page.length > limit || (ask === limit && page.length === limit);
      if (page.length <= limit) return { messages: page, hasMore };
      return { messages: after === undefined ? page.slice(1) : page.slice(0, limit), hasMore };
    },
    async markRead({ conversationId, upToMessageId }) {
      await runtime().sync.markRead(conversationId, upToMessageId);
      return { ok: true };
    },
    setTyping({ conversationId, typing }) {
      if (typing) runtime().sync.typed(conversationId);
      else runtime().sync.stoppedTyping();
      return { ok: true };
    },
    getDraft: ({ conversationId }) => ({ text: runtime().sync.draft(conversationId) }),
    setDraft({ conversationId, text }) {
      runtime().sync.saveDraft(conversationId, text);
      return { ok: true };
    },
  };
}
