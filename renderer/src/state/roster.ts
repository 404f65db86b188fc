import { computed, signal } from '@preact/signals';
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { UserText } from '../../../i18n/user-text';
import type { ConversationSummary } from '../../../preload/contract';

/** Pinned ones first; then most recent activity first; ties broken by name then id so the order is stable. */
function before(a: ConversationSummary, b: ConversationSummary): boolean {
  if (a.pinned !== b.pinned) return a.pinned;
  if (a.lastActivity !== b.lastActivity) return a.lastActivity > b.lastActivity;
  if (a.name !== b.name) return a.name.localeCompare(b.name) < 0;
  return a.id < b.id;
}

export type RosterStore = {
  /** One signal per conversation, so that updating one re-renders only its row. */
  readonly byId: ReadonlyMap<string, Signal<ConversationSummary>>;
  /** Conversation ids, pinned ones first, each part by last activity, newest first. */
  readonly order: ReadonlySignal<readonly string[]>;
  readonly filter: Signal<string>;
  /** The organization whose conversations the roster shows (null: every organization's). */
  readonly organization: Signal<string | null>;
  /** The ids whose names match the filter, in the organization shown, in roster order. */
  readonly visible: ReadonlySignal<readonly string[]>;
  /** The first page is shown. */
  readonly loaded: ReadonlySignal<boolean>;
  /** Every page has arrived (until then a filter that finds nothing says the rest is loading). */
  readonly complete: Signal<boolean>;
  /** Why the roster could not be fetched, if it could not (main's words, worded as it shows). */
  readonly loadError: Signal<UserText | null>;
  get(id: string): ConversationSummary | undefined;
  /**
   * The conversation as now, for a render: it re-renders when the conversation changes, and when
   * it joins or leaves the roster (one started from a search joins after its thread opened).
   */
  watch(id: string): ConversationSummary | undefined;
  replaceAll(list: readonly ConversationSummary[]): void;
  apply(updated: readonly ConversationSummary[], removed: readonly string[]): void;
  clear(): void;
};

export function createRosterStore(): RosterStore {
  const byId = new Map<string, Signal<ConversationSummary>>();
  const order = signal<readonly string[]>([]);
  const filter = signal('');
  const organization = signal<string | null>(null);
  const loaded = signal(false);
  const complete = signal(false);
  const loadError = signal<UserText | null>(null);

  const visible = computed(() => {
    const needle = filter.value.trim().toLocaleLowerCase();
    const shown = organization.value;
    const inOrganization = shown === null ? order.value : order.value.filter((id) => byId.get(id)?.peek().organizationKey === shown);
    if (needle === '') return inOrganization;
    return inOrganization.filter((id) => byId.get(id)?.peek().name.toLocaleLowerCase().includes(needle) ?? false);
  });

  const insertSorted = (ids: string[], conversation: ConversationSummary): void => {
    let low = 0;
    let high = ids.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const other = byId.get(ids[middle] ?? '')?.peek();
      if (other !== undefined && before(other, conversation)) low = middle + 1;
      else high = middle;
    }
    ids.splice(low, 0, conversation.id);
  };

  /**
   * The ids with these new conversations merged in, in one pass: a page of a thousand arrives at
   * once, and a thousand inserts into a list of thousands would hold the frame up.
   */
  const mergeSorted = (ids: readonly string[], addedIds: ReadonlySet<string>): string[] => {
    const added = [...addedIds].flatMap((id) => byId.get(id)?.peek() ?? []);
    added.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    const merged: string[] = [];
    let next = 0;
    for (const id of ids) {
      const held = byId.get(id)?.peek();
      while (next < added.length && held !== undefined && before(added[next]!, held)) merged.push(added[next++]!.id);
      merged.push(id);
    }
    while (next < added.length) merged.push(added[next++]!.id);
    return merged;
  };

  return {
    byId,
    order,
    filter,
    organization,
    visible,
    loaded,
    complete,
    loadError,
    get: (id) => byId.get(id)?.peek(),
    watch(id) {
      // Read for the subscription: an id joining or leaving the roster changes the order.
      void order.value;
      return byId.get(id)?.value;
    },
    replaceAll(list) {
      byId.clear();
      for (const conversation of list) byId.set(conversation.id, signal(conversation));
      order.value = [...list]
        .sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0))
        .map((conversation) => conversation.id);
      loaded.value = true;
      loadError.value = null;
    },
    apply(updated, removed) {
      let ids: string[] | null = null;
      const editable = (): string[] => (ids ??= [...order.peek()]);
      const added = new Set<string>();
      for (const id of removed) {
        if (!byId.delete(id)) continue;
        const list = editable();
        const index = list.indexOf(id);
        if (index >= 0) list.splice(index, 1);
      }
      for (const conversation of updated) {
        const existing = byId.get(conversation.id);
        if (existing === undefined) {
          byId.set(conversation.id, signal(conversation));
          added.add(conversation.id);
          continue;
        }
        const previous = existing.peek();
        existing.value = conversation;
        if (added.has(conversation.id)) continue;
        if (previous.lastActivity === conversation.lastActivity && previous.name === conversation.name && previous.pinned === conversation.pinned) continue;
        const list = editable();
        const index = list.indexOf(conversation.id);
        if (index >= 0) list.splice(index, 1);
        insertSorted(list, conversation);
      }
      if (added.size > 0) ids = mergeSorted(ids ?? order.peek(), added);
      if (ids !== null) order.value = ids;
    },
    clear() {
      byId.clear();
      order.value = [];
      filter.value = '';
      organization.value = null;
      loaded.value = false;
      complete.value = false;
      loadError.value = null;
    },
  };
}
