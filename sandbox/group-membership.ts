import { randomUUID } from 'node:crypto';
import { requireMember, resolveAccount } from './addresses';
import { adoptFile, avatarPath } from './attachments';
import type { SandboxContext } from './context';
import { GROUP_TYPE, groupEntity } from './entities';
import { badRequest, forbidden, notFound } from './errors';
import { queueMessage } from './history';
import { findAccountByUserId } from './sessions';
import type { UploadedFile } from './input';
import type { AccountRow } from './store/accounts';
import type { GroupRow } from './store/groups';

export interface NewGroup {
  name: string;
  members: readonly string[];
  replayHistory: boolean;
  organizationKey: string;
  avatar?: UploadedFile;
}

export function describeGroup(ctx: SandboxContext, group: GroupRow) {
  return groupEntity(group, ctx.groups.members(group.token), ctx.baseUrl());
}

/** A group the caller belongs to; a deleted or unknown one is a 404. */
export function memberGroup(ctx: SandboxContext, token: string, caller: string): GroupRow {
  const group = ctx.groups.get(token);
  if (group === undefined || group.deleted === 1) throw notFound(`unknown group: ${token}`);
  if (!ctx.groups.isMember(token, caller)) throw forbidden(`you are not a member of group ${token}`);
  return group;
}

/** Creates a group with its creator as a member; every member hears of it by an `update` event. */
export function createGroup(ctx: SandboxContext, caller: AccountRow, request: NewGroup): GroupRow {
  if (request.name.trim() === '') throw badRequest('field "name" is required');
  if (request.avatar !== undefined && !request.avatar.mimetype.startsWith('image/')) {
    throw badRequest(`avatar must be an image, not ${request.avatar.mimetype}`);
  }
  const token = randomUUID();
  return ctx.fanout.write(() => {
    const members = request.members.map((address) =>
      requireMember(ctx, resolveAccount(ctx, address, request.organizationKey), request.organizationKey, 'members'),
    );
    const now = ctx.now();
    const group: GroupRow = {
      token,
      organization_key: request.organizationKey,
      name: request.name.trim(),
      created_by: caller.token,
      created_time: now,
      replay_history: request.replayHistory ? 1 : 0,
      avatar_type: request.avatar?.mimetype ?? null,
      deleted: 0,
    };
    ctx.groups.insert(group);
    for (const account of [caller, ...members]) ctx.groups.addMember(token, account.token, now);
    if (request.avatar !== undefined) adoptFile(request.avatar.path, avatarPath(ctx.paths, token));
    const entity = describeGroup(ctx, group);
    ctx.fanout.deliver(entity.members, 'update', { type: GROUP_TYPE, ...entity });
    return group;
  });
}

function bang(event: 'added' | 'removed', subject: string, group: GroupRow, caller: string) {
  return { event, subject_entity: subject, target_entity: group.token, caller_entity: caller, organization_id: group.organization_key };
}

/**
 * Adds members; each member (new ones included) gets a `bang` per person added. With
 * `replay_history`, a new member also receives the group's earlier messages.
 */
export function addMembers(ctx: SandboxContext, caller: AccountRow, group: GroupRow, addresses: readonly string[]): void {
  ctx.fanout.write(() => {
    const now = ctx.now();
    const added = addresses
      .map((address) => requireMember(ctx, resolveAccount(ctx, address, group.organization_key), group.organization_key, 'members'))
      .filter((account) => ctx.groups.addMember(group.token, account.token, now));
    const members = ctx.groups.members(group.token);
    for (const account of added) {
      ctx.fanout.deliver(members, 'bang', bang('added', account.token, group, caller.token));
      if (group.replay_history !== 1) continue;
      for (const message of ctx.messages.groupHistory(group.token)) {
        if (message.sender_token !== account.token) ctx.messages.addRecipient(message.token, account.token, now);
        for (const key of ctx.accounts.sessionKeysOf(account.token)) queueMessage(ctx, message, account.token, key);
      }
    }
  });
}

/** Removes members; the remaining members and each removed person get a `bang`. */
export function removeMembers(
  ctx: SandboxContext,
  caller: AccountRow,
  group: GroupRow,
  addresses: readonly string[],
): void {
  const accounts = addresses.map((address) => {
    const account = findAccountByUserId(ctx, address);
    if (account === undefined) throw notFound(`unknown user: ${address}`);
    return account;
  });
  ctx.fanout.write(() => {
    for (const account of accounts) {
      if (!ctx.groups.removeMember(group.token, account.token)) continue;
      ctx.fanout.deliver(
        [...ctx.groups.members(group.token), account.token],
        'bang',
        bang('removed', account.token, group, caller.token),
      );
    }
  });
}

/** Deleting is idempotent: an already deleted group answers as if deleted now. */
export function deleteGroup(ctx: SandboxContext, caller: AccountRow, token: string): void {
  const group = ctx.groups.get(token);
  if (group === undefined) throw notFound(`unknown group: ${token}`);
  if (group.deleted === 1) return;
  if (!ctx.groups.isMember(token, caller.token)) throw forbidden(`you are not a member of group ${token}`);
  ctx.fanout.write(() => {
    for (const member of ctx.groups.members(token)) {
      ctx.fanout.deliver([member], 'bang', bang('removed', member, group, caller.token));
    }
    ctx.groups.markDeleted(token);
  });
}
