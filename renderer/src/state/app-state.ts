import { batch, effect } from '@preact/signals';
import type { Language } from '../../../i18n/languages';
import type { ChangeSet, MessageView, OrganizationView, RosterCursor, SessionState, TigerApi } from '../../../preload/contract';
import { failureText } from '../format/failure-text';
import { createAvatarStore } from './avatars';
import { applyLanguage } from './language';
import type { AvatarStore } from './avatars';
import { mergeChangeSets } from './change-merge';
import { createComposerStore } from './composer';
import type { ComposerStore } from './composer';
import { createConnectionStore } from './connection';
import type { ConnectionStore } from './connection';
import { animationFrameScheduler, createFrameBatcher } from './frame-batcher';
import type { FrameScheduler } from './frame-batcher';
import { createOrganizationsStore } from './organizations';
import type { OrganizationsStore } from './organizations';
import { createRosterStore } from './roster';
import { fetchRosterPages, firstRosterPage, pageAsChangeSet } from './roster-pages';
import type { RosterStore } from './roster';
import { createSessionStore } from './session';
import type { SessionStore } from './session';
import { createSettingsStore } from './settings';
import type { SettingsStore } from './settings';
import { createThreadStore } from './thread';
import type { ThreadStore } from './thread';
import { createUiStore } from './ui';
import type { UiStore } from './ui';
import { playAlertTone } from './alert-tone';
import type { AlertTone } from './alert-tone';
import { createUrgentStore } from './urgent';
import type { UrgentStore } from './urgent';

export type AppState = {
  readonly api: TigerApi;
  readonly session: SessionStore;
  readonly roster: RosterStore;
  readonly organizations: OrganizationsStore;
  readonly thread: ThreadStore;
  readonly composer: ComposerStore;
  readonly connection: ConnectionStore;
  readonly settings: SettingsStore;
  readonly avatars: AvatarStore;
  readonly ui: UiStore;
  readonly urgent: UrgentStore;
  /** Asks main for the session and settings; events are already subscribed. */
  start(): Promise<void>;
  /** Records a new session state and loads or clears the account's data to match. */
  applySession(state: SessionState): void;
  /** Asks main for the session (after a sign-in, a switch or an unlock) and applies it. */
  refreshSession(): Promise<void>;
  /** Locks the window (Lock now, Ctrl+L): its draft saved first, then main locks and says so. */
  lockNow(): Promise<void>;
  signOut(): Promise<void>;
  switchAccount(accountId: string): Promise<void>;
  /**
   * Selects a conversation; `name` labels one the roster does not hold yet, `around` opens it
   * at that message instead of the newest.
   */
  openConversation(conversationId: string, options?: { name?: string; around?: MessageView }): void;
  dispose(): void;
};

/** Switches the window's language; a catalog main cannot give leaves it as it is, and says so in the console. */
function speaker(api: TigerApi): (language: Language) => Promise<void> {
  return (language) =>
    applyLanguage(api, language).catch((error: unknown) => {
      console.error(`The ${language} catalog could not be loaded; the window keeps its language`, error);
    });
}

