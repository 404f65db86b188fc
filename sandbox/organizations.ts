import { randomUUID } from 'node:crypto';
import type { SandboxContext } from './context';
import { organizationEntity } from './entities';
import { readSettingChanges, settingsOf } from './organization-settings';
import type { OrganizationRow } from './store/accounts';

/** What `account:settings` names when an organization's settings change (API.md, "Organizations"). */
export const ORGANIZATION_SETTINGS_SERVICE = 'tigertext:iq:update:org_settings';

export function describeOrganization(ctx: SandboxContext, organization: OrganizationRow) {
  return organizationEntity(
    organization,
    ctx.accounts.memberCount(organization.token),
    settingsOf(organization, ctx.accounts.storedSettings(organization.token)),
  );
}

/** A new organization with no members, no longest lifetime, and messages that never expire by default (API.md: `ttl` -1). */
export function createOrganization(ctx: SandboxContext, name: string): OrganizationRow {
  const token = randomUUID();
  ctx.accounts.ensureOrganization({ token, name, max_ttl: null, default_ttl: -1 });
  return ctx.accounts.organization(token)!;
}

/** Stores the changed settings and tells every member's devices to read the organizations again. */
export function changeOrganizationSettings(ctx: SandboxContext, organization: OrganizationRow, fields: Record<string, unknown>): void {
  const changes = readSettingChanges(fields, organization);
  ctx.fanout.write(() => {
    ctx.accounts.changeSettings(organization.token, changes);
    ctx.fanout.deliver(ctx.accounts.membersOf(organization.token), 'account:settings', {
      services: [ORGANIZATION_SETTINGS_SERVICE],
      organization_id: organization.token,
    });
  });
}
