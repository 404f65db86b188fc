import { signal } from '@preact/signals';
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { MessageView, PersonView, TigerApi } from '../../../preload/contract';
import { failureWording } from '../format/error-text';
import type { Wording } from '../format/error-text';

const pageSize = 100;
/** Opening at a found message loads everything newer than it, up to this many pages. */
const maxNewerPages = 10;
const newerPageSize = 500;

/** Oldest first; ties broken by id so the order never flickers. */
function earlier(a: MessageView, b: MessageView): boolean {
  return a.createdAt !== b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
}

export type ThreadStore = {
  readonly conversationId: ReadonlySignal<string | null>;
  readonly byId: ReadonlyMap<string, Signal<MessageView>>;
  /** Message ids of the open conversation, oldest first. */
  readonly order: ReadonlySignal<readonly string[]>;
  readonly hasMore: ReadonlySignal<boolean>;
  readonly loading: ReadonlySignal<boolean>;
  /** Why messages could not be loaded, worded when shown. */
  readonly error: ReadonlySignal<Wording | null>;
  /** The message the view should show first instead of the newest (a search result). */
  readonly target: ReadonlySignal<string | null>;
  /** The newest message someone else sent that arrived while the conversation was open (not one a page loaded): for screen readers. */
  readonly arrived: ReadonlySignal<MessageView | null>;
  /** Opens a conversation at its newest message, or around `around` when given. */
  open(conversationId: string | null, around?: MessageView): Promise<void>;
  loadOlder(): Promise<void>;
  apply(messages: readonly MessageView[], removed: readonly { id: string; conversationId: string }[]): void;
  /** These people's names changed: the messages held that they sent or that forward theirs follow. */
  rename(people: readonly PersonView[]): void;
};

export function createThreadStore(api: Pick<TigerApi, 'threadPage'>): ThreadStore {
  const conversationId = signal<string | null>(null);
  const byId = new Map<string, Signal<MessageView>>();
  const order = signal<readonly string[]>([]);
  const hasMore = signal(false);
  const loading = signal(false);
  const error = signal<Wording | null>(null);
  const target = signal<string | null>(null);
  const arrived = signal<MessageView | null>(null);
  // Each open() starts a new generation; a page that answers for an older one is dropped.
  let generation = 0;

  const sortIds = (ids: string[]): string[] =>
    ids.sort((a, b) => {
      const x = byId.get(a)?.peek();
      const y = byId.get(b)?.peek();
      if (x === undefined || y === undefined) return 0;
      return earlier(x, y) ? -1 : earlier(y, x) ? 1 : 0;
    });

  /** Adds new messages in order and updates known ones in place; returns those added. */
  const merge = (messages: readonly MessageView[]): MessageView[] => {
    const added: MessageView[] = [];
    for (const message of messages) {
      const existing = byId.get(message.id);
      if (existing === undefined) {
        byId.set(message.id, signal(message));
        added.push(message);
      } else existing.value = message;
    }
    if (added.length === 0) return added;
    const current = order.peek();
    const last = byId.get(current[current.length - 1] ?? '')?.peek();
    const sortedAdded = added.sort((a, b) => (earlier(a, b) ? -1 : 1));
    const first = sortedAdded[0];
    // The common case, new messages at the end, needs no full sort of a long thread.
    if (last === undefined || (first !== undefined && earlier(last, first))) {
      order.value = [...current, ...sortedAdded.map((m) => m.id)];
    } else {
      order.value = sortIds([...current, ...sortedAdded.map((m) => m.id)]);
    }
    return sortedAdded;
  };

  const load = async (before: string | undefined): Promise<void> => {
    const id = conversationId.peek();
    if (id === null) return;
    const mine = generation;
    loading.value = true;
    error.value = null;
    try {
      const page = await api.threadPage(before === undefined ? { conversationId: id, limit: pageSize } : { conversationId: id, before, limit: pageSize });
      if (mine !== generation) return;
      merge(page.messages);
      hasMore.value = page.hasMore;
    } catch (failure) {
      if (mine === generation) error.value = failureWording(failure, 'thread.load-failed');
    } finally {
      if (mine === generation) loading.value = false;
    }
  };

  /**
   * Loads the page before `around`, the message itself and everything newer, so the thread has
   * no gap and live messages still append at the end. When there is too much newer history for
   * that, the thread opens at its newest message instead.
   */
  const loadAround = async (around: MessageView): Promise<void> => {
    const id = around.conversationId;
    const mine = generation;
    loading.value = true;
    try {
      const older = await api.threadPage({ conversationId: id, before: around.id, limit: pageSize });
      const newer: MessageView[] = [];
      let after = around.id;
      let complete = false;
      for (let page = 0; page < maxNewerPages && !complete; page += 1) {
        const next = await api.threadPage({ conversationId: id, after, limit: newerPageSize });
        newer.push(...next.messages);
        const last = next.messages.reduce<MessageView | undefined>((newest, m) => (newest === undefined || earlier(newest, m) ? m : newest), undefined);
        complete = !next.hasMore || last === undefined;
        if (last !== undefined) after = last.id;
      }
      if (mine !== generation) return;
      if (!complete) {
        loading.value = false;
        await load(undefined);
        return;
      }
      merge([...older.messages, around, ...newer]);
      hasMore.value = older.hasMore;
      target.value = around.id;
      loading.value = false;
    } catch (failure) {
      if (mine !== generation) return;
      loading.value = false;
      error.value = failureWording(failure, 'thread.load-failed');
    }
  };

  return {
    conversationId,
    byId,
    order,
    hasMore,
    loading,
    error,
    target,
    arrived,
    async open(id, around) {
      if (id === conversationId.peek() && around === undefined) return;
      generation += 1;
      arrived.value = null;
      byId.clear();
      order.value = [];
      hasMore.value = false;
      loading.value = false;
      error.value = null;
      target.value = null;
      conversationId.value = id;
      if (around !== undefined && around.conversationId === id) await loadAround(around);
      else await load(undefined);
    },
    async loadOlder() {
      if (!hasMore.peek() || loading.peek()) return;
      await load(order.peek()[0]);
    },
    apply(messages, removed) {
      const id = conversationId.peek();
      if (id === null) return;
      const gone = new Set(removed.filter((r) => r.conversationId === id && byId.delete(r.id)).map((r) => r.id));
      if (gone.size > 0) order.value = order.peek().filter((messageId) => !gone.has(messageId));
      const incoming = merge(messages.filter((message) => message.conversationId === id)).filter((message) => !message.outgoing);
      const newest = incoming[incoming.length - 1];
      if (newest !== undefined) arrived.value = newest;
    },
    rename(people) {
      if (people.length === 0) return;
      const names = new Map(people.map((person) => [person.token, person.name]));
      for (const held of byId.values()) {
        const message = held.peek();
        const senderName = names.get(message.senderToken) ?? message.senderName;
        const forwarded = message.forwardedFrom;
        const forwardedFrom = forwarded === null ? null : { ...forwarded, senderName: names.get(forwarded.senderToken) ?? forwarded.senderName };
        // Only a row whose name really changed renders again.
        if (senderName !== message.senderName || forwardedFrom?.senderName !== forwarded?.senderName) {
          held.value = { ...message, senderName, forwardedFrom };
        }
      }
    },
  };
}
