/**
 * Roster entries, from `GET /v2/roster` and from `friends` events, written to the store as the
 * conversations they are. Call inside a transaction.
 */
import type { RosterEntity } from '../api/types';
import { conversationIdOf, type ConversationKind, type Store } from '../store';

/** Stores an entry of `organizationKey`'s roster as a conversation held there; returns the conversation's id. */
export function storeRosterEntity(store: Store, entity: RosterEntity, organizationKey: string | null, homeOrganization: string | null): string {
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
      return id;
    }
    case 'tigertext:entity:group':
      if (entity.name !== undefined) {
        store.people.upsertGroup({ token: entity.token, name: entity.name, avatar: entity.avatar ?? null, organizationKey });
      }
      store.conversations.upsert({ id: entity.token, kind: 'group', name: entity.name ?? null, organizationKey });
      return entity.token;
    case 'tigertext:entity:distribution_list': {
      const name = entity.display_name ?? entity.name ?? null;
      // Held as a list even unnamed: a message to its token then goes in its conversation.
      store.distributionLists.upsert({
        token: entity.token,
        name: name ?? entity.token,
        totalMembers: entity.total_members ?? null,
        avatar: entity.avatar ?? null,
        organizationKey,
      });
      store.conversations.upsert({ id: entity.token, kind: 'list', name, organizationKey });
      return entity.token;
    }
  }
}

/** What a `del` names: the entry's token, its type when given, and the organization whose roster lost it. */
export interface RosterRemoval {
  token: string;
  type: string | undefined;
  organizationKey: string | null;
}

/**
 * Takes an entry off the roster without erasing anything: a conversation that holds nothing
 * (no message, draft or queued work) goes; one that does is only hidden, and shows again when
 * a message arrives in it. A list is no longer held, so nothing more is sent to it. Groups
 * leave through membership events, not here. Returns the conversation taken off, if any.
 */
export function dropRosterEntry(store: Store, removal: RosterRemoval, homeOrganization: string | null): string | undefined {
  const kind = kindOfType(removal.type);
  if (kind === 'group') return undefined;
  const candidates: ConversationKind[] = kind === undefined ? ['user', 'list'] : [kind];
  for (const candidate of candidates) {
    const id = conversationIdOf({ kind: candidate, peer: removal.token, organizationKey: removal.organizationKey }, homeOrganization);
    const held = store.conversations.identityOf(id);
    if (held === undefined || held.kind !== candidate) continue;
    if (candidate === 'list') store.distributionLists.remove(removal.token);
    if (holdsNothing(store, id)) {
      store.statements.prepare('DELETE FROM conversation_preferences WHERE conversation_id = ?').run(id);
      store.statements.prepare('DELETE FROM drafts WHERE conversation_id = ?').run(id);
      store.statements.prepare('DELETE FROM conversations WHERE id = ?').run(id);
    } else {
      store.conversations.setHidden(id, true);
    }
    return id;
  }
  return undefined;
}

const kindsOfEntities: Record<RosterEntity['type'], ConversationKind> = {
  'tigertext:entity:account': 'user',
  'tigertext:entity:group': 'group',
  'tigertext:entity:distribution_list': 'list',
};

/** The kind of conversation a roster entity is. */
export function conversationKindOf(type: RosterEntity['type']): ConversationKind {
  return kindsOfEntities[type];
}

/** The same for a type as an event names it, which may be missing or one this client does not know. */
function kindOfType(type: string | undefined): ConversationKind | undefined {
  return type !== undefined && Object.hasOwn(kindsOfEntities, type) ? conversationKindOf(type as RosterEntity['type']) : undefined;
}

function holdsNothing(store: Store, id: string): boolean {
  const held = store.statements.prepare<{ n: number }>(
    `SELECT (SELECT count(*) FROM messages WHERE conversation_id = ?)
          + (SELECT count(*) FROM outbox_jobs WHERE conversation_id = ? AND state IN ('pending', 'running', 'failed')) AS n`,
  ).get(id, id)!.n;
  return held === 0 && (store.drafts.get(id) ?? '').trim() === '';
}

/** What roster entries leave unsaid: a person's name, a group's members, a list's size. */
export function lookupsFor(entities: readonly RosterEntity[]): { users: string[]; groups: string[]; lists: string[] } {
  const tokensOf = (type: RosterEntity['type'], lacking: (entity: RosterEntity) => boolean) =>
    entities.filter((entity) => entity.type === type && lacking(entity)).map((entity) => entity.token);
  return {
    users: tokensOf('tigertext:entity:account', (entity) => entity.display_name === undefined),
    groups: tokensOf('tigertext:entity:group', () => true),
    lists: tokensOf('tigertext:entity:distribution_list', (entity) => entity.total_members === undefined),
  };
}
