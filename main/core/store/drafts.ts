import type { Statements } from './statements';

/** The unsent text of each conversation; an empty draft is no draft. */
export class Drafts {
  private readonly sql: Statements;
  private readonly now: () => number;

  constructor(sql: Statements, now: () => number) {
    this.sql = sql;
    this.now = now;
  }

  get(conversationId: string): string | null {
    return this.sql.prepare<{ text: string }>('SELECT text FROM drafts WHERE conversation_id = ?').get(conversationId)?.text ?? null;
  }

  set(conversationId: string, text: string): void {
    if (text.trim() === '') {
      this.sql.prepare('DELETE FROM drafts WHERE conversation_id = ?').run(conversationId);
      return;
    }
    this.sql.prepare(
      `INSERT INTO drafts (conversation_id, text, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
    ).run(conversationId, text, this.now());
  }
}
