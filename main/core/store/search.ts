import { toFtsQuery } from './search-query';
import type { Statements } from './statements';

export interface SearchHit {
  messageId: number;
  /** The body around the match, the matched words between \u0002 and \u0003 for the renderer to mark. */
  snippet: string;
}

/**
 * Full-text search over the bodies of the messages held (recalled and erased ones are not
 * indexed). New and edited bodies wait in `search_pending` until `indexPending` adds them
 * (migration 4 says why); `messages` adds whatever still waits first, so it finds them all.
 */
export class Search {
  private readonly sql: Statements;

  constructor(sql: Statements) {
    this.sql = sql;
  }

  /**
   * The newest matches first, newest as stored (message ids grow as messages arrive): the
   * index hands its matches out in that order, so the search stops at `limit`. Ordered by
   * sent time instead, every match had to be read and sorted, and the snippet made for each:
   * a common word over a year of 500,000 messages (200,000 matches) took most of a second.
   */
  messages(typed: string, options: { limit: number; conversationId?: string }): SearchHit[] {
    const query = toFtsQuery(typed);
    if (query === null) return [];
    if (this.pendingCount() > 0) this.sql.db.transaction(() => this.indexPending()).immediate();
    return this.sql.prepare<SearchHit>(
      `SELECT m.id AS messageId,
         snippet(messages_fts, 0, char(2), char(3), '…', 12) AS snippet
       FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
       WHERE messages_fts MATCH ? AND (? IS NULL OR m.conversation_id = ?)
       ORDER BY messages_fts.rowid DESC LIMIT ?`,
    ).all(query, options.conversationId ?? null, options.conversationId ?? null, options.limit);
  }

  /** How many messages wait to be indexed. */
  pendingCount(): number {
    return this.sql.prepare<{ n: number }>('SELECT count(*) AS n FROM search_pending').get()?.n ?? 0;
  }

  /**
   * Indexes the `limit` oldest waiting messages (all when absent) and returns how many it took.
   * Call inside a transaction: the index entries and the end of their wait commit together.
   */
  indexPending(limit = -1): number {
    const last = this.sql.prepare<{ last: number | null }>(
      'SELECT max(message_id) AS last FROM (SELECT message_id FROM search_pending ORDER BY message_id LIMIT ?)',
    ).get(limit)?.last ?? null;
    if (last === null) return 0;
    this.sql.prepare(
      `INSERT INTO messages_fts (rowid, body)
       SELECT m.id, m.body FROM search_pending p JOIN messages m ON m.id = p.message_id
       WHERE p.message_id <= ? ORDER BY p.message_id`,
    ).run(last);
    return this.sql.prepare('DELETE FROM search_pending WHERE message_id <= ?').run(last).changes;
  }
}
