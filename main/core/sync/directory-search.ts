/**
 * Directory search as the window and the CLI use it: the people and groups held here that
 * match first, then the server's (`POST /v2/search`) a page at a time, without showing anyone
 * twice; when the server cannot be reached, only those held, with a flag that says so.
 */
import { userText } from '../../../i18n/user-text';
import { SaidRangeError } from './said-range-error';
import type { DirectoryKind, DirectoryPage, DirectoryResult } from '../../../preload/contract';
import { ApiError } from '../api';
import type { ApiClient, Group, SearchResult, SearchType, User } from '../api';
import type { Store } from '../store';
import { displayNameOf, knownNameOf } from '../store/display-name';
import { matchesTyped, wordsOf } from './directory-match';

export interface DirectorySearchContext {
  store: Store;
  api: Pick<ApiClient, 'searchDirectory'>;
  /** The user's own token: never found. */
  me: string;
  /** Where a person or group held without an organization belongs: the one the account signed in with. */
  homeOrganization: string | null;
}

export interface DirectoryQuery {
  typed: string;
  /** The organizations to look in; at least one. */
  organizations: readonly string[];
  kinds: readonly DirectoryKind[];
  /** The previous page's; absent for the first page (the only one with the held results). */
  continuation?: string | undefined;
  pageSize?: number;
  signal?: AbortSignal;
}

/** The most results held here shown ahead of the server's. */
const mostHeld = 50;
/** Held rows read before the finer match: enough that a short word typed still finds the right ones. */
const heldCandidates = 500;

export async function searchDirectory(context: DirectorySearchContext, query: DirectoryQuery): Promise<DirectoryPage> {
  const held = query.continuation === undefined ? heldMatches(context, query) : [];
  let page;
  try {
    page = await context.api.searchDirectory(
      {
        types: query.kinds.map(searchTypeOf),
        directory: query.organizations,
        name: query.typed.trim(),
        ...(query.pageSize === undefined ? {} : { pageSize: query.pageSize }),
        ...(query.continuation === undefined ? {} : { continuation: query.continuation }),
      },
      query.signal === undefined ? {} : { signal: query.signal },
    );
  } catch (error) {
    if (unreachable(error)) return { results: held, continuation: null, offline: true };
    throw error;
  }
  const shown = new Set((query.continuation === undefined ? held : heldMatches(context, query)).map(resultKey));
  const fromServer = page.results
    .map((result) => serverResult(context, result))
    .filter((result) => !(result.kind === 'person' && result.token === context.me) && !shown.has(resultKey(result)));
  return { results: [...held, ...fromServer], continuation: page.metadata.continuation, offline: false };
}

/**
 * The organizations a search looks in: the one asked for, which must be one of the user's
 * (RangeError otherwise), or all of them (the one signed in with while the list was never read).
 */
export function organizationsToSearch(store: Store, homeOrganization: string, organizationKey: string | undefined): string[] {
  const mine = store.organizations.list().map((organization) => organization.token);
  const all = mine.length === 0 ? [homeOrganization] : mine;
  if (organizationKey === undefined) return all;
  if (!all.includes(organizationKey) && organizationKey !== homeOrganization) {
    throw new SaidRangeError(userText('error.not-in-organization', { organization: JSON.stringify(organizationKey.slice(0, 80)) }));
  }
  return [organizationKey];
}

/** The server cannot be reached or did not answer in time. */
function unreachable(error: unknown): boolean {
  return error instanceof ApiError && (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'aborted');
}

function searchTypeOf(kind: DirectoryKind): SearchType {
  return kind === 'person' ? 'account' : 'group';
}

/** The same person or group found in another organization is another result (another conversation). */
function resultKey(result: DirectoryResult): string {
  return JSON.stringify([result.kind, result.token, result.organizationKey]);
}

/** The people, then the groups, held here that match, in the organizations asked for. */
export function heldMatches(context: DirectorySearchContext, query: Pick<DirectoryQuery, 'typed' | 'organizations' | 'kinds'>): DirectoryResult[] {
  const { store } = context;
  const fragment = wordsOf(query.typed).reduce((longest, word) => (word.length > longest.length ? word : longest), '');
  const inAsked = (organization: string | null) => organization !== null && query.organizations.includes(organization);
  const people = !query.kinds.includes('person') ? [] : store.people.containing(fragment, { except: context.me, limit: heldCandidates })
    .filter((user) => matchesTyped(query.typed, [knownNameOf(user), user.firstName, user.lastName], [user.username]))
    .map((user): DirectoryResult => ({
      kind: 'person',
      token: user.token,
      name: displayNameOf(user, user.token),
      title: blankless(user.title),
      department: blankless(user.department),
      avatar: user.avatar,
      presence: user.presence,
      dnd: user.dnd,
      dndText: blankless(user.dndText),
      ...organizationOf(context, user.organizationKey ?? context.homeOrganization),
      held: true,
    }))
    .filter((person) => inAsked(person.organizationKey));
  const groups = !query.kinds.includes('group') ? [] : store.people.groupsContaining(fragment, { limit: heldCandidates })
    .filter((group) => matchesTyped(query.typed, [group.name]))
    .map((group): DirectoryResult => ({
      kind: 'group',
      token: group.token,
      name: group.name,
      avatar: group.avatar,
      members: group.numMembers,
      ...organizationOf(context, group.organizationKey ?? context.homeOrganization),
      held: true,
    }))
    .filter((group) => inAsked(group.organizationKey));
  return [...people, ...groups].slice(0, mostHeld);
}

function serverResult(context: DirectorySearchContext, result: SearchResult): DirectoryResult {
  if (result.type === 'tigertext:entity:account') return serverPerson(context, result.entity, result.organization_id);
  return serverGroup(context, result.entity, result.organization_id);
}

function serverPerson(context: DirectorySearchContext, user: User, organizationKey: string): DirectoryResult {
  return {
    kind: 'person',
    token: user.token,
    name: displayNameOf({ displayName: user.display_name, firstName: user.first_name, lastName: user.last_name, username: user.username }, user.token),
    title: blankless(user.title),
    department: blankless(user.department),
    avatar: blankless(user.avatar),
    presence: context.store.people.user(user.token)?.presence ?? 'unknown',
    dnd: user.dnd ?? false,
    dndText: blankless(user.dnd_text),
    ...organizationOf(context, organizationKey),
    held: false,
  };
}

function serverGroup(context: DirectorySearchContext, group: Group, organizationKey: string): DirectoryResult {
  return {
    kind: 'group',
    token: group.token,
    name: group.name,
    avatar: blankless(group.avatar),
    members: group.num_members ?? (group.members.length > 0 ? group.members.length : null),
    ...organizationOf(context, organizationKey),
    held: false,
  };
}

function organizationOf(context: DirectorySearchContext, organizationKey: string | null): { organizationKey: string | null; organizationName: string | null } {
  return { organizationKey, organizationName: organizationKey === null ? null : context.store.organizations.byToken(organizationKey)?.name ?? null };
}

function blankless(text: string | null | undefined): string | null {
  return text === undefined || text === null || text.trim() === '' ? null : text;
}
