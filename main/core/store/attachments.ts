import type { Statements } from './statements';

export interface Attachment {
  messageId: number;
  position: number;
  attachmentId: string | null;
  name: string | null;
  contentType: string | null;
  size: number | null;
  cacheFile: string | null;
  cachedAt: number | null;
}

/** The attachment rows of messages and which cache file holds each downloaded copy. */
export class Attachments {
  private readonly sql: Statements;
  private readonly now: () => number;

  constructor(sql: Statements, now: () => number) {
    this.sql = sql;
    this.now = now;
  }

  forMessage(messageId: number): Attachment[] {
    return this.sql.prepare<Attachment>(
      `SELECT message_id AS messageId, position, attachment_id AS attachmentId, name, content_type AS contentType,
         size, cache_file AS cacheFile, cached_at AS cachedAt
       FROM attachments WHERE message_id = ? ORDER BY position`,
    ).all(messageId);
  }

  /**
   * Records the cache file of a downloaded attachment. Returns false when the attachment is
   * no longer held (erased while downloading): the caller must then erase the file.
   */
  setCached(messageId: number, position: number, cacheFile: string): boolean {
    return this.sql.prepare('UPDATE attachments SET cache_file = ?, cached_at = ? WHERE message_id = ? AND position = ?')
      .run(cacheFile, this.now(), messageId, position).changes === 1;
  }

  /** Every cache file the database refers to, to find files left behind by a crash. */
  allCacheFiles(): Set<string> {
    return new Set(
      this.sql.prepare<{ cache_file: string }>('SELECT cache_file FROM attachments WHERE cache_file IS NOT NULL').all()
        .map((row) => row.cache_file),
    );
  }
}
