import type { AttachmentCache } from './attachment-cache';
import type { Store } from './store';

/**
 * Erasing is for messages that must be gone (expired, read with delete-on-read, recalled,
 * remote wipe): the rows go first, in one transaction that also takes the statuses, the
 * attachment rows and the search index entries (by cascade and trigger); the cached files
 * go after the commit. A crash in between leaves only encrypted files that no row refers
 * to, which `AttachmentCache.sweep` removes at the next start.
 */
export async function eraseMessages(store: Store, cache: AttachmentCache, ids: readonly number[]): Promise<number> {
  const { erased, files } = store.transaction(() => {
    const files = ids.flatMap((id) => cacheFilesOf(store, id));
    const remove = store.statements.prepare('DELETE FROM messages WHERE id = ?');
    const erased = ids.reduce((count, id) => count + remove.run(id).changes, 0);
    return { erased, files };
  });
  for (const file of files) await cache.erase(file);
  return erased;
}

/** Erases the messages whose time is up at `at` (default: the store's now). */
export function eraseExpired(store: Store, cache: AttachmentCache, at?: number): Promise<number> {
  return eraseMessages(store, cache, store.messages.expiredIds(at));
}

/**
 * A recalled message stays as a marker ("message recalled") but loses its body, data and
 * attachments, here and in the search index. Returns false when the message is not held.
 */
export async function recallMessage(store: Store, cache: AttachmentCache, id: number): Promise<boolean> {
  const files = store.transaction(() => {
    const files = cacheFilesOf(store, id);
    const changed = store.statements.prepare(
      `UPDATE messages SET is_recalled = 1, body = '', data_json = NULL WHERE id = ?`,
    ).run(id).changes;
    if (changed === 0) return null;
    store.statements.prepare('DELETE FROM attachments WHERE message_id = ?').run(id);
    return files;
  });
  if (files === null) return false;
  for (const file of files) await cache.erase(file);
  return true;
}

/** Removes cached files that no attachment row refers to; run at start-up. */
export function sweepAttachmentCache(store: Store, cache: AttachmentCache): Promise<number> {
  return cache.sweep(store.attachments.allCacheFiles());
}

function cacheFilesOf(store: Store, messageId: number): string[] {
  return store.attachments.forMessage(messageId).flatMap((attachment) => attachment.cacheFile ?? []);
}
