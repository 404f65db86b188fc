import { createHash } from 'node:crypto';
import type { SandboxContext } from './context';
import { ACCOUNT_TYPE, GROUP_TYPE, groupEntity, userEntity } from './entities';
import { badRequest } from './errors';
import type { AccountRow, OrganizationRow } from './store/accounts';
import type { GroupRow } from './store/groups';

/**
 * `POST /v2/search`: people and groups (and organizations) by name prefix in the directories
 * (organizations) asked for, a page at a time. The sandbox holds no public groups or
 * distribution lists, so those types are accepted and find nothing.
 */
export const SEARCH_TYPES = ['account', 'group', 'public_group', 'distribution_list', 'organization'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const DEFAULT_PAGE_SIZE = 20;
export const LARGEST_PAGE_SIZE = 100;

export interface DirectorySearch {
  types: readonly SearchType[];
  directory: readonly string[];
  /** What `bool.must.display_name` asked for; '' matches everyone. */
  typed: string;
  resultsFormat: 'entities' | 'tokens';
  pageSize: number;
  continuation: string | undefined;
}

export interface SearchReply {
  results: { type: string; entity: unknown; organization_id: string }[];
  metadata: { continuation: string | null; first_hit: number; total_hits: number };
}

/** The organizations an account belongs to (its memberships, home first): the one place search asks. */
function organizationsOf(ctx: SandboxContext, account: AccountRow): string[] {
  return ctx.accounts.organizationsOf(account.token).map((organization) => organization.token);
}

/** True when every word typed starts a word of the name, or the whole of it starts the email or username; any case. */
function matchesTyped(typed: string, names: readonly string[], addresses: readonly (string | null)[]): boolean {
  const wanted = words(typed);
  if (wanted.length === 0) return true;
  const nameWords = names.flatMap(words);
  if (wanted.every((word) => nameWords.some((candidate) => candidate.startsWith(word)))) return true;
  const whole = typed.trim().toLowerCase();
  return addresses.some((address) => address !== null && address.toLowerCase().startsWith(whole));
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[\s,.'-]+/).filter((word) => word !== '');
}

type Hit = { type: string; token: string; name: string; organization: string; entity: () => unknown };

export function searchDirectory(ctx: SandboxContext, caller: AccountRow, search: DirectorySearch): SearchReply {
  const callerOrganizations = new Set(organizationsOf(ctx, caller));
  const outside = search.directory.find((token) => !callerOrganizations.has(token));
  if (outside !== undefined) throw badRequest(`field "directory": you do not belong to organization ${outside}`);
  const directory = new Set(search.directory);
  const hits: Hit[] = [];
  if (search.types.includes('account')) {
    for (const account of ctx.accounts.everyone()) {
      if (!matchesTyped(search.typed, [account.display_name, account.first_name, account.last_name], [account.email, account.username])) continue;
      for (const organization of organizationsOf(ctx, account).filter((token) => directory.has(token))) {
        hits.push({ type: ACCOUNT_TYPE, token: account.token, name: account.display_name, organization, entity: () => userEntity(account, ctx.baseUrl()) });
      }
    }
  }
  if (search.types.includes('group')) {
    // Only groups the caller belongs to: the sandbox's groups are all private.
    for (const group of ctx.groups.groupsOf(caller.token)) {
      if (!directory.has(group.organization_key) || !matchesTyped(search.typed, [group.name], [])) continue;
      hits.push(groupHit(ctx, group));
    }
  }
  if (search.types.includes('organization')) {
    for (const token of directory) {
      const organization = ctx.accounts.organization(token);
      if (organization !== undefined && matchesTyped(search.typed, [organization.name], [])) hits.push(organizationHit(organization));
    }
  }
  hits.sort((a, b) => compareText(a.name, b.name) || compareText(a.token, b.token) || compareText(a.organization, b.organization));
  const fingerprint = searchFingerprint(search);
  const first = search.continuation === undefined ? 0 : readContinuation(search.continuation, fingerprint);
  const page = hits.slice(first, first + search.pageSize);
  const next = first + page.length;
  return {
    results: page.map((hit) => ({
      type: hit.type,
      entity: search.resultsFormat === 'tokens' ? hit.token : hit.entity(),
      organization_id: hit.organization,
    })),
    metadata: {
      continuation: next < hits.length ? writeContinuation(next, fingerprint) : null,
      first_hit: first,
      total_hits: hits.length,
    },
  };
}

function groupHit(ctx: SandboxContext, group: GroupRow): Hit {
  return {
    type: GROUP_TYPE,
    token: group.token,
    name: group.name,
    organization: group.organization_key,
    entity: () => groupEntity(group, ctx.groups.members(group.token), ctx.baseUrl()),
  };
}

function organizationHit(organization: OrganizationRow): Hit {
  return {
    type: 'tigertext:entity:organization',
    token: organization.token,
    name: organization.name,
    organization: organization.token,
    entity: () => ({ token: organization.token, name: organization.name }),
  };
}

function compareText(a: string, b: string): number {
  const folded = a.toLowerCase().localeCompare(b.toLowerCase());
  return folded !== 0 ? folded : a < b ? -1 : a > b ? 1 : 0;
}

/** The continuation names the search it continues, so that one cannot page through another. */
function searchFingerprint(search: DirectorySearch): string {
  const asked = JSON.stringify([[...search.types].sort(), [...search.directory].sort(), search.typed.trim().toLowerCase()]);
  return createHash('sha256').update(asked).digest('base64url').slice(0, 16);
}

function writeContinuation(next: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ next, search: fingerprint })).toString('base64url');
}

function readContinuation(continuation: string, fingerprint: string): number {
  let read: unknown;
  try {
    read = JSON.parse(Buffer.from(continuation, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('field "continuation" is not one this server gave');
  }
  const { next, search } = (typeof read === 'object' && read !== null ? read : {}) as { next?: unknown; search?: unknown };
  if (typeof next !== 'number' || !Number.isSafeInteger(next) || next < 0) throw badRequest('field "continuation" is not one this server gave');
  if (search !== fingerprint) throw badRequest('field "continuation" belongs to another search');
  return next;
}
