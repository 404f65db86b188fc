/**
 * Erasing messages that must be gone (expired, read with delete-on-read, recalled, in a
 * conversation that was left) as part of a larger transaction: the row work runs inside the
 * caller's transaction and hands back the cache files, which the caller erases only after
 * the commit (store/erase.ts does the same for a transaction of its own). A crash between
 * leaves only encrypted files no row refers to, which the cache sweep removes at start.
 */
import type { AttachmentCache, Store } from '../store';
import type { Logger } from '../log/logger';

export interface ErasedMessage {
  id: number;
  conversationId: string;
}

export interface Erasure {
  erased: ErasedMessage[];
  files: string[];
}

/** Deletes the rows (statuses, attachment rows and search entries go by cascade and trigger). */
export function eraseMessageRows(store: Store, ids: readonly number[]): Erasure {
  const erased: ErasedMessage[] = [];
  const files: string[] = [];
  const find = store.statements.prepare<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE id = ?');
  const remove = store.statements.prepare('DELETE FROM messages WHERE id = ?');
  for (const id of ids) {
    const held = find.get(id);
    if (held === undefined) continue;
    files.push(...cacheFilesOf(store, id));
    remove.run(id);
    erased.push({ id, conversationId: held.conversation_id });
  }
  return { erased, files };
}

/**
 * Keeps a recalled message as a marker without body, data or attachments (the search index
 * follows by trigger). Returns the cache files to erase, or null when there was nothing to
 * change (not held, or already recalled).
 */
export function recallMessageRow(store: Store, id: number): string[] | null {
  const files = cacheFilesOf(store, id);
  const changed = store.statements.prepare(
    `UPDATE messages SET is_recalled = 1, body = '', data_json = NULL WHERE id = ? AND is_recalled = 0`,
  ).run(id).changes;
  if (changed === 0) return null;
  store.statements.prepare('DELETE FROM attachments WHERE message_id = ?').run(id);
  return files;
}

export function messageIdsOfConversation(store: Store, conversationId: string): number[] {
  return store.statements.prepare<{ id: number }>('SELECT id FROM messages WHERE conversation_id = ?')
    .all(conversationId).map((row) => row.id);
}

/** After the commit. A file that cannot be removed now is left to the start-up sweep. */
export async function eraseCacheFiles(cache: AttachmentCache, files: readonly string[], log: Logger): Promise<void> {
  for (const file of files) {
    try {
      await cache.erase(file);
    } catch (error) {
      log.warn('a cached attachment could not be erased; the start-up sweep will retry', { error: (error as Error).name });
    }
  }
}

function cacheFilesOf(store: Store, messageId: number): string[] {
  return store.attachments.forMessage(messageId).flatMap((attachment) => attachment.cacheFile ?? []);
}
