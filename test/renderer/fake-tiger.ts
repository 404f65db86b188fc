// An in-memory stand-in for `window.tiger`: the Electron preload cannot run here, so the UI is
// driven through a bridge of the same TigerBridge type, with data kept in plain maps, and seen
// through the renderer's own overBridge as main.tsx does. Every call is recorded; a failure
// reaches the renderer as main's reply does, a code and a message.
import type {
  AccountView,
  AvatarImage,
  AvatarKind,
  CallFailure,
  CallName,
  CallReply,
  ConnectionState,
  ConversationSummary,
  DirectoryResult,
  ErrorCode,
  EventName,
  EventPayload,
  LockState,
  MessageView,
  OrganizationView,
  OutboxState,
  PendingMemberChange,
  PersonView,
  ProfileView,
  SessionState,
  Settings,
  TigerApi,
  TigerBridge,
  UrgentAlert,
} from '../../preload/contract';
import { overBridge } from '../../renderer/src/tiger';
import en from '../../i18n/catalogs/en.json';
import es from '../../i18n/catalogs/es.json';
import fr from '../../i18n/catalogs/fr.json';

/** The shipped catalogs, as main gives them. */
const catalogs = { en, es, fr };
import { changeSet, conversationSummary, messageView, saying, settingsView, lockState } from '../support/view-builders';

export type RecordedCall = { name: CallName; input: unknown };

type Listener = (payload: never) => void;

export type FakeTiger = {
  /** What the renderer is given: overBridge(bridge). */
  api: TigerApi;
  /** The stand-in for `window.tiger`: every call resolves to a reply. */
  bridge: TigerBridge;
  calls: RecordedCall[];
  callsOf(name: CallName): unknown[];
  /** The next call of `name` is answered with this failure, as main answers one (code `failed` unless given). */
  failNext(name: CallName, message: string, code?: ErrorCode): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listenerCount(event: EventName): number;
  conversations: Map<string, ConversationSummary>;
  messages: MessageView[];
  drafts: Map<string, string>;
  people: PersonView[];
  /** Pictures main holds, by `kind:token`; anyone else has none. */
  avatars: Map<`${AvatarKind}:${string}`, AvatarImage>;
  /** Members of a group by its id; a group not here has everyone in `people`. */
  groupMembers: Map<string, PersonView[]>;
  pendingMemberChanges: Map<string, PendingMemberChange[]>;
  passwords: Map<string, string>;
  session: SessionState;
  settings: Settings;
  connection: ConnectionState;
  outbox: OutboxState;
  /** What `urgentAlerts` answers: the urgent messages still alerting. */
  urgentAlerts: UrgentAlert[];
  /**
   * What `searchDirectory` finds besides `people` (who count as held, in the first organization):
   * held ones first, then the rest, `directoryPageSize` a page; only held ones while `directoryOffline`.
   */
  directory: DirectoryResult[];
  directoryPageSize: number;
  directoryOffline: boolean;
  /** When set, each `searchDirectory` waits for it (given the query) before answering. */
  directoryGate: ((query: string) => Promise<void>) | null;
  /** What `organizations` answers: the user's organizations. */
  organizations: OrganizationView[];
  /** What unlocks the window (the account's password here). */
  unlockSecret: string;
  /** The signed-in user's own profile, as `myProfile` answers and `updateProfile` changes it. */
  profile: ProfileView;
};

export const account: AccountView = { id: 'acct-1', displayName: 'Dr Ada Park', server: 'http://127.0.0.1:7443/v2', active: true };

export function conversation(id: string, overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return conversationSummary({ id, name: `Person ${id}`, lastActivity: 0, unread: 0, ...overrides });
}

export function message(id: string, conversationId: string, overrides: Partial<MessageView> = {}): MessageView {
  return messageView({
    id,
    conversationId,
    token: `tok-${id}`,
    senderToken: conversationId,
    senderName: `Person ${overrides.senderToken ?? conversationId}`,
    body: `Body of ${id}`,
    createdAt: Date.UTC(2026, 10, 20, 9, 0, 0),
    status: 'delivered',
    readByMe: true,
    ...overrides,
  });
}

const ok = { ok: true } as const;

