/**
 * Sync: stream events -> idempotent writes, one transaction per batch -> one coalesced
 * change set per batch for the renderer. Also the reads the UI and CLI make (roster,
 * threads, search), marking read, and the message lifecycle: expiry, delete-on-read,
 * receipts, typing. Everything it depends on (store, cache, API, clock) is passed in.
 */
import { userText } from '../../../i18n/user-text';
import { SaidRangeError } from './said-range-error';
import type { ChangeSet, ConversationSummary, MessageView, OrganizationView, PersonView, RosterPage, RosterPageRequest, UrgentAlert } from '../../../preload/contract';
import type { ApiClient, Group, MuteEntry, User } from '../api';
import { systemClock, type Clock } from '../clock';
import type { SyncEvent } from '../events/event-stream';
import type { Logger } from '../log/logger';
import { eraseMessageRows, finishErasure, sweepAttachmentCache } from '../lifecycle/erasure';
import { createExpiryTimer } from '../lifecycle/expiry-timer';
import { noReceipts, owe } from '../lifecycle/pending-receipts';
import { createReceiptSender, type ReceiptSenderOptions } from '../lifecycle/receipt-sender';
import { createTypingSender } from '../lifecycle/typing-sender';
import { replaceMutes } from '../mutes/mute-writes';
import { conversationIdOf, type AttachmentCache, type ConversationIdentity, type ConversationKind, type Store } from '../store';
import { knownNameOf, knownNameSql } from '../store/display-name';
import { createChangeCollector, type ChangeCollector, type ThreadShown } from './change-collector';
import { changeLoaders } from './change-loaders';
import { createDirectory } from './directory';
import { applyEvent, type Batch } from './event-handlers';
import type { Reader } from './message-mapping';
import { expireBy, markConversationRead } from './read-marking';
import { conversationExists } from './people-writes';
import { rememberGroup, rememberList, rememberUser, type Noting } from './remembering';
import { createSearchIndexer } from './search-indexer';
import { createWriteTracker } from './write-tracker';
import { createTypingState, TYPING_CLEAR_MS, type TypingChange } from './typing-state';
import { urgentAlertsOf } from './urgent-views';
import { ViewQueries, type Cursor } from './view-queries';
import { pinnedFirst, toConversationSummary, toMessageView, toOrganizationView, toPersonView } from './views';

export type SyncApi = Pick<
  ApiClient,
  'updateMessageStatus' | 'startTyping' | 'stopTyping' | 'getRoster' | 'lookupUser' | 'getGroup' | 'getDistributionList' | 'getUserOrganizations'
>;

/** What the badge counts of one conversation (notify/unread-tally.ts). */
export type ConversationUnread = Pick<ConversationSummary, 'id' | 'unread' | 'unreadPriority' | 'mutedUntil'>;

export interface SyncOptions {
  store: Store;
  cache: AttachmentCache;
  api: SyncApi;
  /** The signed-in user's token. */
  me: string;
  /**
   * The organization the account signed in with: conversations held before there were several
   * organizations, and messages that name none, belong to it (see conversation-identity).
   */
  homeOrganization?: string | null;
  log: Logger;
  clock?: Clock;
  /** How long a delete-on-read message stays once read, so it can be read. Default 30 s. */
  deleteOnReadAfterMs?: number;
  receipts?: Pick<ReceiptSenderOptions, 'delayMs' | 'maxDelayMs' | 'maxBatch' | 'retry' | 'random'>;
  typing?: { repeatMs?: number; idleMs?: number; clearAfterMs?: number };
  /** Conversations whose mute change still waits in the outbox: the server's word does not overwrite them. Default none. */
  mutesKeptLocally?: () => ReadonlySet<string>;
  /**
   * Whether a window shows this conversation's thread: change sets carry every message stored
   * there, and of other conversations only the newest a notification could name (see
   * change-collector.ts). Default: every conversation, as for a core with no window.
   */
  threadShown?: ThreadShown;
}

export interface ThreadOptions {
  /** A message id: the page ends just before it. */
  before?: string;
  /** A message id: the page starts just after it. */
  after?: string;
  limit: number;
}

export interface SearchResult {
  message: MessageView;
  /** The body around the match; matched words between \u0002 and \u0003. */
  snippet: string;
}

