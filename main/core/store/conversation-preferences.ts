import type { Statements } from './statements';

/**
 * What this computer alone keeps of a conversation (table conversation_preferences): whether
 * it is pinned to the top of the roster, and whether its urgent messages still alert while it
 * is muted. Neither goes to the server, so neither follows the user to another device.
 */
export class ConversationPreferences {
  private readonly sql: Statements;

  constructor(sql: Statements) {
    this.sql = sql;
  }

  /** Pins at `at` (null: unpins); returns whether anything changed. */
  setPinned(conversationId: string, at: number | null): boolean {
    const current = this.sql.prepare<{ pinned: number }>('SELECT pinned_at IS NOT NULL AS pinned FROM conversation_preferences WHERE conversation_id = ?')
      .get(conversationId);
    if ((current?.pinned === 1) === (at !== null)) return false;
    this.sql.prepare(
      `INSERT INTO conversation_preferences (conversation_id, pinned_at) VALUES (?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET pinned_at = excluded.pinned_at`,
    ).run(conversationId, at);
    return true;
  }

  /** Returns whether anything changed. */
  setUrgentWhenMuted(conversationId: string, alert: boolean): boolean {
    return this.sql.prepare(
      `INSERT INTO conversation_preferences (conversation_id, urgent_when_muted) VALUES (?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET urgent_when_muted = excluded.urgent_when_muted
       WHERE urgent_when_muted <> excluded.urgent_when_muted`,
    ).run(conversationId, alert ? 1 : 0).changes > 0;
  }
}
