// The own-profile calls of the IPC contract: the signed-in user's name, status text and
// picture. Read from the server when it answers (another device may have changed them), else
// as last heard; changed only through the server, whose answer is kept at once. Colleagues
// hear of a change through the server's `update` event.
import { userText } from '../../i18n/user-text';
import type { ProfileView } from '../../preload/contract';
import type { User as WireUser } from '../core/api';
import type { UserInput } from '../core/store/people';
import { userInputOf } from '../core/sync/people-writes';
import type { CallHandlers } from './answer-call';
import { CallRefusal } from './call-refusal';
import { isOffline, requireRuntime, throughServer } from './runtime-calls';
import type { CallRuntime, CurrentRuntime } from './runtime-calls';

export type ProfileCalls = Pick<CallHandlers, 'myProfile' | 'updateProfile'>;

export function profileCalls(current: CurrentRuntime): ProfileCalls {
  const runtime = () => requireRuntime(current);
  return {
    async myProfile() {
      const account = runtime();
      try {
        account.sync.rememberPeople([await account.api.getUser()]);
      } catch (error) {
        if (!isOffline(error)) throw error;
      }
      return heldProfile(account);
    },
    async updateProfile({ avatar, ...texts }) {
      const account = runtime();
      const user = await throughServer('profile_change', () =>
        account.api.updateSettings(account.account.userToken, { ...texts, ...(avatar === undefined ? {} : { avatar }) }));
      account.sync.rememberPeople([user]);
      return profileOf(user);
    },
  };
}

function heldProfile(account: CallRuntime): ProfileView {
  const me = account.account.userToken;
  const held = account.store.people.user(me);
  if (held === undefined) throw new CallRefusal('offline', userText('error.profile-unknown-offline'));
  return fromHeld(held);
}

/** The profile as the store holds a person, or as `userInputOf` reads one from the wire. */
function fromHeld(user: Pick<UserInput, 'token' | 'displayName' | 'firstName' | 'lastName' | 'status' | 'avatar' | 'dnd' | 'dndText'>): ProfileView {
  return {
    token: user.token,
    displayName: user.displayName ?? '',
    firstName: user.firstName ?? '',
    lastName: user.lastName ?? '',
    status: user.status ?? '',
    avatar: user.avatar ?? null,
    dnd: user.dnd ?? false,
    dndText: user.dndText ?? '',
  };
}

function profileOf(user: WireUser): ProfileView {
  return fromHeld(userInputOf(user));
}