export interface Sync {
  /**
   * At sign-in, what needs no server (once): erases what expired while the app was closed, ends
   * the mutes that ended, schedules the receipts still owed. The event stream starts after it.
   */
  prepare(): Promise<void>;
  /**
   * At sign-in, after `prepare` (run here if it was not): reads the organizations and the
   * roster. May run alongside the event stream; resolves after the roster request ends (a
   * failed one is logged: the conversations held still show).
   */
  start(): Promise<void>;
  /** The event stream's `handle`: resolves once the batch is committed. */
  handle(events: SyncEvent[]): Promise<void>;
  onChange(listener: (changes: ChangeSet) => void): () => void;
  onTyping(listener: (change: TypingChange) => void): () => void;
  /** The visible conversations: pinned ones first, each part most recently active first. */
  roster(): ConversationSummary[];
  /**
   * The roster lines of these conversations, most recently active first: what the window names
   * a few by, looked up by id however long the roster is. Ids not on the roster are left out.
   */
  summaries(ids: readonly string[]): ConversationSummary[];
  /** The unread counts and mutes the badge reads, of the visible conversations with something unread. */
  unreadTallies(): ConversationUnread[];
  /**
   * One page of the roster in activity order (newest first, then id), `next` where the next
   * begins (null: none). The first page also holds every pinned conversation, so that the first
   * screen shows them wherever their activity puts them; a later page may hold one again.
   */
  rosterPage(page: RosterPageRequest): RosterPage;
  /** The organizations this user belongs to, as last read from the server (empty before that). */
  organizations(): OrganizationView[];
  /**
   * Reads the organizations again (at sign-in, and when an event says their settings changed),
   * and tells the window when they changed. Rejects when the server cannot be reached.
   */
  refreshOrganizations(): Promise<void>;
  /**
   * The 1:1 conversation with this person in this organization (null: the home one), put on
   * the roster if it was not: where a new conversation starts. Refused for an organization
   * the user is not known to belong to.
   */
  startConversation(peer: string, organizationKey: string | null): ConversationSummary;
  /** These urgent messages as the window and the notifications name them, oldest first. */
  urgentAlerts(messageIds: readonly number[]): UrgentAlert[];
  /** A person as the window shows them; by token while nobody here can name them. */
  person(token: string): PersonView;
  /**
   * Writes what the server said of these people (a lookup the window made) in one
   * transaction, and tells the window what now reads differently: their cards, their messages'
   * sender names, their 1:1 conversations.
   */
  rememberPeople(users: readonly User[]): void;
  /** The same for a group: its conversation (shown again for a member) and its members. */
  rememberGroup(group: Group): void;
  /**
   * A page of a conversation, oldest first: the newest `limit` messages, or those before / after
   * a message. Senders it cannot name yet are looked up (once a session); the change that
   * follows renames their messages.
   */
  thread(conversationId: string, options: ThreadOptions): MessageView[];
  search(text: string, options?: { limit?: number; conversationId?: string }): SearchResult[];
  /** The user has seen the conversation up to this message (all of it when absent). */
  markRead(conversationId: string, upToMessageId?: string): Promise<void>;
  /** The composer's unsent text in the conversation, kept across restarts; '' when none. */
  draft(conversationId: string): string;
  /** Keeps the composer's text; '' forgets it. The window that typed it is the only one showing it: no change set. */
  saveDraft(conversationId: string, text: string): void;
  /** A keystroke in the conversation's composer. */
  typed(conversationId: string): void;
  /** The composer was sent, cleared or left. */
  stoppedTyping(): void;
  /**
   * The user muted the conversation here until `endsAt` (null: unmuted it): shown at once, for
   * the outbox to send. Refused for a conversation not held here.
   */
  setMute(conversationId: string, endsAt: number | null): ConversationSummary;
  /** Makes the mutes held what the server lists (`GET /mute`), but for `keptLocally`; tells the window what changed. */
  replaceMutes(entries: readonly MuteEntry[], keptLocally: ReadonlySet<string>): void;
  setPinned(conversationId: string, pinned: boolean): ConversationSummary;
  setUrgentWhenMuted(conversationId: string, alert: boolean): ConversationSummary;
  /**
   * The machine woke or the clock moved: timers run on a clock that stops during sleep, so
   * erase at once what expired meanwhile and aim the expiry timer anew.
   */
  wake(): void;
  /** Stops timers and lookups; resolves when no write of its own is under way. */
  stop(): Promise<void>;
}

const MAX_PAGE = 500;

