/**
 * Names and avatars for conversations, which the v2 roster and messages do not always carry:
 * the roster (`GET /v2/roster`) at start, then a lookup (`lookupUser`, `getGroup`,
 * `getDistributionList`) for each person or group first seen in a message and each list whose
 * size is not known. Each token is asked about at most once per
 * session, one request at a time, so a burst of messages costs one lookup per sender.
 */
import type { DistributionList, Group, RosterEntity, User } from '../api/types';
import type { Logger } from '../log/logger';
import type { Store } from '../store';
import { isKnownGroup, isNamedUser } from './people-writes';
import { lookupsFor, storeRosterEntity } from './roster-entries';

export interface DirectoryApi {
  getRoster(options?: { organizationKey?: string }): Promise<RosterEntity[]>;
  lookupUser(address: string): Promise<User>;
  getGroup(token: string): Promise<Group>;
  getDistributionList(token: string): Promise<DistributionList>;
}

export interface DirectoryOptions {
  store: Store;
  api: DirectoryApi;
  me: string;
  /** Where a conversation the roster places in no organization belongs (see conversation-identity). */
  homeOrganization: string | null;
  log: Logger;
  /** Writes, in a transaction, what the server said of people, and tells the window (sync's rememberPeople). */
  rememberPeople(users: readonly User[]): void;
  /** The same for a group (sync's rememberGroup). */
  rememberGroup(group: Group): void;
  /** The same for a distribution list (its name and size). */
  rememberList(list: DistributionList): void;
  /** Conversations and people whose names or avatars the roster just wrote (called after the commit). */
  rosterStored(stored: { conversations: string[]; people: string[] }): void;
}

export interface Directory {
  /**
   * Creates a conversation for every roster entry of each organization (the roster is read in
   * each; with none given, once, in the connection's) and stores the names the roster gives.
   */
  loadRoster(organizations: readonly string[]): Promise<void>;
  /** Looks up, later, whoever of these the store cannot name yet (a list: whose size it does not know). */
  want(wanted: { users?: Iterable<string>; groups?: Iterable<string>; lists?: Iterable<string> }): void;
  /** Resolves once every lookup asked for so far has finished. */
  idle(): Promise<void>;
  stop(): void;
}

type Lookup = { kind: 'user' | 'group' | 'list'; token: string };

export function createDirectory(options: DirectoryOptions): Directory {
  const { store, api, me, log } = options;
  const asked = new Set<string>();
  const queue: Lookup[] = [];
  let working: Promise<void> | undefined;
  let stopped = false;

  const lookUp = async (lookup: Lookup) => {
    try {
      if (lookup.kind === 'user') {
        const user = await api.lookupUser(lookup.token);
        if (stopped) return;
        options.rememberPeople([user]);
      } else if (lookup.kind === 'group') {
        const group = await api.getGroup(lookup.token);
        if (stopped) return;
        options.rememberGroup(group);
      } else {
        const list = await api.getDistributionList(lookup.token);
        if (stopped) return;
        options.rememberList(list);
      }
    } catch (error) {
      // Not asked again this session: the conversation keeps showing the token meanwhile.
      log.warn(`looking up a ${lookup.kind} failed`, { token: lookup.token, error: (error as Error).message });
    }
  };

  const work = () => {
    working ??= (async () => {
      for (let next = queue.shift(); next !== undefined && !stopped; next = queue.shift()) await lookUp(next);
    })().finally(() => {
      working = undefined;
    });
  };

  const directory: Directory = {
    async loadRoster(organizations) {
      const asked = organizations.length === 0 ? [undefined] : organizations;
      const rosters = await Promise.all(asked.map(async (organizationKey) => ({
        organizationKey: organizationKey ?? null,
        entities: await api.getRoster(organizationKey === undefined ? {} : { organizationKey }),
      })));
      if (stopped) return;
      const entities = rosters.flatMap((roster) => roster.entities);
      const conversations = store.transaction(() => rosters.flatMap(({ organizationKey, entities: listed }) =>
        listed.map((entity) => storeRosterEntity(store, entity, organizationKey ?? entity.organization_key ?? null, options.homeOrganization))));
      options.rosterStored({
        conversations,
        people: entities.filter((entity) => entity.type === 'tigertext:entity:account').map((entity) => entity.token),
      });
      directory.want(lookupsFor(entities));
    },
    want(wanted) {
      for (const token of wanted.users ?? []) {
        if (token === me || asked.has(`user:${token}`) || isNamedUser(store, token)) continue;
        asked.add(`user:${token}`);
        queue.push({ kind: 'user', token });
      }
      for (const token of wanted.groups ?? []) {
        if (asked.has(`group:${token}`) || isKnownGroup(store, token)) continue;
        asked.add(`group:${token}`);
        queue.push({ kind: 'group', token });
      }
      for (const token of wanted.lists ?? []) {
        if (asked.has(`list:${token}`) || (store.distributionLists.get(token)?.totalMembers ?? null) !== null) continue;
        asked.add(`list:${token}`);
        queue.push({ kind: 'list', token });
      }
      if (queue.length > 0 && !stopped) work();
    },
    async idle() {
      while (working !== undefined) await working;
    },
    stop() {
      stopped = true;
      queue.length = 0;
    },
  };
  return directory;
}
