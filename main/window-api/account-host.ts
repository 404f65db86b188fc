// The signed-in account's runtime for one window (Electron's, or a harness page): opened when
// the session signs an account in, its changes, typing and connection told to the window,
// closed once when the session lets the account go (sign-out, switch, wipe), when the server
// refuses its credentials, or when the window's host closes. What the window does beyond
// these events (notifications, badge, an embedded sandbox) comes in as hooks. An account that
// cannot be opened is told to the window with the reason, on the session it is signed in to.
import { SaidError } from '../../i18n/said-error';
import { userText } from '../../i18n/user-text';
import type { MessageKey, UserText } from '../../i18n/user-text';
import type { ChangeSet, EventName, EventPayload, SessionState as SessionView } from '../../preload/contract';
import { AccountLockError, openAccount } from '../core/account';
import type { AccountRuntime, OpenAccountOptions, UrgentAlertChange } from '../core/account';
import type { Logger } from '../core/log/logger';
import { StoreOpenError } from '../core/store';
import type { StoreOpenErrorReason } from '../core/store';
import type { AccountSummary, SessionManager } from '../core/session';
import { sessionView } from './session-calls';
import type { LockSource } from './session-calls';

/** Sends one contract event to the window. */
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface AccountHostOptions {
  session: SessionManager;
  emit: Emit;
  /** Says when an account could not be opened. */
  log: Pick<Logger, 'error'>;
  /** How each account's runtime is opened (its own logger, timeouts, backoffs). */
  runtime: Omit<OpenAccountOptions, 'session'>;
  /** The window's lock: the session told to the window carries it, and is told again when it changes. */
  lock: LockSource & {
    subscribe(listener: () => void): () => void;
    /** Settles once the lock of the account just signed in to is known (it may open locked). */
    settled(): Promise<void>;
  };
  /** Before the runtime opens; the account's server may need starting first (the embedded sandbox). */
  beforeOpen?(account: AccountSummary): Promise<void>;
  /** After the window has the change set and the outbox's state that goes with it. */
  changed?(change: ChangeSet, runtime: AccountRuntime): void;
  /** Once the runtime has started. */
  started?(runtime: AccountRuntime): void;
  /**
   * The urgent messages still alerting changed, or some alert now: shows their notifications
   * and answers whether the alert sounds (false: silenced). Without it, every alert sounds.
   */
  urgent?(change: UrgentAlertChange, runtime: AccountRuntime): boolean;
  /**
   * Once the runtime is no longer the current one, before its database closes: what showed its
   * data outside the window (notifications, a badge) goes with it.
   */
  released?(runtime: AccountRuntime): void;
}

export interface AccountHost {
  /** The open account's runtime; null while none is open (or still opening). */
  current(): AccountRuntime | null;
  /**
   * Settles once the runtime of the account last signed in to (or switched to) is open, and
   * rejects when it could not be, with an AccountUnavailableError saying why in words the
   * window may show: a sign-in call answers after it.
   */
  ready(): Promise<void>;
  /** Opens nothing more, waits for an account still opening, and closes the runtime. */
  close(): Promise<void>;
}

/** Why an account could not be opened, for the user: no file path, no detail of our own code. */
export class AccountUnavailableError extends SaidError {
  override readonly name = 'AccountUnavailableError';
}

export function unavailableReason(error: unknown): UserText {
  // It names the process holding the account and nothing of the folder.
  if (error instanceof AccountLockError && error.holderPid !== null) return error.said;
  if (error instanceof AccountLockError) return userText('account.opening-elsewhere');
  // Its message quotes the database file's path (and the system's message may quote the folder's).
  if (error instanceof StoreOpenError) return userText(storeReasons[error.reason]);
  const { code, syscall } = error as NodeJS.ErrnoException;
  // A file system error's message quotes the path of the account's folder.
  if (typeof code === 'string' && typeof syscall === 'string') return userText('account.files-unopenable', { code });
  // Main's own words (a refused session, a locked keychain) say it in the user's language.
  if (error instanceof SaidError && error.said.key !== 'said.english') return error.said;
  return userText('account.unopenable', { detail: error instanceof Error ? error.message : String(error) });
}

const storeReasons: Record<StoreOpenErrorReason, MessageKey> = {
  'invalid-key': 'account.invalid-key',
  'wrong-key-or-corrupt': 'account.wrong-key-or-corrupt',
  'newer-version': 'account.newer-version',
  'migration-failed': 'account.migration-failed',
  io: 'account.database-io',
};

