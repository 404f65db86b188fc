/**
 * The end-of-scenario proof: what the sandbox's database and every client's store hold of
 * the messages a scenario sent. Each function returns what it found, so a test compares it
 * with what it sent and a failure shows the difference.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Store } from '../../../main/core/store';

export interface ServerMessage {
  body: string;
  clientId: string | null;
  /** The recipient's status: 0 New, 1 Delivered, 2 Read. */
  recipientStatus: number | null;
}

/** Every message the sandbox holds from `sender` to `recipient`, in the order it stored them. */
export function serverMessages(sandboxDataDir: string, sender: string, recipient: string): ServerMessage[] {
  const db = new Database(join(sandboxDataDir, 'sandbox.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare<[string, string, string], { body: string; data: string; status: number | null }>(
      `SELECT m.body, m.data, s.status FROM messages m
         LEFT JOIN message_statuses s ON s.message_token = m.token AND s.account_token = ?
        WHERE m.sender_token = ? AND m.recipient_token = ? AND m.group_token IS NULL
        ORDER BY m.rowid`,
    ).all(recipient, sender, recipient);
    return rows.map((row) => ({ body: row.body, clientId: clientIdIn(row.data), recipientStatus: row.status }));
  } finally {
    db.close();
  }
}

function clientIdIn(data: string): string | null {
  const elements = JSON.parse(data) as { namespace?: string; payload?: string }[];
  return elements.find((element) => element.namespace === 'tigerdesk:client-id')?.payload ?? null;
}

export interface StoredMessage {
  body: string;
  status: string;
  clientId: string | null;
  token: string | null;
}

/** One direction of a conversation as a client's store holds it, in the order the thread shows it. */
export function storedMessages(store: Store, conversationId: string, direction: 'in' | 'out'): StoredMessage[] {
  return store.statements.prepare<{ body: string; status: string; client_id: string | null; token: string | null }>(
    `SELECT body, status, client_id, token FROM messages
      WHERE conversation_id = ? AND direction = ? ORDER BY created_time, id`,
  ).all(conversationId, direction).map((row) => ({ body: row.body, status: row.status, clientId: row.client_id, token: row.token }));
}

/** The number of outbox jobs still stored: zero once everything is settled. */
export function storedJobs(store: Store): number {
  return store.statements.prepare<{ n: number }>('SELECT count(*) AS n FROM outbox_jobs').get()!.n;
}
