import type { ConversationKind } from './messages';
import type { Statements } from './statements';

export class Conversations {
  private readonly sql: Statements;

  constructor(sql: Statements) {
    this.sql = sql;
  }

  /** Adds a roster entry, or refreshes its name; activity and flags are left as they are. */
  upsert(entry: { id: string; kind: ConversationKind; name?: string | null; organizationKey?: string | null }): void {
    this.sql.prepare(
      `INSERT INTO conversations (id, kind, name, organization_key) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = coalesce(excluded.name, name),
         organization_key = coalesce(excluded.organization_key, organization_key)`,
    ).run(entry.id, entry.kind, entry.name ?? null, entry.organizationKey ?? null);
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