export function createFakeTiger(setup: { session?: SessionState; settings?: Partial<Settings> } = {}): FakeTiger {
  const listeners = new Map<EventName, Set<Listener>>();
  const failures = new Map<CallName, CallFailure>();
  const fake: Omit<FakeTiger, 'api' | 'bridge'> = {
    calls: [],
    callsOf: (name) => fake.calls.filter((call) => call.name === name).map((call) => call.input),
    failNext: (name, message, code = 'failed') => void failures.set(name, failureSaying(code, message)),
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) (listener as (p: EventPayload<typeof event>) => void)(payload);
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
    conversations: new Map(),
    messages: [],
    drafts: new Map(),
    people: [],
    avatars: new Map(),
    groupMembers: new Map(),
    pendingMemberChanges: new Map(),
    passwords: new Map([['ada@example.org', 'correct horse']]),
    session: setup.session ?? { kind: 'signed-out' },
    connection: { kind: 'connecting' },
    outbox: { queued: 0, failed: 0, paused: false },
    urgentAlerts: [],
    directory: [],
    directoryPageSize: 20,
    directoryOffline: false,
    directoryGate: null,
    organizations: [],
    unlockSecret: 'correct horse',
    settings: settingsView(setup.settings),
    profile: { token: 'u-ada', displayName: 'Dr Ada Park', firstName: 'Ada', lastName: 'Park', status: '', avatar: null, dnd: false, dndText: '' },
  };
  /** The lock as main would change it: the session told again. */
  const setLock = (lock: Partial<LockState>): void => {
    if (fake.session.kind !== 'signed-in') throw new Refusal('not-signed-in', 'No account is signed in');
    fake.session = { ...fake.session, lock: { ...fake.session.lock, ...lock } };
    fake.emit('session', fake.session);
  };
  const checkSecret = (secret: string): void => {
    if (secret !== fake.unlockSecret) throw new Refusal('refused', 'Wrong password');
  };

  const record = (name: CallName, input: unknown): void => {
    fake.calls.push({ name, input });
    const failure = failures.get(name);
    if (failure !== undefined) {
      failures.delete(name);
      throw Object.assign(new Refusal(failure.code, ''), { failure });
    }
  };
  /** A conversation's summary changed as main would change it: stored, and told to the window. */
  const changeConversation = (conversationId: string, fields: Partial<ConversationSummary>): ConversationSummary => {
    const held = fake.conversations.get(conversationId);
    if (held === undefined) throw new Refusal('not-found', `There is no conversation ${conversationId}`);
    const changed = { ...held, ...fields };
    fake.conversations.set(conversationId, changed);
    fake.emit('change', changeSet({ conversations: [changed] }));
    return changed;
  };
  const signIn = (): AccountView => {
    fake.session = { kind: 'signed-in', account, lock: lockState() };
    return account;
  };
  const byTime = (a: MessageView, b: MessageView) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);
  let sent = 0;

  const handlers: TigerApi = {
    appInfo: async () => (record('appInfo', undefined), { name: 'TigerDesk', version: '0.1.0', platform: 'linux' }),
    sessionState: async () => (record('sessionState', undefined), fake.session),
    signInWithPassword: async (input) => {
      record('signInWithPassword', input);
      if (fake.passwords.get(input.userId) !== input.password) throw new Refusal('unauthorized', 'The server refused this user id and password');
      return signIn();
    },
    signInWithKey: async (input) => (record('signInWithKey', input), signIn()),
    trySandbox: async () => (record('trySandbox', undefined), signIn()),
    signOut: async () => {
      record('signOut', undefined);
      fake.session = { kind: 'signed-out' };
      return ok;
    },
    accounts: async () => (record('accounts', undefined), fake.session.kind === 'signed-in' ? [account] : []),
    switchAccount: async (input) => (record('switchAccount', input), signIn()),
    connectionState: async () => (record('connectionState', undefined), fake.connection),
    outboxState: async () => (record('outboxState', undefined), fake.outbox),
    // Paged in main's order (newest activity first, then id), the cursor naming the last one a page gave.
    roster: async (page) => {
      record('roster', page);
      const all = [...fake.conversations.values()].sort((a, b) => b.lastActivity - a.lastActivity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (page === undefined) return { conversations: all, next: null };
      const start = page.after === undefined ? 0 : all.findIndex((conversation) => conversation.id === page.after?.id) + 1;
      const conversations = all.slice(start, start + page.limit);
      const last = conversations.at(-1);
      return { conversations, next: start + page.limit < all.length && last !== undefined ? { lastActivity: last.lastActivity, id: last.id } : null };
    },
    urgentAlerts: async () => (record('urgentAlerts', undefined), fake.urgentAlerts),
    organizations: async () => (record('organizations', undefined), fake.organizations),
    startConversation: async (input) => {
      record('startConversation', input);
      // As main does: one conversation per person and organization, the home one by the person's token.
      const id = input.organizationKey === undefined || input.organizationKey === fake.organizations[0]?.token ? input.token : `${input.token}~${input.organizationKey}`;
      const started = fake.conversations.get(id)
        ?? conversation(id, { name: fake.people.find((person) => person.token === input.token)?.name ?? input.token, organizationKey: input.organizationKey ?? fake.organizations[0]?.token ?? null });
      fake.conversations.set(id, started);
      return started;
    },
    threadPage: async (input) => {
      record('threadPage', input);
      const all = fake.messages.filter((m) => m.conversationId === input.conversationId).sort(byTime);
      if (input.after !== undefined) {
        const start = all.findIndex((m) => m.id === input.after) + 1;
        const end = Math.min(all.length, start + input.limit);
        return { messages: all.slice(start, end), hasMore: end < all.length };
      }
      const end = input.before === undefined ? all.length : all.findIndex((m) => m.id === input.before);
      const start = Math.max(0, end - input.limit);
      return { messages: all.slice(start, end), hasMore: start > 0 };
    },
    searchMessages: async (input) => {
      record('searchMessages', input);
      return fake.messages
        .filter((m) => m.body.toLowerCase().includes(input.query.toLowerCase()))
        .map((m) => ({ message: m, conversationName: fake.conversations.get(m.conversationId)?.name ?? m.conversationId }));
    },
    searchDirectory: async (input) => {
      record('searchDirectory', input);
      await fake.directoryGate?.(input.query);
      const heldPeople = fake.people.map((person): DirectoryResult => ({
        kind: 'person', ...person, dndText: person.dndText ?? null, organizationKey: fake.organizations[0]?.token ?? null, organizationName: fake.organizations[0]?.name ?? null, held: true,
      }));
      const found = [...heldPeople, ...fake.directory]
        .filter((result) => (input.kinds ?? ['person', 'group']).includes(result.kind))
        .filter((result) => input.organizationKey === undefined || result.organizationKey === input.organizationKey)
        .filter((result) => startsAWord(input.query, result.name))
        .sort((a, b) => Number(b.held) - Number(a.held));
      if (fake.directoryOffline) return { results: found.filter((result) => result.held), continuation: null, offline: true };
      const start = Number(input.continuation ?? 0);
      const end = start + fake.directoryPageSize;
      return { results: found.slice(start, end), continuation: end < found.length ? String(end) : null, offline: false };
    },
    person: async (input) => {
      record('person', input);
      const found = fake.people.find((p) => p.token === input.token);
      if (found === undefined) throw new Refusal('not-found', `There is no person ${input.token}`);
      return found;
    },
    myProfile: async () => (record('myProfile', undefined), fake.profile),
    updateProfile: async (input) => {
      record('updateProfile', input);
      const { avatar, ...texts } = input;
      fake.profile = { ...fake.profile, ...texts, ...(avatar === undefined ? {} : { avatar: avatar === null ? null : `https://example.test/${avatar.name}` }) };
      return fake.profile;
    },
    avatar: async (input) => (record('avatar', input), fake.avatars.get(`${input.kind}:${input.token}`) ?? null),
    messageInfo: async (input) => (record('messageInfo', input), { statuses: [] }),
    pickAttachment: async () => (record('pickAttachment', undefined), null),
    sendMessage: async (input) => {
      record('sendMessage', input);
      sent += 1;
      const queued = message(`sent-${sent}`, input.conversationId, { token: null, outgoing: true, body: input.body, status: 'queued', createdAt: Date.now(), senderToken: 'me' });
      fake.messages.push(queued);
      fake.emit('change', changeSet({ messages: [queued] }));
      return queued;
    },
    retryMessage: async (input) => (record('retryMessage', input), ok),
    retryAll: async (input) => (record('retryAll', input), ok),
    cancelMessage: async (input) => (record('cancelMessage', input), ok),
    editQueued: async (input) => {
      record('editQueued', input);
      const found = fake.messages.find((m) => m.id === input.messageId);
      if (found === undefined) throw new Refusal('refused', `Message ${input.messageId} is not waiting in the outbox: it was sent or cancelled`);
      return { ...found, body: input.body };
    },
    recallMessage: async (input) => (record('recallMessage', input), ok),
    forwardMessage: async (input) => (record('forwardMessage', input), ok),
    markRead: async (input) => (record('markRead', input), ok),
    setOpenConversation: async (input) => (record('setOpenConversation', input), ok),
    setTyping: async (input) => (record('setTyping', input), ok),
    getDraft: async (input) => (record('getDraft', input), { text: fake.drafts.get(input.conversationId) ?? '' }),
    setDraft: async (input) => {
      record('setDraft', input);
      fake.drafts.set(input.conversationId, input.text);
      return ok;
    },
    createGroup: async (input) => {
      record('createGroup', input);
      const group = conversation(`group-${fake.conversations.size + 1}`, { kind: 'group', name: input.name, lastActivity: Date.now() });
      fake.conversations.set(group.id, group);
      return group;
    },
    groupInfo: async (input) => {
      record('groupInfo', input);
      const group = fake.conversations.get(input.groupId);
      return { id: input.groupId, name: group?.name ?? 'Group', avatar: group?.avatar ?? null, members: fake.groupMembers.get(input.groupId) ?? fake.people };
    },
    pendingMemberChanges: async (input) => (record('pendingMemberChanges', input), fake.pendingMemberChanges.get(input.groupId) ?? []),
    renameGroup: async (input) => (record('renameGroup', input), ok),
    setGroupAvatar: async (input) => (record('setGroupAvatar', input), ok),
    addGroupMembers: async (input) => (record('addGroupMembers', input), ok),
    removeGroupMembers: async (input) => (record('removeGroupMembers', input), ok),
    leaveGroup: async (input) => (record('leaveGroup', input), ok),
    deleteGroup: async (input) => (record('deleteGroup', input), ok),
    muteConversation: async (input) => {
      record('muteConversation', input);
      return changeConversation(input.conversationId, { mutedUntil: Date.now() + 3_600_000 });
    },
    unmuteConversation: async (input) => (record('unmuteConversation', input), changeConversation(input.conversationId, { mutedUntil: null })),
    setConversationPinned: async (input) => (record('setConversationPinned', input), changeConversation(input.conversationId, { pinned: input.pinned })),
    setUrgentWhenMuted: async (input) => (record('setUrgentWhenMuted', input), changeConversation(input.conversationId, { urgentWhenMuted: input.alert })),
    getMetadata: async (input) => (record('getMetadata', input), {}),
    setMetadata: async (input) => (record('setMetadata', input), input.values),
    clearMetadata: async (input) => (record('clearMetadata', input), ok),
    attachmentPreview: async (input) => (record('attachmentPreview', input), { bytes: new Uint8Array([137, 80, 78, 71]), contentType: 'image/png', name: 'scan.png' }),
    saveAttachment: async (input) => (record('saveAttachment', input), { saved: true }),
    contextTarget: async (input) => (record('contextTarget', input), ok),
    openAttachment: async (input) => (record('openAttachment', input), ok),
    getSettings: async () => (record('getSettings', undefined), fake.settings),
    catalog: async (input) => (record('catalog', input), { ...catalogs[input.language] }),
    updateSettings: async (input) => {
      record('updateSettings', input);
      const { language, ...rest } = input;
      fake.settings = { ...fake.settings, ...rest };
      // 'system' follows the OS, which here speaks English.
      if (language !== undefined) fake.settings = { ...fake.settings, languageChoice: language, language: language === 'system' ? 'en' : language };
      return fake.settings;
    },
    openExternalLink: async (input) => (record('openExternalLink', input), ok),
    lockNow: async () => (record('lockNow', undefined), setLock({ locked: true }), ok),
    unlock: async (input) => (record('unlock', input), checkSecret(input.secret), setLock({ locked: false }), ok),
    signOutFromLock: async (input) => {
      record('signOutFromLock', input);
      checkSecret(input.secret);
      fake.session = { kind: 'signed-out' };
      return ok;
    },
    setUnlockPin: async (input) => (record('setUnlockPin', input), setLock({ hasPin: true, method: 'pin' }), lockState({ hasPin: true, method: 'pin' })),
    removeUnlockPin: async (input) => (record('removeUnlockPin', input), setLock({ hasPin: false, method: 'password' }), lockState()),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => void set.delete(listener as Listener);
    },
  };
  const bridge = asBridge(handlers);
  return Object.assign(fake, { bridge, api: overBridge(bridge) });
}

