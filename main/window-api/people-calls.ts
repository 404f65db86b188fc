// The people calls of the IPC contract: finding someone to write to (directory search), one
// person's card, and the picture of a person or group. The people held locally (everyone on
// the roster or seen in a message) answer first, and a server out of reach leaves the local
// answer standing.
import { saidOf } from '../../i18n/said-error';
import { userText } from '../../i18n/user-text';
import type { AvatarImage, AvatarKind } from '../../preload/contract';
import { ApiError, avatarAddress } from '../core/api';
import { heldMatches, organizationsToSearch, searchDirectory } from '../core/sync/directory-search';
import { isNamedUser } from '../core/sync/people-writes';
import type { CallHandlers } from './answer-call';
import { isNotFound, isOffline, requireRuntime } from './runtime-calls';
import type { CallRuntime, CurrentRuntime } from './runtime-calls';
import { CallRefusal } from './call-refusal';

export type PeopleCalls = Pick<CallHandlers, 'searchDirectory' | 'person' | 'avatar'>;

/** A lookup typed into a search box must not hold the results up for the client's full timeout. */
const lookupTimeoutMs = 5_000;

const emailAddress = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phoneNumber = /^\+?[\d\s().-]{7,20}$/;

export interface PeopleCallsOptions {
  /** The managed settings' avatarHosts: besides the account's own server, the only picture hosts (absent: any https host). */
  avatarHosts?: readonly string[] | undefined;
}

export function peopleCalls(current: CurrentRuntime, options: PeopleCallsOptions = {}): PeopleCalls {
  const runtime = () => requireRuntime(current);
  // One cache per account runtime: another account may see other pictures under the same tokens.
  const avatars = new WeakMap<CallRuntime, AvatarCache>();
  return {
    avatar({ kind, token }) {
      const account = runtime();
      const address = storedAvatarAddress(account, kind, token);
      if (address === null) return null;
      let cache = avatars.get(account);
      if (cache === undefined) avatars.set(account, (cache = new AvatarCache(heldAvatarBytes)));
      return cache.get(`${kind}:${token}`, address, () => downloadAvatar(account, address, options.avatarHosts));
    },
    async searchDirectory({ query, organizationKey, kinds, continuation }) {
      const account = runtime();
      const typed = query.trim();
      const context = { store: account.store, api: account.api, me: account.account.userToken, homeOrganization: account.account.organization.token };
      let organizations;
      try {
        organizations = organizationsToSearch(account.store, context.homeOrganization, organizationKey);
      } catch (error) {
        if (error instanceof RangeError) throw new CallRefusal('not-found', saidOf(error));
        throw error;
      }
      const page = await searchDirectory(context, {
        typed,
        organizations,
        kinds: kinds ?? ['person', 'group'],
        continuation,
        signal: AbortSignal.timeout(lookupTimeoutMs),
      });
      const address = continuation === undefined && (kinds ?? ['person']).includes('person') ? exactAddress(typed) : null;
      if (address === null || page.offline) return page;
      // An exact email or phone number is looked up too: the server may not search by phone.
      const found = await lookUp(account, address).catch((error: unknown) => {
        if (error instanceof ApiError) return null;
        throw error;
      });
      if (found === null || found === account.account.userToken) return page;
      const person = heldMatches(context, { typed: '', organizations: [account.store.people.user(found)?.organizationKey ?? context.homeOrganization], kinds: ['person'] })
        .find((result) => result.token === found);
      if (person === undefined) return page;
      return { ...page, results: [person, ...page.results.filter((result) => !(result.kind === 'person' && result.token === found && result.organizationKey === person.organizationKey))] };
    },
    async person({ token }) {
      const account = runtime();
      if (isNamedUser(account.store, token)) return account.sync.person(token);
      try {
        return account.sync.person(await lookUp(account, token));
      } catch (error) {
        // Held without a name (seen only in a presence or a receipt): shown by token, as the roster does.
        if (account.store.people.user(token) !== undefined) return account.sync.person(token);
        if (isNotFound(error)) throw new CallRefusal('not-found', userText('error.no-person', { person: token }));
        if (isOffline(error)) throw new CallRefusal('offline', userText('error.person-unknown-offline', { person: token }));
        throw error;
      }
    },
  };
}

