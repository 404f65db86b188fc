import { toFtsQuery } from './search-query';
import type { Statements } from './statements';

export interface SearchHit {
  messageId: number;
  conversationId: string;
  createdTime: number;
  /** The body around the match, the matched words between \u0002 and \u0003 for the renderer to mark. */
  snippet: string;
}

/** Full-text search over the bodies of the messages held (recalled and erased ones are not indexed). */
export class Search {
  private readonly sql: Statements;

  constructor(sql: Statements) {
    this.sql = sql;
  }

  messages(typed: string, options: { limit: number; conversationId?: string }): SearchHit[] {
    const query = toFtsQuery(typed);
    if (query === null) return [];
    return this.sql.prepare<SearchHit>(
      `SELECT m.id AS messageId, m.conversation_id AS conversationId, m.created_time AS createdTime,
         snippet(messages_fts, 0, char(2), char(3), '…', 12) AS snippet
       FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
       WHERE messages_fts MATCH ? AND (? IS NULL OR m.conversation_id = ?)
       ORDER BY m.created_time DESC LIMIT ?`,
    ).all(query, options.conversationId ?? null, options.conversationId ?? null, options.limit);
  }
}
