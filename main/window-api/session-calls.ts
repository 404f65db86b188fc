// The session calls of the IPC contract, answered by the core's SessionManager under the
// managed policy: a server other than the one hospital IT set, or the sandbox where it is
// hidden, is refused before any network call.
import { saidOf } from '../../i18n/said-error';
import { userText } from '../../i18n/user-text';
import type { UserText } from '../../i18n/user-text';
import type { AccountView, LockState, SessionState as SessionView } from '../../preload/contract';
import { activeAccountId } from '../core/session';
import type { AccountSummary, SessionManager, SessionState } from '../core/session';
import type { ManagedPolicy } from '../core/settings/managed-policy';
import { checkServerAllowed, sandboxOffered, SettingsError } from '../core/settings/preferences';
import type { CallHandlers } from './answer-call';

export type SessionCalls = Pick<
  CallHandlers,
  'sessionState' | 'signInWithPassword' | 'signInWithKey' | 'trySandbox' | 'signOut' | 'accounts' | 'switchAccount'
>;

export interface SessionCallsOptions {
  session: Pick<SessionManager, 'state' | 'signInWithPassword' | 'signInWithKey' | 'signOut' | 'accounts' | 'switchTo'>;
  policy: ManagedPolicy;
  /** Starts the embedded sandbox (or finds it running) and names its demo user. */
  startSandbox(): Promise<{ apiUrl: string; demoUser: { userId: string; password: string } }>;
  /**
   * Resolves once the runtime of the account just signed in to (or switched to) is open: a
   * sign-in answers only then, so the window's first reading call finds the account there.
   * Rejects when it could not be opened, with a reason the window may show.
   */
  accountReady(): Promise<void>;
  /** The window's lock over the active account (main/core/lock). */
  lock: LockSource;
}

/** The lock as the session's view reads it: null while no account is signed in. */
export interface LockSource {
  state(): LockState | null;
}

export function sessionCalls({ session, policy, startSandbox, accountReady, lock }: SessionCallsOptions): SessionCalls {
  const active = () => activeAccountId(session.state);
  const view = (summary: AccountSummary): AccountView => accountView(summary, active());
  const ready = async (summary: AccountSummary): Promise<AccountView> => {
    await accountReady();
    return view(summary);
  };
  return {
    // Like the host's session event: a signed-in account is told once it is open, or with why it could not be.
    async sessionState() {
      const view = sessionView(session.state, lock);
      if (view.kind !== 'signed-in') return view;
      let unavailable: UserText | undefined;
      await accountReady().catch((error: unknown) => {
        unavailable = saidOf(error);
      });
      const now = sessionView(session.state, lock);
      // The session may have moved on while the account was opening: only its own failure is told.
      return unavailable !== undefined && now.kind === 'signed-in' && now.account.id === view.account.id ? { ...now, unavailable } : now;
    },
    async signInWithPassword(input) {
      checkServerAllowed(input.server, policy);
      return ready(await session.signInWithPassword(input));
    },
    async signInWithKey(input) {
      checkServerAllowed(input.server, policy);
      return ready(await session.signInWithKey(input));
    },
    async trySandbox() {
      if (!sandboxOffered(policy)) throw new SettingsError(userText('settings-error.sandbox-not-offered'));
      const sandbox = await startSandbox();
      // The person never typed the demo user's password: it does not unlock the window (a PIN does).
      return ready(await session.signInWithPassword({ server: sandbox.apiUrl, ...sandbox.demoUser }, { passwordUnlocks: false }));
    },
    async signOut() {
      await session.signOut();
      return { ok: true };
    },
    accounts: async () => (await session.accounts()).map(view),
    switchAccount: async ({ accountId }) => ready(await session.switchTo(accountId)),
  };
}

export function accountView(summary: AccountSummary, activeId: string | null): AccountView {
  return { id: summary.id, displayName: summary.displayName, server: summary.server, active: summary.id === activeId };
}

/** Until the lock's record of a new account is read, the window counts it as locked. */
const lockBeingRead: LockState = { locked: true, method: null, hasPin: false, hasPassword: false, pinTriesLeft: null, retryAt: null };

/** The session as the window sees it: no secret store details, no cause codes beyond a reason, the lock without its verifiers. */
export function sessionView(state: SessionState, lock: LockSource): SessionView {
  switch (state.kind) {
    case 'signed-out':
      return { kind: 'signed-out' };
    case 'signed-in':
      return { kind: 'signed-in', account: accountView(state.account, state.account.id), lock: lock.state() ?? lockBeingRead };
    case 'credentials-rejected':
      return { kind: 'credentials-rejected', accountId: state.account.id };
    case 'keychain-unavailable':
      return { kind: 'keychain-unavailable', reason: state.said };
  }
}
