/**
 * Names and avatars for conversations, which the v2 roster and messages do not always carry:
 * the roster (`GET /v2/roster`) at start, then a lookup (`lookupUser`, `getGroup`) for each
 * person or group first seen in a message. Each token is asked about at most once per
 * session, one request at a time, so a burst of messages costs one lookup per sender.
 */
import type { Group, RosterEntity, User } from '../api/types';
import type { Logger } from '../log/logger';
import { conversationIdOf, type Store } from '../store';
import { isKnownGroup, isNamedUser } from './people-writes';

export interface DirectoryApi {
  getRoster(options?: { organizationKey?: string }): Promise<RosterEntity[]>;
  lookupUser(address: string): Promise<User>;
  getGroup(token: string): Promise<Group>;
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
  /** Conversations and people whose names or avatars the roster just wrote (called after the commit). */
  rosterStored(stored: { conversations: string[]; people: string[] }): void;
}

export interface Directory {
  /**
   * Creates a conversation for every roster entry of each organization (the roster is read in
   * each; with none given, once, in the connection's) and stores the names the roster gives.
   */
  loadRoster(organizations: readonly string[]): Promise<void>;
  /** Looks up, later, whoever of these the store cannot name yet. */
  want(wanted: { users?: Iterable<string>; groups?: Iterable<string> }): void;
  /** Resolves once every lookup asked for so far has finished. */
  idle(): Promise<void>;
  stop(): void;
}

type Lookup = { kind: 'user' | 'group'; token: string };

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
      } else {
        const group = await api.getGroup(lookup.token);
        if (stopped) return;
        options.rememberGroup(group);
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
      const stored = store.transaction(() => rosters.flatMap(({ organizationKey, entities: listed }) =>
        listed.flatMap((entity) => storeRosterEntity(store, entity, organizationKey ?? entity.organization_key ?? null, options.homeOrganization))));
      const skipped = entities.length - stored.length;
      if (skipped > 0) log.info('roster entries that are not a person or group were left out', { count: skipped });
      options.rosterStored({
        conversations: stored.map((entry) => entry.conversationId),
        people: stored.filter((entry) => entry.entity.type === 'tigertext:entity:account').map((entry) => entry.entity.token),
      });
      directory.want({
        users: entities.filter((e) => e.type === 'tigertext:entity:account' && e.display_name === undefined).map((e) => e.token),
        groups: entities.filter((e) => e.type === 'tigertext:entity:group').map((e) => e.token),
      });
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

/**
 * Stores a roster entry of `organizationKey`'s roster as a conversation held there; returns it
 * with its conversation's id when it is a conversation here, else nothing.
 */
function storeRosterEntity(
  store: Store,
  entity: RosterEntity,
  organizationKey: string | null,
  homeOrganization: string | null,
): { entity: RosterEntity; conversationId: string }[] {
  switch (entity.type) {
    case 'tigertext:entity:account': {
      store.people.upsertUser({
        token: entity.token,
        displayName: entity.display_name ?? null,
        avatar: entity.avatar ?? null,
        organizationKey: entity.organization_key ?? null,
      });
      const id = conversationIdOf({ kind: 'user', peer: entity.token, organizationKey }, homeOrganization);
      store.conversations.upsert({ id, kind: 'user', peerToken: entity.token, name: entity.display_name ?? null, organizationKey });
      return [{ entity, conversationId: id }];
    }
    case 'tigertext:entity:group':
      if (entity.name !== undefined) {
        store.people.upsertGroup({ token: entity.token, name: entity.name, avatar: entity.avatar ?? null, organizationKey });
      }
      store.conversations.upsert({ id: entity.token, kind: 'group', name: entity.name ?? null, organizationKey });
      return [{ entity, conversationId: entity.token }];
    case 'tigertext:entity:distribution_list':
      return [];
  }
}
