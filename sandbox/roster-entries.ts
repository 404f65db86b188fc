/**
 * What a roster shows for a person or a distribution list, and the `friends` events ("Roster
 * changes" in API.md) that tell every session of an account its roster gained or lost an entry.
 * Groups are not told this way: their membership has `bang` and `update` events.
 * What stores events (announceFriend and its callers) runs inside `fanout.write`.
 */
import type { SandboxContext } from './context';
import { ACCOUNT_TYPE, DISTRIBUTION_LIST_TYPE, distributionListEntity, userEntity } from './entities';
import type { AccountRow } from './store/accounts';
import type { DistributionListRow } from './store/distribution-lists';

/** A roster entry: its namespace as `type`, then the entity's fields. */
export interface RosterEntry {
  type: string;
  token: string;
  [field: string]: unknown;
}

/** A person as the roster of `organizationKey` shows them. */
export function personEntry(ctx: SandboxContext, person: AccountRow, organizationKey: string): RosterEntry {
  return { type: ACCOUNT_TYPE, ...userEntity(person, ctx.baseUrl(), organizationKey) };
}

export function listEntry(ctx: SandboxContext, list: DistributionListRow): RosterEntry {
  return { type: DISTRIBUTION_LIST_TYPE, ...distributionListEntity(list, ctx.distributionLists.members(list.token).length) };
}

/** The stored `friends` event: `add` carries the whole entry, `del` its type and token. */
export function announceFriend(
  ctx: SandboxContext,
  accountToken: string,
  action: 'add' | 'del',
  organizationKey: string,
  entry: RosterEntry,
): void {
  const entity = action === 'add' ? entry : { type: entry.type, token: entry.token };
  ctx.fanout.deliver([accountToken], 'friends', { friend: { action, organization_id: organizationKey, ...entity } });
}

/** Puts a person on an account's roster in one organization; true (and `add`) when they were not on it. */
export function addPersonToRoster(ctx: SandboxContext, accountToken: string, organizationKey: string, person: AccountRow): boolean {
  if (!ctx.roster.add(accountToken, organizationKey, person.token)) return false;
  announceFriend(ctx, accountToken, 'add', organizationKey, personEntry(ctx, person, organizationKey));
  return true;
}

/** Takes a person off an account's roster in one organization; true (and `del`) when they were on it. */
export function removePersonFromRoster(ctx: SandboxContext, accountToken: string, organizationKey: string, person: AccountRow): boolean {
  if (!ctx.roster.remove(accountToken, organizationKey, person.token)) return false;
  announceFriend(ctx, accountToken, 'del', organizationKey, { type: ACCOUNT_TYPE, token: person.token });
  return true;
}
