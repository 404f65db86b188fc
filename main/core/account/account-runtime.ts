/**
 * The runtime of the signed-in account: its API client, its database and attachment cache,
 * its sync (with the message lifecycle), the event stream that feeds sync and acknowledges
 * what sync committed, and the outbox that sends what the user wrote, whether or not the
 * server can be reached at the time.
 * A 401 from anywhere stops the stream, pauses the outbox and moves the session to
 * credentials-rejected; `remote_wipe` erases the account through the session.
 * The account's folder is locked from before its database opens until the runtime closes
 * (account-lock.ts): one process per account.
 */
import { SaidError } from '../../../i18n/said-error';
import { userText } from '../../../i18n/user-text';
import { systemClock } from '../clock';
import type { Clock } from '../clock';
import type { ChangeSet, ConnectionState, UrgentAlert } from '../../../preload/contract';
import { createUrgentAlertLoop } from '../alerts/urgent-alert-loop';
import { defaultUrgentAlertSettings } from '../alerts/urgent-schedule';
import type { UrgentAlertSettings } from '../alerts/urgent-schedule';
import { createApiClient } from '../api';
import type { ApiClient } from '../api';
import { createEventStream } from '../events/event-stream';
import type { BackoffSettings, EventStream } from '../events/event-stream';
import type { Logger } from '../log/logger';
import { createConversationMutes } from '../mutes/conversation-mutes';
import type { ConversationMutes } from '../mutes/conversation-mutes';
import { createOutbox } from '../outbox';
import type { Outbox } from '../outbox';
import { SessionError } from '../session';
import type { AccountKeys, AccountSummary, OpenedAccount, SessionManager } from '../session';
import { AttachmentCache } from '../store';
import type { Store } from '../store';
import { createSync } from '../sync/sync';
import type { Sync } from '../sync/sync';
import type { ThreadShown } from '../sync/change-collector';
import { acquireAccountLock } from './account-lock';
import type { AccountLock } from './account-lock';
import { openAccountStore } from './account-store';
import type { AccountStoreOpening, SetAside } from './account-store';
import { createChangeChannel } from './change-channel';
import { guardedApi } from './guarded-api';

export interface OpenAccountOptions {
  session: SessionManager;
  log: Logger;
  /** How often the server sends something on an idle stream; default 25 s. */
  heartbeatMs?: number;
  reconnectBackoff?: BackoffSettings;
  /** Between the outbox's attempts at one job; default 1 s doubling up to 5 min. */
  outboxRetry?: { baseMs: number; capMs: number };
  /** Uniform in [0, 1): the jitter of the stream's and the outbox's backoffs; default Math.random. */
  random?: () => number;
  /** Per API call; default 15 s. */
  timeoutMs?: number;
  /** The largest JSON reply read whole; default 16 MB. */
  maxReplyBytes?: number;
  /** The longest line and largest event the event stream reads; default 4 MB. */
  maxEventBytes?: number;
  /** Time and timers for the runtime (expiry, retries, the stream's watchdog); default the system's. */
  clock?: Clock;
  /** How often an unread urgent message alerts again, and how many times; default every 2 minutes, 10 times. */
  urgentAlerts?: UrgentAlertSettings;
  /** Whether the window shows this conversation's thread (sync's `threadShown`); default every one. */
  threadShown?: ThreadShown;
}

/** The urgent messages still alerting, and those alerting now. */
export interface UrgentAlertChange {
  alerts: UrgentAlert[];
  alerting: UrgentAlert[];
}

export interface AccountRuntime {
  readonly account: AccountSummary;
  readonly api: ApiClient;
  readonly store: Store;
  readonly cache: AttachmentCache;
  /** Its change sets come through `changes`, with the outbox's. */
  readonly sync: Omit<Sync, 'onChange'>;
  /** Every change set of the account, sync's and the outbox's, in order: the one stream the window and the CLI follow. */
  readonly changes: { subscribe(listener: (changes: ChangeSet) => void): () => void };
  /** Every send, recall, forward, membership change and mute: stored first, sent when the server answers. */
  readonly outbox: Outbox;
  /** Mutes that follow the user: shown at once, sent through the outbox, read again from the server at every connect. */
  readonly mutes: ConversationMutes;
  /** Set when the database could not be read and this account started fresh. */
  readonly setAside: SetAside | null;
  readonly connection: ConnectionState;
  subscribeConnection(listener: (state: ConnectionState) => void): () => void;
  /** Unread urgent messages alert until read (here or elsewhere), recalled or expired, on a schedule kept in the store. */
  readonly urgent: {
    alerts(): UrgentAlert[];
    subscribe(listener: (change: UrgentAlertChange) => void): () => void;
  };
  /**
   * Starts sync (erases what expired while closed, sends receipts still owed, reads the
   * roster), then the outbox, and connects the event stream. Refused after a 401: sign in
   * again and open anew (the new runtime's outbox sends what this one could not).
   */
  start(): Promise<void>;
  /** Starts if needed, (re)connects, and resolves once the server's replay of missed events is stored. */
  catchUp(timeoutMs: number): Promise<void>;
  /**
   * The network is back (or the machine woke): what expired meanwhile is erased, queued sends
   * go now and the stream reconnects at once.
   */
  networkBack(): void;
  close(): Promise<void>;
}

