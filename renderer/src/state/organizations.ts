import { computed, signal } from '@preact/signals';
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { ConversationSummary, OrganizationView } from '../../../preload/contract';

/** Unread messages of one organization's conversations, and how many of them are urgent. */
export type OrganizationCounts = { unread: number; urgent: number };

export type OrganizationsStore = {
  /** The user's organizations, in the server's order; empty until main has read them. */
  readonly list: Signal<readonly OrganizationView[]>;
  /** More than one: the window names organizations (switcher, thread header, "which organization?"). */
  readonly several: ReadonlySignal<boolean>;
  /** One of them requires a PIN to unlock (`pin_lock`): the window asks for one, and keeps it. */
  readonly pinRequired: ReadonlySignal<boolean>;
  get(token: string | null): OrganizationView | undefined;
  set(list: readonly OrganizationView[]): void;
  clear(): void;
};

export function createOrganizationsStore(): OrganizationsStore {
  const list = signal<readonly OrganizationView[]>([]);
  return {
    list,
    several: computed(() => list.value.length > 1),
    pinRequired: computed(() => list.value.some((organization) => organization.policy.pinLock)),
    get: (token) => (token === null ? undefined : list.value.find((organization) => organization.token === token)),
    set(next) {
      list.value = next;
    },
    clear() {
      list.value = [];
    },
  };
}

/** Per organization (by token), the unread and urgent counts of the conversations held in it. */
export function countsByOrganization(conversations: Iterable<ConversationSummary>): Map<string, OrganizationCounts> {
  const counts = new Map<string, OrganizationCounts>();
  for (const conversation of conversations) {
    if (conversation.organizationKey === null) continue;
    const count = counts.get(conversation.organizationKey) ?? { unread: 0, urgent: 0 };
    count.unread += conversation.unread;
    count.urgent += conversation.unreadPriority;
    counts.set(conversation.organizationKey, count);
  }
  return counts;
}
