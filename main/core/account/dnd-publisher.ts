/**
 * Tells the server the app's Do Not Disturb (the switch or the schedule) and its message, so
 * that colleagues see it (API.md, "Own profile and DND"). One send at a time, each sending the
 * state as it is when it starts, so the last change wins whatever the order replies come back
 * in. Nothing is sent when the server already holds that state, as the own user's row last
 * heard from it says. A send that fails is tried again at the next `publish`: a change, the
 * connection coming back, the next start.
 */
import type { ApiClient } from '../api';
import type { Logger } from '../log/logger';
import type { Store } from '../store';
import type { Sync } from '../sync/sync';

export interface DoNotDisturbState {
  on: boolean;
  /** The message colleagues see while it is on; may be empty. */
  text: string;
}

export interface PublishingAccount {
  account: { userToken: string };
  api: Pick<ApiClient, 'updateSettings'>;
  store: Pick<Store, 'people'>;
  sync: Pick<Sync, 'rememberPeople'>;
}

export interface DoNotDisturbPublisher {
  /** Sends the wanted state to this account's server unless it holds it already; resolves once done or failed. */
  publish(account: PublishingAccount): Promise<void>;
}

export function createDoNotDisturbPublisher(wanted: () => DoNotDisturbState, log: Logger): DoNotDisturbPublisher {
  let chain: Promise<void> = Promise.resolve();
  return {
    publish(account) {
      chain = chain.then(() => publishNow(account, wanted())).catch((error: unknown) => {
        log.warn('could not tell the server of Do Not Disturb; it is tried again at the next change or reconnect', { error: (error as Error).message });
      });
      return chain;
    },
  };
}

async function publishNow(account: PublishingAccount, state: DoNotDisturbState): Promise<void> {
  const me = account.account.userToken;
  const held = account.store.people.user(me);
  if (held !== undefined && held.dnd === state.on && (held.dndText ?? '') === state.text) return;
  const user = await account.api.updateSettings(me, { dnd: state.on, dndText: state.text });
  account.sync.rememberPeople([user]);
}
