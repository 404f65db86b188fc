import type { FastifyRequest } from 'fastify';
import type { SandboxContext } from './context';
import { forbidden, notFound } from './errors';
import { optionalString } from './fields';
import { findAccountByUserId, looksLikeEmail, looksLikePhone, normalizePhone } from './sessions';
import type { AccountRow, OrganizationRow } from './store/accounts';
import type { DistributionListRow } from './store/distribution-lists';
import type { GroupRow } from './store/groups';

export type Recipient =
  | { kind: 'account'; account: AccountRow }
  | { kind: 'group'; group: GroupRow }
  | { kind: 'list'; list: DistributionListRow };

/**
 * A user address (token, email, phone, username). An unknown email or phone gets a new account
 * in the given organization, as the real service does; an unknown token is a 404.
 */
export function resolveAccount(ctx: SandboxContext, address: string, organizationKey: string): AccountRow {
  const found = findAccountByUserId(ctx, address);
  if (found !== undefined) return found;
  const text = address.trim();
  if (looksLikeEmail(text)) {
    const email = text.toLowerCase();
    return ctx.accounts.create(
      { organization_key: organizationKey, display_name: email, email, username: null },
      ctx.now(),
    );
  }
  if (looksLikePhone(text)) {
    const phone = normalizePhone(text);
    return ctx.accounts.create({ organization_key: organizationKey, display_name: phone, phone }, ctx.now());
  }
  throw notFound(`unknown user: ${address}`);
}

/** A group or a distribution list is addressed by its bare token in the same field as a person. */
export function resolveRecipient(ctx: SandboxContext, address: string, organizationKey: string): Recipient {
  const group = ctx.groups.get(address.trim());
  if (group !== undefined) {
    if (group.deleted === 1) throw notFound(`group ${group.token} was deleted`);
    return { kind: 'group', group };
  }
  const list = ctx.distributionLists.get(address.trim());
  if (list !== undefined) return { kind: 'list', list };
  return { kind: 'account', account: resolveAccount(ctx, address, organizationKey) };
}

export function requireOrganization(ctx: SandboxContext, token: string, field: string): OrganizationRow {
  const organization = ctx.accounts.organization(token);
  if (organization === undefined) throw notFound(`unknown organization in "${field}": ${token}`);
  return organization;
}

/** A 403 naming `field` unless the account belongs to the organization. */
export function requireMember(ctx: SandboxContext, account: AccountRow, organizationKey: string, field: string): AccountRow {
  if (ctx.accounts.isMember(account.token, organizationKey)) return account;
  throw forbidden(`"${field}": user ${account.token} is not in organization ${organizationKey}`);
}

/** The organization a caller names in `field` (absent: their home one); they must belong to it. */
export function callerMembership(ctx: SandboxContext, caller: AccountRow, given: string | undefined, field: string): OrganizationRow {
  const organization = requireOrganization(ctx, given ?? caller.organization_key, field);
  if (!ctx.accounts.isMember(caller.token, organization.token)) {
    throw forbidden(`"${field}": you do not belong to organization ${organization.token}`);
  }
  return organization;
}

/**
 * The organization a call acts in: header `TT-X-Organization-Key`, or the same name (or
 * `organization_key`) as a parameter; the caller's home organization when none is given.
 */
export function callerOrganization(
  ctx: SandboxContext,
  request: FastifyRequest,
  fields: Record<string, unknown>,
  caller: AccountRow,
): OrganizationRow {
  const header = request.headers['tt-x-organization-key'];
  const given =
    (typeof header === 'string' && header !== '' ? header : undefined) ??
    nonEmpty(optionalString(fields, 'TT-X-Organization-Key')) ??
    nonEmpty(optionalString(fields, 'organization_key'));
  return callerMembership(ctx, caller, given, 'TT-X-Organization-Key');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}