/**
 * Refused with AccountLockError while another process (or another runtime of this one) has
 * the account open; nothing on disk is changed then.
 */
export async function openAccount(options: OpenAccountOptions): Promise<AccountRuntime> {
  const opened = await options.session.opened();
  // Before the store opens: a second process would take this one's sends in flight for interrupted ones and resend them.
  const lock = await acquireAccountLock({ dir: opened.files.dir, log: options.log });
  let store: Store | undefined;
  try {
    const opening = await openAccountStore({
      dir: opened.files.dir,
      key: opened.databaseKey,
      log: options.log,
      ...(options.clock ? { now: options.clock.now } : {}),
    });
    store = opening.store;
    return assembleRuntime(options, opened, opening, lock);
  } catch (error) {
    store?.close();
    lock.release();
    throw error;
  }
}

function assembleRuntime(
  options: OpenAccountOptions,
  opened: OpenedAccount & AccountKeys,
  { store, setAside }: AccountStoreOpening,
  lock: AccountLock,
): AccountRuntime {
  const { session, log } = options;
  const account = opened.summary;
  let rejected = false;
  // Reports arrive from API calls, the outbox and the stream, all made after `outbox` and `events` exist below.
  const onUnauthorized = () => {
    if (rejected) return;
    rejected = true;
    outbox.pauseForAuth();
    void events.stop();
    session.rejectCredentials(account.id);
  };
  const api = guardedApi(
    createApiClient({
      baseUrl: opened.credentials.server,
      credentials: { key: opened.credentials.key, secret: opened.credentials.secret },
      organizationKey: account.organization.token,
      // The session's network, as for the sign-in: in the app, Electron's.
      fetch: session.fetch,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.maxReplyBytes ? { maxReplyBytes: options.maxReplyBytes } : {}),
    }),
    onUnauthorized,
  );
  const cache = new AttachmentCache({ dir: opened.files.attachments, key: opened.attachmentKey });
  // The outbox is made below, after sync; a mute event arrives only once both exist.
  const sync = createSync({ store, cache, api, me: account.userToken, homeOrganization: account.organization.token, log, mutesKeptLocally: () => outbox.conversationsWithMuteChanges(), ...clockOf(options), ...(options.threadShown ? { threadShown: options.threadShown } : {}) });
  const changes = createChangeChannel(log);
  // Sync's own stream stays inside: the runtime's `changes` is the one the window and the CLI follow.
  const { onChange: followSync, ...syncForCallers } = sync;
  followSync(changes.publish);
  const outbox = createOutbox({
    store,
    api,
    attachments: cache,
    senderToken: account.userToken,
    senderOrganization: account.organization.token,
    log,
    onChange: changes.publish,
    onAuthRequired: onUnauthorized,
    ...clockOf(options),
    ...(options.outboxRetry ? { retry: options.outboxRetry } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  const events = createEventStream({
    request: () => api.eventStreamRequest(),
    ack: (ids) => api.ackEvents(ids),
    handle: (batch) => sync.handle(batch),
    onRemoteWipe: () => session.wipe(account.id),
    log,
    fetch: session.fetch,
    heartbeatMs: options.heartbeatMs ?? 25_000,
    ...clockOf(options),
    ...(options.reconnectBackoff ? { reconnectBackoff: options.reconnectBackoff } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.maxEventBytes ? { maxEventBytes: options.maxEventBytes } : {}),
  });
  const mutes = createConversationMutes({ sync, outbox, api, clock: options.clock ?? systemClock });
  const reconcileMutes = () => {
    mutes.reconcile().catch((error: unknown) => log.warn('reading the mutes from the server failed; the next connect reads them again', { error: (error as Error).message }));
  };
  const urgentListeners = new Set<(change: UrgentAlertChange) => void>();
  const urgent = createUrgentAlertLoop({
    store,
    clock: options.clock ?? systemClock,
    settings: options.urgentAlerts ?? defaultUrgentAlertSettings,
    log,
    update({ pending, alerting }) {
      const alerts = sync.urgentAlerts(pending.map((message) => message.messageId));
      const alertingIds = new Set(alerting.map((message) => String(message.messageId)));
      const change = { alerts, alerting: alerts.filter((alert) => alertingIds.has(alert.messageId)) };
      for (const listener of urgentListeners) listener(change);
    },
  });
  // Every change may bring an urgent message or settle one (read, recalled, expired), or name its sender.
  changes.subscribe((change) => urgent.refresh(change.people.length > 0 || change.conversations.length > 0));

  let replaying = false;
  let offline = false;
  events.subscribe((state) => {
    if (state.kind === 'replaying') {
      replaying = true;
    } else if (state.kind === 'live' && replaying) {
      // Not the `live` of a bare connect: only once the replay is stored can a send in doubt
      // be told apart from one the server already holds (its echo is in the store by now).
      replaying = false;
      offline = false;
      outbox.streamCaughtUp();
      // Every connect: mutes made or ended elsewhere while this computer was off or disconnected.
      reconcileMutes();
    } else if (state.kind === 'live' && offline) {
      // The server answers again: sends not in doubt need not wait for the replay.
      offline = false;
      outbox.networkBack();
    } else if (state.kind === 'offline') {
      replaying = false;
      offline = true;
      outbox.networkLost();
    } else if (state.kind === 'auth-failed') {
      onUnauthorized();
    }
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      release();
      urgent.stop();
      try {
        await events.stop();
        // Attempts in flight are cut off and recorded (as in doubt) while the database is open.
        await outbox.stop();
        await sync.stop();
        store.close();
      } finally {
        lock.release();
      }
    })();
    return closing;
  };
  const release = session.holdOpen(account.id, close);
  let syncStarted: Promise<void> | undefined;
  /**
   * Starts sync once, and calls `connect` once what needs no server is done: the event stream
   * then runs alongside the organizations and roster requests, so its replay does not wait for
   * two round trips. Refused once closed, or after the server refused the credentials.
   */
  const startSync = async (connect: () => void): Promise<void> => {
    if (closing !== undefined) throw new SessionError('not-signed-in', userText('account.runtime-closed'));
    await sync.prepare();
    if (closing !== undefined) throw new SessionError('not-signed-in', userText('account.runtime-closed'));
    connect();
    // A fresh database (one set aside) gets its conversations back here; messages come with the replay.
    await (syncStarted ??= sync.start());
    if (closing === undefined && !rejected) {
      outbox.start();
      // What is still unread from before (an alert a restart interrupted) alerts again now.
      urgent.refresh();
    }
    if (rejected) throw new SessionError('credentials-rejected', userText('session.stored-credentials-refused'));
  };
  const start = (): Promise<void> => startSync(() => events.start());

  return {
    account,
    api,
    store,
    cache,
    sync: syncForCallers,
    changes: { subscribe: changes.subscribe },
    outbox,
    mutes,
    setAside,
    get connection() {
      return events.state;
    },
    subscribeConnection: (listener) => events.subscribe(listener),
    urgent: {
      alerts: () => sync.urgentAlerts(urgent.pending().map((message) => message.messageId)),
      subscribe(listener) {
        urgentListeners.add(listener);
        return () => urgentListeners.delete(listener);
      },
    },
    start,
    async catchUp(timeoutMs) {
      let caughtUp: Promise<void> | undefined;
      try {
        await startSync(() => {
          caughtUp = replayStored(events, timeoutMs);
          // A running stream is reconnected: every connect begins with the replay.
          if (events.state.kind === 'stopped') events.start();
          else events.kick();
        });
      } catch (error) {
        // Signed in no further: the replay is not waited for (its stream ends with the runtime).
        caughtUp?.catch(() => undefined);
        throw error;
      }
      return caughtUp;
    },
    networkBack() {
      if (closing !== undefined) return;
      sync.wake();
      outbox.networkBack();
      events.kick();
    },
    close,
  };
}

function clockOf(options: OpenAccountOptions): { clock?: Clock } {
  return options.clock ? { clock: options.clock } : {};
}

/** Resolves at the first `live` that follows a `replaying`: every replayed event is then stored. */
function replayStored(events: EventStream, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let replaying = false;
    const finish = (error?: Error) => {
      clearTimeout(timer);
      unsubscribe();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => {
      finish(new SaidError(userText('account.replay-timeout', { ms: timeoutMs })));
    }, timeoutMs);
    const unsubscribe = events.subscribe((state) => {
      if (state.kind === 'replaying') replaying = true;
      else if (state.kind === 'live' && replaying) finish();
      else if (state.kind === 'auth-failed') finish(new SessionError('credentials-rejected', userText('session.stored-credentials-refused')));
      else if (state.kind === 'stopped') finish(new SaidError(userText('account.replay-stopped')));
    });
  });
}
