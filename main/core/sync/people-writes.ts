/** Users and groups as the API describes them, written to the store. Call inside a transaction. */
import type { Group, User } from '../api/types';
import type { GroupInput, Store, UserInput } from '../store';
import { knownNameOf } from '../store/display-name';
import { timeFromWire } from './message-mapping';

export function userInputOf(user: User): UserInput {
  return {
    token: user.token,
    displayName: user.display_name ?? null,
    firstName: user.first_name ?? null,
    lastName: user.last_name ?? null,
    username: user.username ?? null,
    avatar: user.avatar ?? null,
    title: user.title ?? null,
    department: user.department ?? null,
    status: user.status ?? null,
    ...(user.dnd === undefined ? {} : { dnd: user.dnd }),
    dndText: user.dnd_text ?? null,
    organizationKey: user.organization_key ?? null,
  };
}

export function groupInputOf(group: Group): GroupInput {
  return {
    token: group.token,
    name: group.name,
    avatar: group.avatar ?? null,
    createdBy: group.created_by ?? null,
    createdTime: timeFromWire(group.created_time),
    ...(group.replay_history === undefined ? {} : { replayHistory: group.replay_history }),
    numMembers: group.num_members ?? null,
  };
}

/** Whether the store knows what to call this person. */
export function isNamedUser(store: Store, token: string): boolean {
  return knownNameOf(store.people.user(token)) !== null;
}

export function isKnownGroup(store: Store, token: string): boolean {
  return store.people.group(token) !== undefined;
}

export function conversationExists(store: Store, id: string): boolean {
  return store.statements.prepare('SELECT 1 FROM conversations WHERE id = ?').get(id) !== undefined;
}

/**
 * Stores a group and, when the description lists members, exactly those members. A group
 * this user is in gets its conversation (shown again if it was hidden).
 */
export function storeGroup(store: Store, group: Group, me: string): void {
  store.people.upsertGroup(groupInputOf(group));
  if (group.members.length > 0) {
    const listed = new Set(group.members);
    store.people.removeMembers(group.token, store.people.members(group.token).filter((member) => !listed.has(member)));
    store.people.addMembers(group.token, group.members);
  }
  const member = group.members.includes(me);
  const conversation = { id: group.token, kind: 'group' as const, name: group.name, organizationKey: group.organization_key ?? null };
  if (member) {
    store.conversations.upsert(conversation);
    store.conversations.setHidden(group.token, false);
  } else if (conversationExists(store, group.token)) {
    store.conversations.upsert(conversation);
  }
}

/** Stores a user and refreshes the name of the 1:1 conversations with them, in every organization. */
export function storeUser(store: Store, user: User): void {
  store.people.upsertUser(userInputOf(user));
  store.conversations.renamePeer('user', user.token, knownNameOf(store.people.user(user.token)));
}
