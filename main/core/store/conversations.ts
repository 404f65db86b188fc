import type { ConversationIdentity } from './conversation-identity';
import type { ConversationKind } from './messages';
import type { Statements } from './statements';

export class Conversations {
  private readonly sql: Statements;

  constructor(sql: Statements) {
    this.sql = sql;
  }

  /**
   * Adds a roster entry, or refreshes its name; activity and flags are left as they are. The
   * counterparty defaults to the id (as before several organizations). Callers name the
   * organization the conversation is held in (see conversation-identity), not a person's own.
   */
  upsert(entry: { id: string; kind: ConversationKind; peerToken?: string; name?: string | null; organizationKey?: string | null }): void {
    this.sql.prepare(
      `INSERT INTO conversations (id, kind, peer_token, name, organization_key) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = coalesce(excluded.name, name),
         organization_key = coalesce(excluded.organization_key, organization_key)`,
    ).run(entry.id, entry.kind, entry.peerToken ?? entry.id, entry.name ?? null, entry.organizationKey ?? null);
  }

  /**
   * Gives every conversation not yet placed in an organization the account's home one: rows
   * written before several organizations, and those created before the organization was known.
   */
  adoptOrganization(homeOrganization: string): number {
    return this.sql.prepare('UPDATE conversations SET organization_key = ? WHERE organization_key IS NULL').run(homeOrganization).changes;
  }

  /** The conversations with this person or group, in whichever organizations. */
  idsWithPeer(peer: string): string[] {
    return this.sql.prepare<{ id: string }>('SELECT id FROM conversations WHERE peer_token = ? ORDER BY id').all(peer).map((row) => row.id);
  }

  /** Refreshes the name cached for every conversation with this counterparty. */
  renamePeer(kind: ConversationKind, peer: string, name: string | null): void {
    this.sql.prepare('UPDATE conversations SET name = coalesce(?, name) WHERE kind = ? AND peer_token = ?').run(name, kind, peer);
  }

  /** Who a conversation is with and where, or undefined for a conversation not held. */
  identityOf(id: string): ConversationIdentity | undefined {
    return this.sql.prepare<{ kind: ConversationKind; peer: string; organizationKey: string | null }>(
      'SELECT kind, coalesce(peer_token, id) AS peer, organization_key AS organizationKey FROM conversations WHERE id = ?',
    ).get(id);
  }

  setMuted(id: string, muted: boolean): void {
    this.sql.prepare('UPDATE conversations SET muted = ? WHERE id = ?').run(muted ? 1 : 0, id);
  }

  /** Hidden conversations come back when a new message arrives in them. */
  setHidden(id: string, hidden: boolean): void {
    this.sql.prepare('UPDATE conversations SET hidden = ? WHERE id = ?').run(hidden ? 1 : 0, id);
  }

  /** Every unread incoming message across conversations that are not muted: the badge. */
  unreadTotal(): number {
    return this.sql.prepare<{ n: number }>(
      `SELECT count(*) AS n FROM messages m INDEXED BY messages_unread JOIN conversations c ON c.id = m.conversation_id
       WHERE m.direction = 'in' AND m.read_at IS NULL AND m.is_recalled = 0 AND c.muted = 0`,
    ).get()!.n;
  }
}
