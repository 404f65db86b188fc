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
  checkAvatar(request.avatar);
  const token = randomUUID();
  return ctx.fanout.write(() => {
    const members = request.members.map((address) =>
      requireMember(ctx, resolveAccount(ctx, address, request.organizationKey), request.organizationKey, 'members'),
    );
    const now = ctx.now();
    const row = {
      token,
      organization_key: request.organizationKey,
      name: request.name.trim(),
      created_by: caller.token,
      created_time: now,
      replay_history: request.replayHistory ? 1 : 0,
      avatar_type: request.avatar?.mimetype ?? null,
      deleted: 0,
    };
    ctx.groups.insert(row);
    const group = ctx.groups.get(token)!;
    for (const account of [caller, ...members]) ctx.groups.addMember(token, account.token, now);
    if (request.avatar !== undefined) adoptFile(request.avatar.path, avatarPath(ctx.paths, token));
    const entity = describeGroup(ctx, group);
    ctx.fanout.deliver(entity.members, 'update', { type: GROUP_TYPE, ...entity });
    return group;
  });
}

export interface GroupUpdate {
  name?: string;
  /** The whole new list of members (addresses or tokens). */
  members?: readonly string[];
  replayHistory?: boolean;
  avatar?: UploadedFile;
}

/**
 * `POST /group/{token}`: renames, replaces the members, changes the picture. Everyone who was or
 * now is a member hears of it by one `update` event with the group as it now stands.
 */
export function updateGroup(ctx: SandboxContext, group: GroupRow, change: GroupUpdate): GroupRow {
  const name = change.name?.trim();
  if (name === '') throw badRequest('field "name" must not be empty');
  if (name !== undefined && name.length > maxGroupName) throw badRequest(`field "name" must be at most ${maxGroupName} characters`);
  if (change.members !== undefined && change.members.length === 0) throw badRequest('field "members" must name at least one member');
  checkAvatar(change.avatar);
  if (name === undefined && change.members === undefined && change.replayHistory === undefined && change.avatar === undefined) {
    throw badRequest('nothing to change: give "name", "members", "replay_history" or "avatar"');
  }
  return ctx.fanout.write(() => {
    const before = ctx.groups.members(group.token);
    if (change.members !== undefined) {
      const after = new Set(change.members.map((address) => resolveAccount(ctx, address, group.organization_key).token));
      const now = ctx.now();
      for (const member of before) if (!after.has(member)) ctx.groups.removeMember(group.token, member);
      for (const member of after) ctx.groups.addMember(group.token, member, now);
    }
    const updated = ctx.groups.update(group.token, {
      ...(name === undefined ? {} : { name }),
      ...(change.replayHistory === undefined ? {} : { replay_history: change.replayHistory }),
      ...(change.avatar === undefined ? {} : { avatar_type: change.avatar.mimetype }),
    });
    if (change.avatar !== undefined) adoptFile(change.avatar.path, avatarPath(ctx.paths, group.token));
    const entity = describeGroup(ctx, updated);
    ctx.fanout.deliver([...before, ...entity.members], 'update', { type: GROUP_TYPE, ...entity });
    return updated;
  });
}

const maxGroupName = 100;

function checkAvatar(avatar: UploadedFile | undefined): void {
  if (avatar !== undefined && !avatar.mimetype.startsWith('image/')) {
    throw badRequest(`avatar must be an image, not ${avatar.mimetype}`);
  }
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