/** The session as the window is told it: an account that could not be opened says why. */
function windowSession(view: SessionView, unavailable: { accountId: string; reason: UserText } | null): SessionView {
  return view.kind === 'signed-in' && unavailable !== null && view.account.id === unavailable.accountId
    ? { ...view, unavailable: unavailable.reason }
    : view;
}

export function hostAccount(options: AccountHostOptions): AccountHost {
  const { session, emit } = options;
  let runtime: AccountRuntime | null = null;
  // The account whose runtime is open or opening, and how to close it with what listens to it.
  let runtimeAccount: string | null = null;
  let closeRuntime: () => Promise<void> = async () => {};
  let opening: Promise<void> = Promise.resolve();
  let closed = false;
  // The account last signed in to could not be opened, and why.
  let unavailable: { accountId: string; reason: UserText } | null = null;

  const openRuntime = async (account: AccountSummary) => {
    runtimeAccount = account.id;
    // Whether the account opens locked (locked when the app stopped, or left for another) is known first.
    await options.lock.settled();
    await options.beforeOpen?.(account);
    const opened = await openAccount({ ...options.runtime, session });
    runtime = opened;
    const unsubscribe = [
      opened.changes.subscribe((change) => {
        emit('change', change);
        emit('outbox', opened.outbox.summary());
        options.changed?.(change, opened);
      }),
      opened.sync.onTyping((typing) => emit('typing', {
        conversationId: typing.conversationId,
        people: typing.typing.map((token) => ({ token, name: opened.sync.person(token).name })),
      })),
      opened.urgent.subscribe((change) => {
        const sounds = options.urgent?.(change, opened) ?? true;
        emit('urgentAlerts', { alerts: change.alerts, count: change.alerts.length, sound: sounds && change.alerting.length > 0 });
      }),
      opened.subscribeConnection((connection) => {
        emit('connection', connection);
        // A refused sign-in pauses sending: the banner says so.
        emit('outbox', opened.outbox.summary());
      }),
    ];
    let closing: Promise<void> | undefined;
    closeRuntime = () => {
      closing ??= (async () => {
        for (const stop of unsubscribe) stop();
        if (runtime === opened) runtime = null;
        if (runtimeAccount === account.id) runtimeAccount = null;
        options.released?.(opened);
        await opened.close();
      })();
      return closing;
    };
    // The session closes it before a sign-out, a switch or a wipe touches the account's files.
    session.holdOpen(account.id, closeRuntime);
    // The host closed while the account was opening: nothing may keep running for it.
    if (closed) {
      await closeRuntime();
      return;
    }
    await opened.start();
    options.started?.(opened);
  };

  // The window learns of a new account only once its runtime is open, so its first reading
  // calls find it; it is told the state as it is then, which may have moved on meanwhile.
  let lastTold: string | null = null;
  const currentView = () => windowSession(sessionView(session.state, options.lock), unavailable);
  const tellSession = (view = currentView()) => {
    lastTold = JSON.stringify(view);
    emit('session', view);
  };
  options.lock.subscribe(() => {
    // An account still opening is told once open (or once it could not be), as below; a lock
    // that changed nothing the window sees is not told again.
    const opening = session.state.kind === 'signed-in' && runtime === null && unavailable === null;
    if (session.state.kind !== 'signed-in' || opening) return;
    const view = currentView();
    if (JSON.stringify(view) !== lastTold) tellSession(view);
  });
  session.subscribe((state) => {
    const opensNow = state.kind === 'signed-in' && runtimeAccount !== state.account.id && !closed;
    if (!opensNow) tellSession();
    if (opensNow) {
      const { account } = state;
      unavailable = null;
      opening = openRuntime(account).catch((error: unknown) => {
        options.log.error('could not open the account', { error: (error as Error).message });
        if (runtime === null) runtimeAccount = null;
        const reason = unavailableReason(error);
        unavailable = { accountId: account.id, reason };
        // The cause stays for error-codes.ts: a lock held elsewhere is a kind the window tells apart.
        throw new AccountUnavailableError(reason, { cause: error });
      });
      opening.then(() => tellSession(), () => tellSession());
    } else if (state.kind === 'credentials-rejected') {
      // A fresh sign-in opens a new runtime: this one refuses to reconnect.
      void closeRuntime();
    }
  });

  return {
    current: () => runtime,
    ready: () => opening,
    async close() {
      closed = true;
      // An account still opening would otherwise start after its window is gone.
      await opening.catch(() => undefined);
      await closeRuntime();
    },
  };
}
