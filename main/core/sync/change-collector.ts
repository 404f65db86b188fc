/**
 * Collects what the writes of one flush touched, and turns it into one ChangeSet. Pure: the
 * views are read through the loaders given to `take`.
 *
 * A ChangeSet is applied removals first, then upserts, and carries only final states: a
 * message stored and updated in one flush appears once, as it is now; one stored and then
 * removed appears only as removed; an id removed from one conversation and stored in another
 * (SQLite may reuse an id) appears in both lists. A message change also changes its
 * conversation's summary. Whatever a loader no longer finds is reported as removed. A person
 * whose name or card changed is reported as they are now.
 *
 * Messages are carried for what shows them: every message stored in a conversation whose
 * thread a window shows, and of any other conversation only its newest message a notification
 * could name (a replay of a day stores thousands that nobody would read from the change set).
 */
import type { ChangeSet, ConversationSummary, MessageView, OrganizationView, PersonView } from '../../../preload/contract';

export interface ChangeLoaders {
  /** Views of the messages still held; ids missing from the answer are gone. */
  messages(ids: readonly number[]): MessageView[];
  /** Of these messages, per conversation the newest a notification could name (view-queries.ts). */
  notifiable(ids: readonly number[]): MessageView[];
  /** Summaries of the conversations still on the roster; ids missing from the answer are gone. */
  conversations(ids: readonly string[]): ConversationSummary[];
  people(tokens: readonly string[]): PersonView[];
  organizations(): OrganizationView[];
}

export interface ChangeCollector {
  messageStored(id: number, conversationId: string): void;
  messageRemoved(id: number, conversationId: string): void;
  conversationChanged(id: string): void;
  conversationRemoved(id: string): void;
  personChanged(token: string): void;
  /** The list of organizations or their settings changed: the change set carries the list whole. */
  organizationsChanged(): void;
  readonly isEmpty: boolean;
  /**
   * The coalesced change set of everything recorded since the last take; starts afresh.
   * `threadShown`: whether a window shows the conversation's thread (default: every one).
   */
  take(loaders: ChangeLoaders, threadShown?: ThreadShown): ChangeSet;
}

/** Whether a window shows this conversation's thread. */
export type ThreadShown = (conversationId: string) => boolean;

const everyThread: ThreadShown = () => true;

interface MessageMark {
  /** The conversation it was last stored in, or null when its last change was a removal. */
  storedIn: string | null;
  /** Made at its first removal: a replay stores thousands of messages and removes none. */
  removedFrom?: Set<string>;
}

export function createChangeCollector(): ChangeCollector {
  let messages = new Map<number, MessageMark>();
  /** true: changed since its last removal (or never removed); false: removed. */
  let conversations = new Map<string, boolean>();
  let people = new Set<string>();
  let organizations = false;

  return {
    messageStored(id, conversationId) {
      const mark = messages.get(id);
      if (mark === undefined) messages.set(id, { storedIn: conversationId });
      else mark.storedIn = conversationId;
      conversations.set(conversationId, true);
    },
    messageRemoved(id, conversationId) {
      let mark = messages.get(id);
      if (mark === undefined) {
        mark = { storedIn: null };
        messages.set(id, mark);
      }
      mark.storedIn = null;
      (mark.removedFrom ??= new Set()).add(conversationId);
      conversations.set(conversationId, true);
    },
    conversationChanged(id) {
      conversations.set(id, true);
    },
    conversationRemoved(id) {
      conversations.set(id, false);
    },
    personChanged(token) {
      people.add(token);
    },
    organizationsChanged() {
      organizations = true;
    },
    get isEmpty() {
      return messages.size === 0 && conversations.size === 0 && people.size === 0 && !organizations;
    },
    take(loaders, threadShown = everyThread) {
      const taken = { messages, conversations, people };
      const set = buildChangeSet(taken, loaders, threadShown);
      if (organizations) set.organizations = loaders.organizations();
      messages = new Map();
      conversations = new Map();
      people = new Set();
      organizations = false;
      return set;
    },
  };
}

function buildChangeSet(
  { messages, conversations, people }: {
    messages: ReadonlyMap<number, MessageMark>;
    conversations: ReadonlyMap<string, boolean>;
    people: ReadonlySet<string>;
  },
  loaders: ChangeLoaders,
  threadShown: ThreadShown,
): ChangeSet {
  const removedMessages: ChangeSet['removedMessages'] = [];
  const storedIds: number[] = [];
  const storedUnseen: number[] = [];
  for (const [id, mark] of messages) {
    for (const conversationId of mark.removedFrom ?? []) {
      // Stored again in the same conversation: the upsert replaces it, no removal needed.
      if (conversationId !== mark.storedIn) removedMessages.push({ id: String(id), conversationId });
    }
    if (mark.storedIn !== null) (threadShown(mark.storedIn) ? storedIds : storedUnseen).push(id);
  }
  const views = storedIds.length === 0 ? [] : loaders.messages(storedIds);
  const found = new Set(views.map((view) => view.id));
  for (const id of storedIds) {
    if (!found.has(String(id))) removedMessages.push({ id: String(id), conversationId: messages.get(id)?.storedIn as string });
  }
  if (storedUnseen.length > 0) views.push(...loaders.notifiable(storedUnseen));

  const changedIds = [...conversations].filter(([, changed]) => changed).map(([id]) => id);
  const summaries = changedIds.length === 0 ? [] : loaders.conversations(changedIds);
  const visible = new Set(summaries.map((summary) => summary.id));
  const removedConversations = [...conversations]
    .filter(([id, changed]) => !changed || !visible.has(id))
    .map(([id]) => id);

  const persons = people.size === 0 ? [] : loaders.people([...people]);
  return { conversations: summaries, removedConversations, messages: views, removedMessages, people: persons };
}
