/**
 * What the server says of a person, a group or a distribution list (a lookup, a reply, an update event) written to
 * the store, with what the window now shows differently noted for the change set: a person
 * whose card reads otherwise, a conversation whose roster line or members changed. Call inside
 * a transaction, and emit the collector after the commit.
 */
import type { DistributionList, Group, User } from '../api/types';
import type { Store } from '../store';
import type { ChangeCollector } from './change-collector';
import { conversationExists, storeGroup, storeUser } from './people-writes';
import { toPersonView } from './views';

export interface Noting {
  changes: ChangeCollector;
  /** The conversation's roster line as it is now, compared before and after the write. */
  summaryOf(conversationId: string): string;
}

export function rememberUser(store: Store, user: User, noting: Noting): void {
  const person = personOf(store, user.token);
  // A person in several organizations has a conversation in each.
  const conversations = store.conversations.idsWithPeer(user.token);
  const summaries = conversations.map((id) => noting.summaryOf(id));
  storeUser(store, user);
  if (personOf(store, user.token) !== person) noting.changes.personChanged(user.token);
  conversations.forEach((id, index) => {
    if (noting.summaryOf(id) !== summaries[index]) noting.changes.conversationChanged(id);
  });
}

export function rememberGroup(store: Store, group: Group, me: string, noting: Noting): void {
  const summary = noting.summaryOf(group.token);
  const members = store.people.members(group.token).join('\n');
  storeGroup(store, group, me);
  // A group's card lists its members: the window showing it learns of them through the conversation.
  const membersChanged = store.people.members(group.token).join('\n') !== members && conversationExists(store, group.token);
  if (noting.summaryOf(group.token) !== summary || membersChanged) noting.changes.conversationChanged(group.token);
}

/** A distribution list's name and size: its conversation (held while it is on the roster) shows them. */
export function rememberList(store: Store, list: DistributionList, noting: Noting): void {
  const summary = noting.summaryOf(list.token);
  store.distributionLists.upsert({
    token: list.token,
    name: list.display_name,
    totalMembers: list.total_members,
    avatar: list.avatar ?? null,
    organizationKey: list.organization_key ?? null,
  });
  if (noting.summaryOf(list.token) !== summary) noting.changes.conversationChanged(list.token);
}

function personOf(store: Store, token: string): string {
  return JSON.stringify(toPersonView(store.people.user(token), token));
}
