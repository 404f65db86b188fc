/**
 * Distribution lists ("Beyond the seed" in API.md): made by the admin route (and the demo
 * seed), read by `GET /v2/dist_list/{token}`, shown on their holders' rosters; a message to one
 * is sent by messaging.ts.
 */
import { randomUUID } from 'node:crypto';
import type { SandboxContext } from './context';
import { badRequest, forbidden, notFound } from './errors';
import { announceFriend, listEntry } from './roster-entries';
import { findAccountByUserId } from './sessions';
import type { AccountRow } from './store/accounts';
import type { DistributionListRow } from './store/distribution-lists';

export interface NewDistributionList {
  name: string;
  organizationKey: string;
  /** Addresses (tokens, emails, usernames) of the people a message to the list reaches. */
  members: readonly string[];
  /** Addresses of the people who may send to the list. */
  holders: readonly string[];
  avatar?: string;
}

/** The people `field` names, each once; every one must exist and belong to the organization (else a 400 naming the field and the entry). */
function peopleIn(ctx: SandboxContext, field: string, addresses: readonly string[], organizationKey: string): AccountRow[] {
  const people = new Map<string, AccountRow>();
  for (const address of addresses) {
    const shown = JSON.stringify(address.slice(0, 80));
    const person = findAccountByUserId(ctx, address);
    if (person === undefined) throw badRequest(`field "${field}": unknown person ${shown}`);
    if (!ctx.accounts.isMember(person.token, organizationKey)) {
      throw badRequest(`field "${field}": ${shown} is not in organization ${organizationKey}`);
    }
    people.set(person.token, person);
  }
  return [...people.values()];
}

/** Makes a list; each holder's sessions hear `friends` `add` with it. */
export function createDistributionList(ctx: SandboxContext, request: NewDistributionList): DistributionListRow {
  const members = peopleIn(ctx, 'members', request.members, request.organizationKey);
  const holders = peopleIn(ctx, 'holders', request.holders, request.organizationKey);
  const row: DistributionListRow = {
    token: randomUUID(),
    organization_key: request.organizationKey,
    name: request.name.trim(),
    avatar: request.avatar ?? null,
    created_time: ctx.now(),
  };
  ctx.fanout.write(() => {
    ctx.distributionLists.insert(row);
    for (const member of members) ctx.distributionLists.addMember(row.token, member.token);
    for (const holder of holders) ctx.distributionLists.addHolder(row.token, holder.token);
    const entry = listEntry(ctx, row);
    for (const holder of holders) announceFriend(ctx, holder.token, 'add', row.organization_key, entry);
  });
  return row;
}

/** Lets more people send to a list; each new holder hears `friends` `add` (one already holding it, nothing). */
export function addHolders(ctx: SandboxContext, list: DistributionListRow, addresses: readonly string[]): void {
  const holders = peopleIn(ctx, 'holders', addresses, list.organization_key);
  ctx.fanout.write(() => {
    const entry = listEntry(ctx, list);
    for (const holder of holders) {
      if (ctx.distributionLists.addHolder(list.token, holder.token)) announceFriend(ctx, holder.token, 'add', list.organization_key, entry);
    }
  });
}

/** Stops people sending to a list; each who held it hears `friends` `del` (one who did not, nothing). */
export function removeHolders(ctx: SandboxContext, list: DistributionListRow, addresses: readonly string[]): void {
  const holders = peopleIn(ctx, 'holders', addresses, list.organization_key);
  ctx.fanout.write(() => {
    const entry = listEntry(ctx, list);
    for (const holder of holders) {
      if (ctx.distributionLists.removeHolder(list.token, holder.token)) announceFriend(ctx, holder.token, 'del', list.organization_key, entry);
    }
  });
}

/** A list the caller may read: one of an organization they belong to; unknown is a 404. */
export function readableList(ctx: SandboxContext, token: string, caller: AccountRow): DistributionListRow {
  const list = ctx.distributionLists.get(token);
  if (list === undefined) throw notFound(`unknown distribution list: ${token}`);
  if (!ctx.accounts.isMember(caller.token, list.organization_key)) {
    throw forbidden(`distribution list ${token} is in organization ${list.organization_key}, which you do not belong to`);
  }
  return list;
}
