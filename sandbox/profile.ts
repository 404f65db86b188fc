import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { adoptFile } from './attachments';
import type { SandboxContext, SandboxPaths } from './context';
import { ACCOUNT_TYPE, userEntity } from './entities';
import { badRequest } from './errors';
import type { UploadedFile } from './input';
import type { AccountRow, ProfileChange } from './store/accounts';

/** What `POST /user/{token}/settings` may carry (API.md, "Own profile and DND"): the profile's fields, and a picture file. */
export interface SettingsChange extends Omit<ProfileChange, 'avatar_type'> {
  /** A new picture, or null to remove the one uploaded (the drawn one shows again). */
  avatar?: UploadedFile | null;
}

const longest: Record<'first_name' | 'last_name' | 'display_name' | 'status' | 'dnd_text', number> = {
  first_name: 100,
  last_name: 100,
  display_name: 100,
  status: 500,
  dnd_text: 500,
};

/** A picture a person uploaded lives beside the group pictures, under a prefix no group token has. */
export function personAvatarPath(paths: SandboxPaths, accountToken: string): string {
  return join(paths.avatars, `person-${accountToken}`);
}

/**
 * Changes the caller's own profile. Everyone who may show this person (their roster, the people
 * whose roster holds them, their groups' members) gets an `update`; the person's own devices get
 * `account:settings`.
 */
export function changeSettings(ctx: SandboxContext, account: AccountRow, change: SettingsChange): AccountRow {
  const texts: ProfileChange = {};
  for (const field of Object.keys(longest) as (keyof typeof longest)[]) {
    const value = change[field];
    if (value === undefined) continue;
    const text = field === 'status' || field === 'dnd_text' ? value : value.trim();
    if (field === 'display_name' && text === '') throw badRequest('field "display_name" must not be empty');
    if (text.length > longest[field]) throw badRequest(`field "${field}" must be at most ${longest[field]} characters`);
    texts[field] = text;
  }
  if (change.avatar != null && !change.avatar.mimetype.startsWith('image/')) {
    throw badRequest(`avatar must be an image, not ${change.avatar.mimetype}`);
  }
  if (Object.keys(texts).length === 0 && change.dnd === undefined && change.avatar === undefined) {
    throw badRequest('nothing to change: give "first_name", "last_name", "display_name", "status", "dnd", "dnd_text" or "avatar"');
  }
  return ctx.fanout.write(() => {
    const updated = ctx.accounts.updateProfile(account.token, {
      ...texts,
      ...(change.dnd === undefined ? {} : { dnd: change.dnd }),
      ...(change.avatar === undefined ? {} : { avatar_type: change.avatar?.mimetype ?? null }),
    });
    if (change.avatar === null) rmSync(personAvatarPath(ctx.paths, account.token), { force: true });
    else if (change.avatar !== undefined) adoptFile(change.avatar.path, personAvatarPath(ctx.paths, account.token));
    const entity = userEntity(updated, ctx.baseUrl());
    ctx.fanout.deliver(onlookers(ctx, account.token), 'update', { type: ACCOUNT_TYPE, ...entity });
    ctx.fanout.deliver([account.token], 'account:settings', { services: ['tigertext:iq:update:account_settings'], ...entity });
    return updated;
  });
}

function onlookers(ctx: SandboxContext, token: string): Set<string> {
  const people = new Set(ctx.roster.watchers(token));
  for (const organization of ctx.accounts.organizationsOf(token)) for (const entity of ctx.roster.list(token, organization.token)) people.add(entity);
  for (const group of ctx.groups.groupsOf(token)) for (const member of ctx.groups.members(group.token)) people.add(member);
  people.delete(token);
  return people;
}
