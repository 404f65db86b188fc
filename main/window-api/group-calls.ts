// The group calls of the IPC contract. Membership changes (adding, removing, leaving) go
// through the outbox: stored first, sent when the server can be reached, and listed as
// pending until then (the outbox's own list). Creating, renaming, changing the picture and
// deleting a group call the server directly (a new group's token comes from the server; a
// name or picture shown here before the server took it could be refused), so offline they
// are refused with a plain reason. The group as the server now holds it is kept at once; the
// other members hear of it by the server's `update` event.
import { userText } from '../../i18n/user-text';
import type { ConversationSummary } from '../../preload/contract';
import type { Group, GroupUpdateInput } from '../core/api';
import { isNamedUser } from '../core/sync/people-writes';
import type { CallHandlers } from './answer-call';
import { isNotFound, isOffline, requireRuntime, throughServer } from './runtime-calls';
import type { CallRuntime, CurrentRuntime, ServerOperation } from './runtime-calls';
import { CallRefusal } from './call-refusal';

export type GroupCalls = Pick<
  CallHandlers,
  'createGroup' | 'groupInfo' | 'pendingMemberChanges' | 'renameGroup' | 'setGroupAvatar' | 'addGroupMembers' | 'removeGroupMembers' | 'leaveGroup' | 'deleteGroup'
>;

export function groupCalls(current: CurrentRuntime): GroupCalls {
  const runtime = () => requireRuntime(current);
  return {
    async createGroup({ name, members, replayHistory, avatar, organizationKey }) {
      const account = runtime();
      const group = await throughServer('group_create', () =>
        account.api.createGroup({
          name,
          members,
          ...(replayHistory === undefined ? {} : { replayHistory }),
          ...(avatar === undefined ? {} : { avatar }),
        }, organizationKey === undefined ? {} : { organizationKey }),
      );
      // The creator is a member whether or not the reply lists them; the group is held in the
      // organization it was made in, whether or not the reply names it.
      const withMe = {
        ...group,
        members: group.members.includes(account.account.userToken) ? group.members : [...group.members, account.account.userToken],
        organization_key: group.organization_key ?? organizationKey ?? account.account.organization.token,
      };
      account.sync.rememberGroup(withMe);
      return summaryOf(account, group);
    },
    async groupInfo({ groupId }) {
      const account = runtime();
      const held = account.store.people.group(groupId);
      const group = held ?? (await fetchGroup(account, groupId));
      const members = account.store.people.members(groupId);
      await nameMembers(account, members);
      return { id: groupId, name: group.name, avatar: group.avatar ?? null, members: members.map((token) => account.sync.person(token)) };
    },
    pendingMemberChanges({ groupId }) {
      const account = runtime();
      return account.outbox.pendingMemberChanges(groupId).map(({ member, change, failed }) => ({ person: account.sync.person(member), change, failed }));
    },
    async renameGroup({ groupId, name }) {
      await updateGroup(runtime(), groupId, 'group_rename', { name });
      return { ok: true };
    },
    async setGroupAvatar({ groupId, avatar }) {
      await updateGroup(runtime(), groupId, 'group_picture', { avatar });
      return { ok: true };
    },
    addGroupMembers({ groupId, members }) {
      runtime().outbox.changeGroupMembers(groupId, 'add', members);
      return { ok: true };
    },
    removeGroupMembers({ groupId, members }) {
      runtime().outbox.changeGroupMembers(groupId, 'remove', members);
      return { ok: true };
    },
    leaveGroup({ groupId }) {
      const account = runtime();
      account.outbox.changeGroupMembers(groupId, 'remove', [account.account.userToken]);
      return { ok: true };
    },
    async deleteGroup({ groupId }) {
      const account = runtime();
      // The server's `bang` to every member (this user too) removes the conversation here.
      await throughServer('group_delete', () => account.api.deleteGroup(groupId));
      return { ok: true };
    },
  };
}

/** A card shown at once: a few people at a time are asked for, the rest show by token until asked again. */
const mostLookups = 25;
const lookupTimeoutMs = 5_000;

/**
 * Members the store cannot name yet (added by someone else, never written to) are looked up
 * and kept in one write, so the window renames their messages once.
 */
async function nameMembers(account: CallRuntime, members: readonly string[]): Promise<void> {
  const unnamed = members.filter((token) => !isNamedUser(account.store, token)).slice(0, mostLookups);
  const found = await Promise.all(unnamed.map((token) =>
    // Offline or unknown: the member shows by token, as the roster does.
    account.api.lookupUser(token, { signal: AbortSignal.timeout(lookupTimeoutMs) }).catch(() => null)));
  const users = found.filter((user) => user !== null);
  if (users.length > 0) account.sync.rememberPeople(users);
}

/** Changes the group on the server, in the group's own organization, and keeps what the server answers. */
async function updateGroup(account: CallRuntime, groupId: string, what: ServerOperation, change: GroupUpdateInput): Promise<void> {
  const identity = account.store.conversations.identityOf(groupId);
  const organizationKey = identity?.organizationKey ?? undefined;
  const group = await throughServer(what, () =>
    account.api.updateGroup(identity?.peer ?? groupId, change, organizationKey === undefined ? {} : { organizationKey }));
  account.sync.rememberGroup({ ...group, organization_key: group.organization_key ?? organizationKey ?? account.account.organization.token });
}

/** A group not held yet: asked of the server and kept. */
async function fetchGroup(account: CallRuntime, token: string): Promise<Group> {
  try {
    const group = await account.api.getGroup(token);
    account.sync.rememberGroup(group);
    return group;
  } catch (error) {
    if (isNotFound(error)) throw new CallRefusal('not-found', userText('error.no-group', { group: token }));
    if (isOffline(error)) throw new CallRefusal('offline', userText('error.group-unknown-offline', { group: token }));
    throw error;
  }
}

function summaryOf(account: CallRuntime, group: Group): ConversationSummary {
  return (
    account.sync.summaries([group.token])[0] ?? {
      id: group.token,
      kind: 'group',
      peerToken: group.token,
      name: group.name,
      avatar: group.avatar ?? null,
      lastMessage: null,
      lastActivity: 0,
      unread: 0,
      unreadPriority: 0,
      mutedUntil: null,
      pinned: false,
      urgentWhenMuted: true,
      organizationKey: group.organization_key ?? null,
    }
  );
}
