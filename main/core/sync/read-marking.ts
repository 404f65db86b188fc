/**
 * Marking incoming messages read, and setting a delete-on-read message's time to go. A query
 * module of its own area on the store's shared statements; call inside a transaction.
 */
import type { Store } from '../store';
import type { Cursor } from './view-queries';

export interface ReadMarked {
  id: number;
  token: string | null;
  dor: boolean;
}

/** Marks the conversation's unread incoming messages up to `upTo` (inclusive; all when absent) read at `now`. */
export function markConversationRead(store: Store, conversationId: string, upTo: Cursor | undefined, now: number): ReadMarked[] {
  const unread = store.statements.prepare<{ id: number; token: string | null; dor: number }>(
    `SELECT id, token, dor FROM messages
     WHERE conversation_id = ? AND direction = 'in' AND read_at IS NULL AND is_recalled = 0
       AND (? IS NULL OR (created_time, id) <= (?, ?))`,
  ).all(conversationId, upTo?.createdTime ?? null, upTo?.createdTime ?? null, upTo?.id ?? null);
  const mark = store.statements.prepare('UPDATE messages SET read_at = ? WHERE id = ?');
  for (const message of unread) mark.run(now, message.id);
  return unread.map((message) => ({ id: message.id, token: message.token, dor: message.dor === 1 }));
}

/** Marks one incoming message read (it was read on another device); false when it already was. */
export function markMessageRead(store: Store, id: number, now: number): boolean {
  return store.statements.prepare(`UPDATE messages SET read_at = ? WHERE id = ? AND direction = 'in' AND read_at IS NULL`)
    .run(now, id).changes === 1;
}

/** Brings a message's expiry forward to `at` (never back): the expiry timer erases it then. */
export function expireBy(store: Store, id: number, at: number): boolean {
  return store.statements.prepare('UPDATE messages SET expires_at = ? WHERE id = ? AND (expires_at IS NULL OR expires_at > ?)')
    .run(at, id, at).changes === 1;
}