export function createSync(options: SyncOptions): Sync {
  const { store, cache, api, me, log } = options;
  const homeOrganization = options.homeOrganization ?? null;
  if (homeOrganization !== null) store.transaction(() => store.conversations.adoptOrganization(homeOrganization));
  const clock = options.clock ?? systemClock;
  const deleteOnReadAfterMs = options.deleteOnReadAfterMs ?? 30_000;
  const views = new ViewQueries(store.statements);
  const listeners = new Set<(changes: ChangeSet) => void>();
  const typing = createTypingState(clock, options.typing?.clearAfterMs ?? TYPING_CLEAR_MS);

  const loaders = changeLoaders(store, views);
  const reader: Reader = { me, homeOrganization, isList: (token) => store.distributionLists.has(token) };
  const summaryOf = (conversationId: string) => JSON.stringify(views.summariesOf([conversationId]));

  const emit = (changes: ChangeCollector) => {
    if (changes.isEmpty) return;
    const set = changes.take(loaders, options.threadShown);
    const size = set.conversations.length + set.removedConversations.length + set.messages.length + set.removedMessages.length + set.people.length;
    if (size === 0 && set.organizations === undefined) return;
    for (const listener of listeners) {
      try {
        listener(set);
      } catch (error) {
        log.error('a change listener failed', { error: (error as Error).name });
      }
    }
  };

  /** Writes in one transaction what `write` notes, then tells the window. */
  const remember = (write: (noting: Noting) => void) => {
    const noting: Noting = { changes: createChangeCollector(), summaryOf };
    store.transaction(() => write(noting));
    emit(noting.changes);
  };
  const rememberPeople = (users: readonly User[]) => remember((noting) => {
    for (const user of users) rememberUser(store, user, noting);
  });
  const rememberGroupOf = (group: Group) => remember((noting) => rememberGroup(store, group, me, noting));

  const directory = createDirectory({
    store,
    api,
    me,
    homeOrganization,
    log,
    rememberPeople,
    rememberGroup: rememberGroupOf,
    rememberList: (list) => remember((noting) => rememberList(store, list, noting)),
    rosterStored(stored) {
      const changes = createChangeCollector();
      for (const id of stored.conversations) changes.conversationChanged(id);
      for (const token of stored.people) changes.personChanged(token);
      emit(changes);
    },
  });

  const receipts = createReceiptSender({
    store,
    send: (update) => api.updateMessageStatus(update),
    clock,
    log,
    ...options.receipts,
  });

  /** Erases what is due at `now`: the rows in one transaction, then the WAL and their cached files. */
  const eraseExpired = async (now: number) => {
    const { erased, files } = store.transaction(() => eraseMessageRows(store, store.messages.expiredIds(now)));
    if (erased.length === 0) return;
    const changes = createChangeCollector();
    for (const message of erased) changes.messageRemoved(message.id, message.conversationId);
    emit(changes);
    await finishErasure(store, cache, files, log);
    log.info('erased expired messages', { count: erased.length });
  };

  const expiry = createExpiryTimer({ clock, log, nextExpiry: () => store.messages.nextExpiry(), expire: eraseExpired });

  /** Mutes end by themselves: at their end the conversation shows unmuted again, here and in the badge. */
  const endMutes = async (now: number) => {
    const changes = createChangeCollector();
    store.transaction(() => {
      for (const mute of store.mutes.removeEnded(now)) {
        for (const id of store.mutes.conversationsOf(mute)) if (conversationExists(store, id)) changes.conversationChanged(id);
      }
    });
    emit(changes);
  };
  const muteTimer = createExpiryTimer({ clock, log, nextExpiry: () => store.mutes.nextEnd(), expire: endMutes, work: 'ending mutes' });
  const mutesKeptLocally = options.mutesKeptLocally ?? (() => new Set<string>());

  /** A write about one held conversation, in one transaction; its summary as it now is, and the window told when it changed. */
  const changeConversation = (operation: string, conversationId: string, write: (held: ConversationIdentity) => boolean): ConversationSummary => {
    const changed = store.transaction(() => {
      // Only a conversation the roster shows: a hidden one has no menu to change it from.
      const held = store.statements.prepare<ConversationIdentity>(
        'SELECT kind, coalesce(peer_token, id) AS peer, organization_key AS organizationKey FROM conversations WHERE id = ? AND hidden = 0',
      ).get(conversationId);
      if (held === undefined) throw new SaidRangeError(userText('error.no-conversation', { conversation: JSON.stringify(conversationId.slice(0, 80)) }), `${operation}: no conversation ${JSON.stringify(conversationId.slice(0, 80))}`);
      return write(held);
    });
    if (changed) {
      const changes = createChangeCollector();
      changes.conversationChanged(conversationId);
      emit(changes);
    }
    return toConversationSummary(views.summariesOf([conversationId])[0]!);
  };
  const searchIndexer = createSearchIndexer({ store, clock, log });

  const refreshOrganizations = async () => {
    const listed = await api.getUserOrganizations(me);
    if (stopped) return;
    if (store.transaction(() => store.organizations.replaceAll(listed))) {
      const changes = createChangeCollector();
      changes.organizationsChanged();
      emit(changes);
    }
  };

  /** Typing goes to the conversation's counterparty, in its organization. */
  const typingTo = (conversationId: string): [string, { organizationKey?: string }] => {
    const held = store.conversations.identityOf(conversationId);
    return [held?.peer ?? conversationId, held?.organizationKey ? { organizationKey: held.organizationKey } : {}];
  };
  const typingSender = createTypingSender({
    start: (conversationId) => api.startTyping(...typingTo(conversationId)),
    stop: (conversationId) => api.stopTyping(...typingTo(conversationId)),
    clock,
    log,
    ...(options.typing?.repeatMs === undefined ? {} : { repeatMs: options.typing.repeatMs }),
    ...(options.typing?.idleMs === undefined ? {} : { idleMs: options.typing.idleMs }),
  });

  /** Local message ids are the decimal text of the row id; anything else names no message. */
  const cursorOf = (operation: string, conversationId: string, messageId: string): Cursor => {
    const id = /^[1-9]\d{0,15}$/.test(messageId) ? Number(messageId) : undefined;
    const cursor = id === undefined ? undefined : views.cursorOf(id, conversationId);
    if (cursor === undefined) {
      throw new SaidRangeError(
        userText('error.no-message-in-conversation', { message: JSON.stringify(messageId.slice(0, 40)), conversation: JSON.stringify(conversationId.slice(0, 80)) }),
        `${operation}: no message ${JSON.stringify(messageId.slice(0, 40))} in conversation ${JSON.stringify(conversationId.slice(0, 80))}`,
      );
    }
    return cursor;
  };

  let stopped = false;
  const writes = createWriteTracker();
  const track = <T>(work: Promise<T>): Promise<T> => writes.track(work);

  let prepared: Promise<void> | undefined;
  const prepare = (): Promise<void> =>
    (prepared ??= (async () => {
      // Before anything is shown: messages that expired while the app was closed never reappear.
      await track(eraseExpired(clock.now()));
      expiry.rearm();
      await track(endMutes(clock.now()));
      muteTimer.rearm();
      receipts.schedule();
      // Bodies stored but not yet indexed when the app last closed.
      searchIndexer.nudge();
    })());

  return {
    prepare,

    async start() {
      await prepare();
      try {
        // Before the roster: it is read in each organization.
        await refreshOrganizations();
      } catch (error) {
        // Offline start: the organizations held from the last start still apply.
        log.warn('reading the organizations failed', { error: (error as Error).message });
      }
      try {
        await directory.loadRoster(store.organizations.list().map((organization) => organization.token));
      } catch (error) {
        // Offline start: the conversations held locally still show; names come with lookups later.
        log.warn('reading the roster failed', { error: (error as Error).message });
      }
      // The event stream runs alongside: a remote wipe it brought may have closed everything meanwhile.
      if (stopped) return;
      directory.want(unnamedConversations(store));
      // Not before the roster, nor awaited by it: a year's cache holds tens of thousands of files
      // (listing them took 0.4-1.2 s). Downloads may run meanwhile: the cache never sweeps a file
      // it is writing (attachment-cache.ts).
      void track(sweepAttachmentCache(store, cache).catch((error: unknown) => {
        log.warn('sweeping the attachment cache failed', { error: (error as Error).name });
        return 0;
      }));
    },

    handle(events) {
      return track((async () => {
        const changes = createChangeCollector();
        const batch: Batch = {
          store,
          me,
          reader,
          homeOrganization,
          now: clock.now(),
          log,
          deleteOnReadAfterMs,
          changes,
          summaryOf,
          receipts: noReceipts(),
          erased: false,
          files: [],
          wanted: { users: new Set(), groups: new Set(), lists: new Set() },
          typing: [],
          unknownStatus: 0,
          mutesKeptLocally: mutesKeptLocally(),
          organizationsChanged: false,
        };
        store.transaction(() => {
          for (const event of events) applyEvent(batch, event);
          owe(store, batch.receipts);
        });
        if (batch.unknownStatus > 0) log.info('status reports for messages not held here were skipped', { count: batch.unknownStatus });
        emit(changes);
        for (const change of batch.typing) typing.set(change.conversationId, change.userToken, change.typing);
        if (batch.receipts.delivered.length > 0) receipts.schedule();
        expiry.rearm();
        muteTimer.rearm();
        searchIndexer.nudge();
        if (!stopped) directory.want(batch.wanted);
        if (batch.organizationsChanged && !stopped) {
          void refreshOrganizations().catch((error: unknown) =>
            log.warn('reading the organizations after their settings changed failed; the next connect reads them again', { error: (error as Error).message }));
        }
        // Only a batch that erased pays for truncating the WAL: ordinary ingest never does.
        if (batch.erased) await finishErasure(store, cache, batch.files, log);
      })());
    },

    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    onTyping: (listener) => typing.onChange(listener),

    roster: () => pinnedFirst(views.summaries().map(toConversationSummary)),

    summaries: (ids) => views.summariesOf([...new Set(ids)]).map(toConversationSummary),

    unreadTallies: () =>
      views.unreadTallies().map((row) => ({ id: row.id, unread: row.unread, unreadPriority: row.unread_priority, mutedUntil: row.muted_until })),

    rosterPage({ after, limit }) {
      // One more than asked tells whether another page follows.
      const rows = views.summariesPage(limit + 1, after);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const next = rows.length > limit && last !== undefined ? { lastActivity: last.last_activity, id: last.id } : null;
      if (after !== undefined) return { conversations: pinnedFirst(page.map(toConversationSummary)), next };
      // Every pinned one, then the page's others: the order roster() gives.
      const pinned = views.pinnedSummaries();
      const isPinned = new Set(pinned.map((row) => row.id));
      return { conversations: [...pinned, ...page.filter((row) => !isPinned.has(row.id))].map(toConversationSummary), next };
    },

    organizations: () => store.organizations.list().map(toOrganizationView),

    refreshOrganizations,

    startConversation(peer, organizationKey) {
      const organization = organizationKey ?? homeOrganization;
      const known = store.organizations.list();
      if (organization !== null && organization !== homeOrganization && !known.some((held) => held.token === organization)) {
        throw new SaidRangeError(
          userText('error.not-in-organization', { organization: JSON.stringify(organization.slice(0, 80)) }),
          `startConversation: you are not known to belong to the organization ${JSON.stringify(organization.slice(0, 80))}`,
        );
      }
      const id = conversationIdOf({ kind: 'user', peer, organizationKey: organization }, homeOrganization);
      const before = summaryOf(id);
      store.transaction(() => {
        store.conversations.upsert({ id, kind: 'user', peerToken: peer, organizationKey: organization, name: knownNameOf(store.people.user(peer)) });
        store.conversations.setHidden(id, false);
      });
      if (summaryOf(id) !== before) {
        const changes = createChangeCollector();
        changes.conversationChanged(id);
        emit(changes);
      }
      directory.want({ users: [peer] });
      return toConversationSummary(views.summariesOf([id])[0]!);
    },

    urgentAlerts: (messageIds) => urgentAlertsOf(views, messageIds),

    person: (token) => toPersonView(store.people.user(token), token),

    rememberPeople,

    rememberGroup: rememberGroupOf,

    thread(conversationId, page) {
      if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE) {
        throw new RangeError(`thread: limit must be a whole number from 1 to ${MAX_PAGE}`);
      }
      if (page.before !== undefined && page.after !== undefined) throw new RangeError('thread: give before or after, not both');
      const rows = page.after !== undefined
        ? views.newerThan(conversationId, page.limit, cursorOf('thread', conversationId, page.after))
        : views.olderThan(conversationId, page.limit, page.before === undefined ? undefined : cursorOf('thread', conversationId, page.before)).reverse();
      const unnamed = rows.flatMap((row) => [
        ...(row.sender_name === null ? [row.sender_token] : []),
        ...(row.original_sender !== null && row.original_sender_name === null ? [row.original_sender] : []),
      ]);
      if (unnamed.length > 0 && !stopped) directory.want({ users: new Set(unnamed) });
      return rows.map(toMessageView);
    },

    search(text, searchOptions = {}) {
      const hits = store.search.messages(text, {
        limit: searchOptions.limit ?? 50,
        ...(searchOptions.conversationId === undefined ? {} : { conversationId: searchOptions.conversationId }),
      });
      const byId = new Map(views.messages(hits.map((hit) => hit.messageId)).map((row) => [row.id, toMessageView(row)]));
      return hits.flatMap((hit) => {
        const message = byId.get(hit.messageId);
        return message === undefined ? [] : [{ message, snippet: hit.snippet }];
      });
    },

    markRead(conversationId, upToMessageId) {
      return track((async () => {
        const upTo = upToMessageId === undefined ? undefined : cursorOf('markRead', conversationId, upToMessageId);
        const now = clock.now();
        const read = store.transaction(() => {
          const marked = markConversationRead(store, conversationId, upTo, now);
          for (const message of marked) if (message.dor) expireBy(store, message.id, now + deleteOnReadAfterMs);
          owe(store, { delivered: [], read: marked.flatMap((message) => (message.token === null ? [] : [{ messageId: message.id, token: message.token }])) });
          return marked;
        });
        if (read.length === 0) return;
        const changes = createChangeCollector();
        for (const message of read) changes.messageStored(message.id, conversationId);
        emit(changes);
        receipts.schedule();
        expiry.rearm();
      })());
    },


    draft: (conversationId) => store.drafts.get(conversationId) ?? '',

    saveDraft(conversationId, text) {
      store.drafts.set(conversationId, text);
    },

    setMute(conversationId, endsAt) {
      // The server keys a mute by the person or group muted and the organization muted in.
      const summary = changeConversation('setMute', conversationId, ({ kind, peer, organizationKey }) => {
        // Nothing arrives in a list's conversation (replies come 1:1): there is nothing to mute.
        if (kind === 'list') throw new SaidRangeError(userText('outbox.list-not-mutable'), 'setMute: a distribution list has nothing to mute; its members answer 1:1');
        // Unmuting also ends a mute held from before mutes named their organization.
        return endsAt === null
          ? [organizationKey, null].map((scope) => store.mutes.remove({ kind, token: peer, organizationKey: scope })).includes(true)
          : store.mutes.set({ kind, token: peer, organizationKey, startedAt: clock.now(), endsAt });
      });
      muteTimer.rearm();
      return summary;
    },

    replaceMutes(entries, keptLocally) {
      const changes = createChangeCollector();
      store.transaction(() => replaceMutes({
        store,
        now: clock.now(),
        keptLocally,
        changed(conversationId) {
          if (conversationExists(store, conversationId)) changes.conversationChanged(conversationId);
        },
      }, entries));
      emit(changes);
      muteTimer.rearm();
    },

    setPinned: (conversationId, pinned) =>
      changeConversation('setPinned', conversationId, () => store.conversationPreferences.setPinned(conversationId, pinned ? clock.now() : null)),

    setUrgentWhenMuted: (conversationId, alert) =>
      changeConversation('setUrgentWhenMuted', conversationId, () => store.conversationPreferences.setUrgentWhenMuted(conversationId, alert)),

    wake() {
      expiry.rearm();
      muteTimer.rearm();
    },

    typed(conversationId) {
      // Nobody would see it: a list's members get the message 1:1, once it is sent.
      if (store.conversations.identityOf(conversationId)?.kind === 'list') return;
      typingSender.typed(conversationId);
    },

    stoppedTyping() {
      typingSender.stopped();
    },

    async stop() {
      stopped = true;
      directory.stop();
      receipts.stop();
      expiry.stop();
      muteTimer.stop();
      searchIndexer.stop();
      typingSender.dispose();
      typing.dispose();
      listeners.clear();
      await Promise.allSettled([writes.settled(), expiry.idle(), muteTimer.idle(), directory.idle()]);
    },
  };
}

/** Conversations the roster query can only show by token (or a list without its size), so they are looked up. */
function unnamedConversations(store: Store): { users: string[]; groups: string[]; lists: string[] } {
  const rows = store.statements.prepare<{ id: string; kind: ConversationKind }>(
    `SELECT c.peer_token AS id, c.kind FROM conversations c
     LEFT JOIN users u ON c.kind = 'user' AND u.token = c.peer_token
     LEFT JOIN groups g ON c.kind = 'group' AND g.token = c.peer_token
     LEFT JOIN distribution_lists d ON c.kind = 'list' AND d.token = c.peer_token
     WHERE (c.kind = 'user' AND ${knownNameSql('u')} IS NULL)
        OR (c.kind = 'group' AND g.token IS NULL)
        OR (c.kind = 'list' AND d.total_members IS NULL)`,
  ).all();
  const tokensOf = (kind: ConversationKind) => rows.filter((row) => row.kind === kind).map((row) => row.id);
  return { users: tokensOf('user'), groups: tokensOf('group'), lists: tokensOf('list') };
}
