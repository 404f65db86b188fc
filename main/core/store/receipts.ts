import type { Statements } from './statements';

/**
 * Each {messageId, token} of the JSON array parameter as `o`, with `m` the message while it
 * is still the one held under that id (a message erased frees its id for the next one stored).
 * NOT INDEXED: found by id, in the pages just written, not through the random token index.
 */
const OWED_FOR = `json_each(?) o LEFT JOIN messages m NOT INDEXED ON m.id = o.value ->> '$.messageId' AND m.token = o.value ->> '$.token'`;

/** Receipts of each kind. */
export interface ReceiptsByKind<T> {
  delivered: T[];
  read: T[];
}

/** The message a receipt is owed for: its local id, and the server token the receipt names. */
export interface ReceiptFor {
  messageId: number;
  token: string;
}

/** A receipt owed, as stored: its row (to settle it by) and the server token it is sent with. */
export interface OwedReceipt {
  id: number;
  token: string;
}

/**
 * The receipts owed to the server (table pending_receipts), one row each, so that owing one
 * costs an insert and sending a batch a few indexed reads and deletes, however many are owed.
 * Rows are keyed by the local message id, which grows with each message stored, so a replay's
 * inserts and deletes touch the end of each index rather than pages all over it (the random
 * server token did). A Read receipt makes a Delivered one for the same message needless.
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
   *
   * A message erased before its receipts are owed (a group left in the same batch) still
   * gets them, under no message id: the id may already name a newer message, whose own
   * receipt must not be taken for it. Such a receipt is not merged with others for its token;
   * the sender names each token once per request.
   */
  owe(added: ReceiptsByKind<ReceiptFor>): void {
    const now = this.now();
    if (added.read.length > 0) {
      const owed = JSON.stringify(added.read);
      this.sql.prepare(
        `INSERT INTO pending_receipts (message_id, message_token, kind, created_at)
         SELECT m.id, o.value ->> '$.token', 'read', ? FROM ${OWED_FOR} WHERE true
         ON CONFLICT (message_id, kind) DO NOTHING`,
      ).run(now, owed);
      this.sql.prepare(
        `DELETE FROM pending_receipts WHERE kind = 'delivered' AND message_id IN (SELECT m.id FROM ${OWED_FOR})`,
      ).run(owed);
    }
    if (added.delivered.length > 0) {
      this.sql.prepare(
        `INSERT INTO pending_receipts (message_id, message_token, kind, created_at)
         SELECT m.id, o.value ->> '$.token', 'delivered', ? FROM ${OWED_FOR}
         WHERE m.id IS NULL OR NOT EXISTS (SELECT 1 FROM pending_receipts r WHERE r.message_id = m.id AND r.kind = 'read')
         ON CONFLICT (message_id, kind) DO NOTHING`,
      ).run(now, JSON.stringify(added.delivered));
    }
  }

  /** The first `max` receipts owed, in the order owed, Read ones first (the sender is waiting to see them). */
  first(max: number): ReceiptsByKind<OwedReceipt> {
    const read = this.rows('read', max);
    return { read, delivered: read.length < max ? this.rows('delivered', max - read.length) : [] };
  }

  /** The server has taken these (rows from `first`): they are owed no more. Receipts owed since stay. */
  settle(sent: ReceiptsByKind<OwedReceipt>): void {
    const ids = [...sent.read, ...sent.delivered].map((row) => row.id);
    if (ids.length === 0) return;
    this.sql.prepare('DELETE FROM pending_receipts WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
  }

  private rows(kind: 'delivered' | 'read', limit: number): OwedReceipt[] {
    return this.sql.prepare<OwedReceipt>(
      'SELECT id, message_token AS token FROM pending_receipts INDEXED BY pending_receipts_by_kind WHERE kind = ? ORDER BY id LIMIT ?',
    ).all(kind, limit);
  }
}
