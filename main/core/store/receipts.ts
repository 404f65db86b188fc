import type { Statements } from './statements';

/** Receipts owed to the server for messages, by server token. */
export interface OwedReceipts {
  delivered: string[];
  read: string[];
}

/**
 * The receipts owed to the server (table pending_receipts), one row each, so that owing one
 * costs an insert and sending a batch a few indexed reads and deletes, however many are owed.
 * A Read receipt makes a Delivered one for the same message needless.
 */
export class Receipts {
  private readonly sql: Statements;
  private readonly now: () => number;

  constructor(sql: Statements, now: () => number) {
    this.sql = sql;
    this.now = now;
  }

  /**
   * Call inside the transaction of the writes the receipts are owed for. Owing one again
   * changes nothing. One statement per kind, whatever the count: a replay owes thousands.
   */
  owe(added: OwedReceipts): void {
    const now = this.now();
    if (added.read.length > 0) {
      const tokens = JSON.stringify(added.read);
      this.sql.prepare(
        `INSERT INTO pending_receipts (message_token, kind, created_at)
         SELECT value, 'read', ? FROM json_each(?) WHERE true
         ON CONFLICT (message_token, kind) DO NOTHING`,
      ).run(now, tokens);
      this.sql.prepare(
        `DELETE FROM pending_receipts WHERE kind = 'delivered' AND message_token IN (SELECT value FROM json_each(?))`,
      ).run(tokens);
    }
    if (added.delivered.length > 0) {
      this.sql.prepare(
        `INSERT INTO pending_receipts (message_token, kind, created_at)
         SELECT t.value, 'delivered', ? FROM json_each(?) t
         WHERE NOT EXISTS (SELECT 1 FROM pending_receipts r WHERE r.message_token = t.value AND r.kind = 'read')
         ON CONFLICT (message_token, kind) DO NOTHING`,
      ).run(now, JSON.stringify(added.delivered));
    }
  }

  /** The first `max` receipts owed, in the order owed, Read ones first (the sender is waiting to see them). */
  first(max: number): OwedReceipts {
    const read = this.tokens('read', max);
    return { read, delivered: read.length < max ? this.tokens('delivered', max - read.length) : [] };
  }

  /** Everything owed, in the order owed. */
  all(): OwedReceipts {
    return { read: this.tokens('read', -1), delivered: this.tokens('delivered', -1) };
  }

  /** The server has taken these: they are owed no more. Receipts owed since stay. */
  settle(sent: OwedReceipts): void {
    const remove = this.sql.prepare('DELETE FROM pending_receipts WHERE message_token = ? AND kind = ?');
    for (const token of sent.read) remove.run(token, 'read');
    for (const token of sent.delivered) remove.run(token, 'delivered');
  }

  private tokens(kind: 'delivered' | 'read', limit: number): string[] {
    return this.sql.prepare<{ message_token: string }>(
      'SELECT message_token FROM pending_receipts INDEXED BY pending_receipts_by_kind WHERE kind = ? ORDER BY id LIMIT ?',
    ).all(kind, limit).map((row) => row.message_token);
  }
}
