/**
 * Erasing messages that must be gone (expired, read with delete-on-read, recalled, cancelled
 * before the server had them, in a conversation that was left). The rows go first, in one
 * transaction that also takes the statuses, the attachment rows and the search index entries
 * (by cascade and trigger); after the commit the WAL is truncated and the cached files go.
 * A crash in between leaves only encrypted files that no row refers to, which
 * `sweepAttachmentCache` removes at the next start. With the store's secure_delete and the
 * index's secure-delete, the truncated WAL is the last place the text was (issue 12).
 *
 * The row functions run inside the caller's transaction, so that sync can erase as part of a
 * batch of events; `eraseMessages` and `recallMessage` are the same work in a transaction of
 * their own.
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

/**
 * After the commit that erased rows: the WAL, then the cached files. The erasure has committed
 * whatever happens here: a WAL that a reader or a full disk kept from truncating is left to the
 * next erasure, a file that cannot be removed now to the start-up sweep.
 */
export async function finishErasure(store: Store, cache: AttachmentCache, files: readonly string[], log: Logger): Promise<void> {
  truncateWal(store, log);
  for (const file of files) {
    try {
      await cache.erase(file);
    } catch (error) {
      log.warn('a cached attachment could not be erased; the start-up sweep will retry', { error: (error as Error).name });
    }
  }
}

function truncateWal(store: Store, log: Logger): void {
  try {
    if (!store.truncateWal()) log.warn('the WAL was busy and not truncated after an erasure; the next erasure retries');
  } catch (error) {
    log.warn('the WAL could not be truncated after an erasure; the next erasure retries', { error: (error as Error).message });
  }
}

/** `eraseMessageRows` in a transaction of its own, then the WAL and the files. */
export async function eraseMessages(store: Store, cache: AttachmentCache, ids: readonly number[], log: Logger): Promise<ErasedMessage[]> {
  const { erased, files } = store.transaction(() => eraseMessageRows(store, ids));
  if (erased.length > 0) await finishErasure(store, cache, files, log);
  return erased;
}

/** `recallMessageRow` in a transaction of its own, then the WAL and the files. */
export async function recallMessage(store: Store, cache: AttachmentCache, id: number, log: Logger): Promise<void> {
  const files = store.transaction(() => recallMessageRow(store, id));
  if (files !== null) await finishErasure(store, cache, files, log);
}

/** Removes cached files that no attachment row refers to; run at start-up. */
export function sweepAttachmentCache(store: Store, cache: AttachmentCache): Promise<number> {
  return cache.sweep(() => store.attachments.allCacheFiles());
}

function cacheFilesOf(store: Store, messageId: number): string[] {
  return store.attachments.forMessage(messageId).flatMap((attachment) => attachment.cacheFile ?? []);
}