export function createAppState(api: TigerApi, schedule: FrameScheduler = animationFrameScheduler, alertTone: AlertTone = playAlertTone): AppState {
  const session = createSessionStore(api);
  const roster = createRosterStore();
  const organizations = createOrganizationsStore();
  const thread = createThreadStore(api);
  const composer = createComposerStore(api);
  const connection = createConnectionStore();
  const settings = createSettingsStore(api);
  const avatars = createAvatarStore(api);
  const ui = createUiStore();
  const urgent = createUrgentStore();
  const speak = speaker(api);

  // Change sets that arrive while the roster is being fetched are held and applied after it,
  // so the fetched list cannot overwrite something newer.
  let heldWhileLoading: ChangeSet[] | null = null;
  const applyChanges = (sets: ChangeSet[]): void => {
    if (heldWhileLoading !== null) {
      heldWhileLoading.push(...sets);
      return;
    }
    const merged = mergeChangeSets(sets);
    batch(() => {
      if (merged.organizations !== undefined) showOrganizations(merged.organizations);
      roster.apply(merged.conversations, merged.removedConversations);
      thread.apply(merged.messages, merged.removedMessages);
      thread.rename(merged.people);
    });
  };
  const changes = createFrameBatcher<ChangeSet>(applyChanges, schedule);

  /** The user's organizations; the roster shows all again if the one shown is no longer among them. */
  const showOrganizations = (list: readonly OrganizationView[]): void => {
    organizations.set(list);
    const shown = roster.organization.peek();
    if (shown !== null && !list.some((organization) => organization.token === shown)) roster.organization.value = null;
  };

  // Main pushes only changes: the state at the time of loading is asked for once.
  // An event pushed while the question is under way is newer than the answer: it wins.
  let connectionPushes = 0;
  let outboxPushes = 0;
  const loadConnection = async (): Promise<void> => {
    const [connectionAsked, outboxAsked] = [connectionPushes, outboxPushes];
    const [state, outbox] = await Promise.all([api.connectionState(), api.outboxState()]);
    batch(() => {
      if (connectionPushes === connectionAsked) connection.state.value = state;
      if (outboxPushes === outboxAsked) connection.outbox.value = outbox;
    });
  };

  // As for the connection: an alert pushed while the question is under way is newer than the answer.
  let urgentPushes = 0;
  const loadUrgent = async (): Promise<void> => {
    const asked = urgentPushes;
    const alerts = await api.urgentAlerts();
    if (urgentPushes === asked) urgent.set(alerts);
  };

  // The roster comes a page at a time: the first screen is painted from the first page, and the
  // rest is fetched behind it and queued with the change sets (see fetchRosterPages for why that
  // order is right). Each load is numbered, so that one for an account no longer shown stops.
  let rosterLoads = 0;
  const fillRoster = async (after: RosterCursor | null, load: number): Promise<void> => {
    const current = () => load === rosterLoads;
    const done = after === null || (await fetchRosterPages(api, after, (page) => changes.push(pageAsChangeSet(page)), current));
    if (done && current()) roster.complete.value = true;
  };

  const loadAccount = async (): Promise<void> => {
    void loadConnection().catch(() => undefined);
    void loadUrgent().catch(() => undefined);
    heldWhileLoading = [];
    const load = ++rosterLoads;
    try {
      const [list, first] = await Promise.all([api.organizations(), api.roster({ limit: firstRosterPage })]);
      showOrganizations(list);
      roster.replaceAll(first.conversations);
      void fillRoster(first.next, load).catch((failure: unknown) => {
        if (load === rosterLoads) roster.loadError.value = failureText(failure);
      });
    } catch (failure) {
      roster.loadError.value = failureText(failure);
    } finally {
      const held = heldWhileLoading;
      heldWhileLoading = null;
      if (held.length > 0) applyChanges(held);
    }
    await session.refreshAccounts().catch(() => undefined);
  };

  const clearAccount = (): void => {
    rosterLoads += 1;
    changes.discard();
    void api.setOpenConversation({ conversationId: null }).catch(() => undefined);
    batch(() => {
      roster.clear();
      organizations.clear();
      ui.selected.value = null;
      ui.dialog.value = null;
      ui.pendingNames.value = new Map();
      connection.typing.value = new Map();
      urgent.set([]);
    });
    avatars.clear();
    void thread.open(null);
    void composer.open(null);
  };

  // The latest account load (its roster's first page and what comes with it).
  let accountLoad: Promise<void> = Promise.resolve();
  // An urgent alert that sounds before the window's first screen is painted (an account's unread
  // urgent messages alert as the app starts) chimes after it: the page's first audio context
  // holds its main thread for 150-300 ms, which would come before the roster's first rows.
  // Chimes asked for meanwhile make one.
  let firstScreenPainted = false;
  let chimeWaiting = false;
  const chime = (): void => {
    if (firstScreenPainted) alertTone();
    else chimeWaiting = true;
  };
  const firstScreenDone = (): void => {
    firstScreenPainted = true;
    if (chimeWaiting) alertTone();
    chimeWaiting = false;
  };

  // The conversation open when the window locked, opened again once the same account unlocks:
  // only its id is kept meanwhile, nothing of its content.
  let openBeforeLock: { accountId: string; conversationId: string } | null = null;
  const onSession = (next: SessionState): void => {
    const previous = session.state.peek();
    session.set(next);
    // An account main could not open has nothing to load: it is loaded once it opens. A locked
    // one shows nothing of its data: it is cleared, and loaded again once unlocked.
    const opened = (state: SessionState | null) =>
      state?.kind === 'signed-in' && state.unavailable === undefined && !state.lock.locked ? state.account.id : null;
    const accountBefore = opened(previous);
    const accountNow = opened(next);
    if (accountBefore === accountNow) return;
    const selected = ui.selected.peek();
    if (accountBefore !== null && selected !== null && next.kind === 'signed-in' && next.account.id === accountBefore && next.lock.locked) {
      openBeforeLock = { accountId: accountBefore, conversationId: selected };
    }
    clearAccount();
    if (accountNow === null) return;
    const reopen = openBeforeLock?.accountId === accountNow ? openBeforeLock.conversationId : null;
    openBeforeLock = null;
    accountLoad = loadAccount().then(() => {
      if (reopen !== null && ui.selected.peek() === null && opened(session.state.peek()) === accountNow) openConversation(reopen);
    });
  };
  const refreshSession = async (): Promise<void> => onSession(await api.sessionState());

  const openConversation = (conversationId: string, { name, around }: { name?: string; around?: MessageView } = {}): void => {
    if (name !== undefined && roster.get(conversationId) === undefined) {
      ui.pendingNames.value = new Map(ui.pendingNames.peek()).set(conversationId, name);
    }
    batch(() => {
      ui.selected.value = conversationId;
      ui.dialog.value = null;
    });
    void api.setOpenConversation({ conversationId }).catch(() => undefined);
    void thread.open(conversationId, around);
    void composer.open(conversationId);
  };

  const unsubscribe = [
    api.on('change', (set) => changes.push(set)),
    api.on('connection', (state) => {
      connectionPushes += 1;
      connection.state.value = state;
    }),
    api.on('outbox', (state) => {
      outboxPushes += 1;
      connection.outbox.value = state;
    }),
    api.on('session', onSession),
    api.on('settings', (next) => settings.set(next)),
    // A language chosen in Settings (here or by hospital IT) rewords the window at once.
    effect(() => {
      const language = settings.settings.value?.language;
      if (language !== undefined) void speak(language);
    }),
    api.on('typing', ({ conversationId, people: typing }) => connection.setTyping(conversationId, typing)),
    api.on('openConversation', ({ conversationId }) => openConversation(conversationId)),
    api.on('urgentAlerts', ({ alerts, count, sound }) => {
      urgentPushes += 1;
      urgent.set(alerts, count);
      if (sound) chime();
    }),
  ];

  return {
    api,
    session,
    roster,
    organizations,
    thread,
    composer,
    connection,
    settings,
    avatars,
    ui,
    urgent,
    async start() {
      try {
        // Asked together: each question is a round trip to main, and the first screen waits for both.
        const [, state] = await Promise.all([settings.load(), api.sessionState()]);
        // The first screen is drawn in its language, not redrawn into it.
        const loaded = settings.settings.value;
        if (loaded !== null) await speak(loaded.language);
        onSession(state);
      } finally {
        // Painted in the frame after the load (or whatever the window shows without one); a
        // task posted from that frame runs once it is painted.
        const painted = () => schedule(() => setTimeout(firstScreenDone, 0));
        void accountLoad.then(painted, painted);
      }
    },
    openConversation,
    applySession: onSession,
    refreshSession,
    async lockNow() {
      await composer.flushDraft();
      await api.lockNow();
      await refreshSession();
    },
    async signOut() {
      await composer.flushDraft();
      await api.signOut();
      onSession(await api.sessionState());
    },
    async switchAccount(accountId) {
      await composer.flushDraft();
      await api.switchAccount({ accountId });
      await refreshSession();
    },
    dispose() {
      changes.discard();
      for (const stop of unsubscribe) stop();
      avatars.clear();
      void composer.flushDraft();
    },
  };
}