/** Directory search's rule, simply: every word typed starts a word of the name, any case. */
function startsAWord(typed: string, name: string): boolean {
  const words = name.toLowerCase().split(/\s+/);
  return typed.toLowerCase().split(/\s+/).filter((word) => word !== '').every((word) => words.some((candidate) => candidate.startsWith(word)));
}

/** A failure the fake answers with, as main's answerCall would word it. */
class Refusal extends Error {
  readonly failure: CallFailure;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.failure = failureSaying(code, message);
  }
}

/** A failure whose words are these (as main's reply carries an error it words as it is). */
function failureSaying(code: ErrorCode, message: string): CallFailure {
  return { code, text: saying(message) };
}

/** The handlers as the preload exposes them: each call resolves to a reply, failures included. */
function asBridge(handlers: TigerApi): TigerBridge {
  const bridge: Record<string, unknown> = { on: handlers.on };
  for (const [name, handler] of Object.entries(handlers)) {
    if (name === 'on') continue;
    bridge[name] = async (input?: unknown): Promise<CallReply<CallName>> => {
      try {
        return { ok: true, value: await (handler as (input?: unknown) => Promise<never>)(input) };
      } catch (error) {
        return { ok: false, error: error instanceof Refusal ? error.failure : failureSaying('failed', (error as Error).message) };
      }
    };
  }
  return bridge as TigerBridge;
}
