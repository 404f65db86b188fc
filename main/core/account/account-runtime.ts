/**
 * The runtime of the signed-in account: its API client, its database and attachment cache,
 * its sync (with the message lifecycle), and the event stream that feeds sync and
 * acknowledges what sync committed.
 * A 401 from anywhere stops the stream and moves the session to credentials-rejected;
 * `remote_wipe` erases the account through the session.
 */
import type { ConnectionState } from '../../../preload/contract';
import { createApiClient } from '../api';
import type { ApiClient } from '../api';
import { createEventStream } from '../events/event-stream';
import type { BackoffSettings, EventStream } from '../events/event-stream';
import type { Logger } from '../log/logger';
import { SessionError } from '../session';
import type { AccountSummary, SessionManager } from '../session';
import { AttachmentCache } from '../store';
import type { Store } from '../store';
import { createSync } from '../sync/sync';
import type { Sync } from '../sync/sync';
import { openAccountStore } from './account-store';
import type { SetAside } from './account-store';
import { guardedApi } from './guarded-api';
import { sendNow } from './send-now';
import type { OutgoingMessage, SentWithClientId } from './send-now';

export interface OpenAccountOptions {
  session: SessionManager;
  log: Logger;
  /** How often the server sends something on an idle stream; default 25 s. */
  heartbeatMs?: number;
  reconnectBackoff?: BackoffSettings;
  /** Per API call; default 15 s. */
  timeoutMs?: number;
  now?: () => number;
}

export interface AccountRuntime {
  readonly account: AccountSummary;
  readonly api: ApiClient;
  readonly store: Store;
  readonly cache: AttachmentCache;
  readonly sync: Sync;
  /** Set when the database could not be read and this account started fresh. */
  readonly setAside: SetAside | null;
  readonly connection: ConnectionState;
  subscribeConnection(listener: (state: ConnectionState) => void): () => void;
  /**
   * Starts sync (erases what expired while closed, sends receipts still owed, reads the
   * roster) and connects the event stream. Refused after a 401: sign in again and open anew.
   */
  start(): Promise<void>;
  /** Starts if needed, (re)connects, and resolves once the server's replay of missed events is stored. */
  catchUp(timeoutMs: number): Promise<void>;
  send(message: OutgoingMessage): Promise<SentWithClientId>;
  close(): Promise<void>;
}

export async function openAccount(options: OpenAccountOptions): Promise<AccountRuntime> {
  const { session, log } = options;
  const opened = await session.opened();
  const account = opened.summary;
  const { store, setAside } = await openAccountStore({
    dir: opened.files.dir,
    key: opened.databaseKey,
    log,
    ...(options.now ? { now: options.now } : {}),
  });
  let rejected = false;
  // Reports arrive from API calls and the stream, all made after `events` exists below.
  const onUnauthorized = () => {
    if (rejected) return;
    rejected = true;
    void events.stop();
    session.rejectCredentials(account.id);
  };
  const api = guardedApi(
    createApiClient({
      baseUrl: opened.credentials.server,
      credentials: { key: opened.credentials.key, secret: opened.credentials.secret },
      organizationKey: account.organization.token,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    }),
    onUnauthorized,
  );
  const cache = new AttachmentCache({ dir: opened.files.attachments, key: opened.attachmentKey });
  const sync = createSync({ store, cache, api, me: account.userToken, log });
  const events = createEventStream({
    request: () => api.eventStreamRequest(),
    ack: (ids) => api.ackEvents(ids),
    handle: (batch) => sync.handle(batch),
    onRemoteWipe: () => session.wipe(account.id),
    log,
    heartbeatMs: options.heartbeatMs ?? 25_000,
    ...(options.reconnectBackoff ? { reconnectBackoff: options.reconnectBackoff } : {}),
  });
  events.subscribe((state) => {
    if (state.kind === 'auth-failed') onUnauthorized();
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      release();
      await events.stop();
      await sync.stop();
      store.close();
    })();
    return closing;
  };
  const release = session.holdOpen(account.id, close);
  let syncStarted: Promise<void> | undefined;
  /** Starts sync once; refused once closed, or after the server refused the credentials. */
  const startSync = async (): Promise<void> => {
    if (closing !== undefined) throw new SessionError('not-signed-in', 'This account runtime is closed');
    // A fresh database (one set aside) gets its conversations back here; messages come with the replay.
    await (syncStarted ??= sync.start());
    if (rejected) throw new SessionError('credentials-rejected', 'The server refused the stored credentials; sign in again');
  };
  const start = async (): Promise<void> => {
    await startSync();
    events.start();
  };

  return {
    account,
    api,
    store,
    cache,
    sync,
    setAside,
    get connection() {
      return events.state;
    },
    subscribeConnection: (listener) => events.subscribe(listener),
    start,
    async catchUp(timeoutMs) {
      await startSync();
      const caughtUp = replayStored(events, timeoutMs);
      // A running stream is reconnected: every connect begins with the replay.
      if (events.state.kind === 'stopped') events.start();
      else events.kick();
      return caughtUp;
    },
    send: (message) => sendNow(api, account, message),
    close,
  };
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
      finish(new Error(`The server's replay of missed events did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = events.subscribe((state) => {
      if (state.kind === 'replaying') replaying = true;
      else if (state.kind === 'live' && replaying) finish();
      else if (state.kind === 'auth-failed') finish(new SessionError('credentials-rejected', 'The server refused the stored credentials; sign in again'));
      else if (state.kind === 'stopped') finish(new Error('The event stream was stopped before the replay finished'));
    });
  });
}