/** An email address (lower-cased) or a phone number (without spacing), as the server looks them up. */
function exactAddress(typed: string): string | null {
  if (emailAddress.test(typed)) return typed.toLowerCase();
  if (phoneNumber.test(typed)) return typed.replace(/[\s().-]/g, '');
  return null;
}

/** Asks the server, and keeps the answer so that the person has a name from now on (the window hears of it). */
async function lookUp(account: CallRuntime, address: string): Promise<string> {
  const user = await account.api.lookupUser(address, { signal: AbortSignal.timeout(lookupTimeoutMs) });
  account.sync.rememberPeople([user]);
  return user.token;
}

/** A picture the size of an avatar needs far less; more is refused, not cut. */
export const largestAvatarBytes = 1024 * 1024;
/** Pictures held for the session; past this the least recently asked for are dropped. */
const heldAvatarBytes = 32 * 1024 * 1024;
const avatarTimeoutMs = 10_000;

/** The address the server gave for the picture, as stored; null when it gave none. */
function storedAvatarAddress(account: CallRuntime, kind: AvatarKind, token: string): string | null {
  const stored = kind === 'person' ? account.store.people.user(token)?.avatar : account.store.people.group(token)?.avatar;
  return stored === undefined || stored === null || stored.trim() === '' ? null : stored.trim();
}

/**
 * The picture's bytes; null when the server has none (404, 410). The client decides where it
 * may be fetched from and whether its credentials go along (see getAvatar); errors here name
 * the origin only, as the client's do: a path may hold a signature.
 */
async function downloadAvatar(account: CallRuntime, address: string, allowedHosts: readonly string[] | undefined): Promise<AvatarImage | null> {
  const origin = avatarAddress(address, account.account.server, allowedHosts).url.origin;
  try {
    return await account.api.getAvatar(address, { maxBytes: largestAvatarBytes, allowedHosts, signal: AbortSignal.timeout(avatarTimeoutMs) });
  } catch (error) {
    throw avatarFailure(error, origin);
  }
}

/** The client's error in the window's words: what the server said, or that it could not be reached. */
function avatarFailure(error: unknown, origin: string): Error {
  if (!(error instanceof ApiError)) return error as Error;
  const { status, detail } = error;
  const redirected = status !== undefined && status >= 300 && status <= 399;
  if (redirected || (error.kind !== 'http' && error.kind !== 'bad-response')) {
    return new CallRefusal('offline', userText('error.avatar-unreachable', { origin }));
  }
  if (status !== undefined) return new CallRefusal('refused', userText('error.avatar-refused', { origin, status }));
  return new CallRefusal('refused', detail === undefined ? userText('error.avatar-unreadable', { origin }) : userText('error.avatar-bad', { origin, detail }));
}

/**
 * Avatars by token for the session, each with the address it came from (a new address is
 * fetched anew). A failure is not kept, so the next ask tries again; "none" (null) is kept.
 */
class AvatarCache {
  private readonly entries = new Map<string, { address: string; answer: Promise<AvatarImage | null>; size: number }>();
  private total = 0;
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  get(key: string, address: string, fetchAnswer: () => Promise<AvatarImage | null>): Promise<AvatarImage | null> {
    const held = this.entries.get(key);
    if (held !== undefined) this.remove(key);
    // Put back last: the map's order is least recently asked for first.
    if (held !== undefined && held.address === address) {
      this.entries.set(key, held);
      this.total += held.size;
      return held.answer;
    }
    const entry = { address, answer: fetchAnswer(), size: 0 };
    this.entries.set(key, entry);
    entry.answer.then(
      (image) => {
        if (this.entries.get(key) !== entry) return;
        entry.size = image?.bytes.byteLength ?? 0;
        this.total += entry.size;
        this.trim();
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.answer;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.total -= entry.size;
  }

  private trim(): void {
    for (const key of this.entries.keys()) {
      if (this.total <= this.limit) return;
      this.remove(key);
    }
  }
}
