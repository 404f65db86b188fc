// The reading calls of the IPC contract, answered by the signed-in account's sync. Calls
// made while no account runtime is open are refused with a plain reason.
import type { AccountRuntime } from '../core/account';
import type { CallHandlers } from './ipc-calls';

export type AccountCalls = Pick<CallHandlers, 'roster' | 'threadPage' | 'markRead' | 'setTyping' | 'getDraft' | 'setDraft'>;

const largestPage = 500;

export class NotSignedIn extends Error {
  override readonly name = 'NotSignedIn';
  constructor() {
    super('No account is signed in');
  }
}

/**
 * `opened` learns which conversation the window shows (its first page is loaded, or it is
 * marked read), so that no notification is shown for it while the window has the focus.
 */
export function accountCalls(current: () => Pick<AccountRuntime, 'sync' | 'store'> | null, opened: (conversationId: string) => void): AccountCalls {
  const runtime = () => {
    const value = current();
    if (value === null) throw new NotSignedIn();
    return value;
  };
  return {
    roster: () => runtime().sync.roster(),
    threadPage({ conversationId, before, after, limit }) {
      // The first page is what the window asks for when it opens a conversation.
      if (before === undefined && after === undefined) opened(conversationId);
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
      opened(conversationId);
      await runtime().sync.markRead(conversationId, upToMessageId);
      return { ok: true };
    },
    setTyping({ conversationId, typing }) {
      if (typing) runtime().sync.typed(conversationId);
      else runtime().sync.stoppedTyping();
      return { ok: true };
    },
    getDraft: ({ conversationId }) => ({ text: runtime().store.drafts.get(conversationId) ?? '' }),
    setDraft({ conversationId, text }) {
      runtime().store.drafts.set(conversationId, text);
      return { ok: true };
    },
  };
}
