import { signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import type { UserText } from '../../../i18n/user-text';
import type { AccountView, SessionState, TigerApi } from '../../../preload/contract';

export type SessionStore = {
  /** null until main has answered. */
  readonly state: ReadonlySignal<SessionState | null>;
  readonly accounts: ReadonlySignal<readonly AccountView[]>;
  /** Records the state only; AppState.applySession also loads or clears the account's data. */
  set(state: SessionState): void;
  refreshAccounts(): Promise<void>;
};

type SessionApi = Pick<TigerApi, 'accounts'>;

/** The signed-in account whose data main could not open, and why; null when there is none. */
export function unavailableAccount(state: SessionState | null): { account: AccountView; reason: UserText } | null {
  return state?.kind === 'signed-in' && state.unavailable !== undefined ? { account: state.account, reason: state.unavailable } : null;
}

export function createSessionStore(api: SessionApi): SessionStore {
  const state = signal<SessionState | null>(null);
  const accounts = signal<readonly AccountView[]>([]);
  const refreshAccounts = async (): Promise<void> => {
    accounts.value = await api.accounts();
  };
  return {
    state,
    accounts,
    set(next) {
      state.value = next;
    },
    refreshAccounts,
  };
}
