import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SaidError } from '../../../i18n/said-error';
import { userText } from '../../../i18n/user-text';
import type { UserText } from '../../../i18n/user-text';
import { BrokenSeal, chunkBytes, openChunks, sealChunks } from './sealed-chunks';

/**
 * Why the cache failed: disk-full (nothing was left behind), missing (no such file),
 * damaged (the file fails authentication: altered, truncated or another key), io (other).
 */
export type AttachmentCacheErrorReason = 'disk-full' | 'missing' | 'damaged' | 'io';

export class AttachmentCacheError extends SaidError {
  override readonly name = 'AttachmentCacheError';
  readonly reason: AttachmentCacheErrorReason;

  constructor(reason: AttachmentCacheErrorReason, said: UserText) {
    super(said);
    this.reason = reason;
  }
}

/** The file operations the cache needs, injectable so that a full disk can be simulated. */
export interface CacheFileSystem {
  /**
   * Creates `path` (refusing one that exists; readable by this user only), writes the chunks to
   * it as they come and flushes it to the disk. A chunk source that throws ends the write with its error.
   */
  writeNew(path: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void>;
  /** The file's bytes in order, in pieces of any size, read as they are asked for. */
  readFrom(path: string): AsyncIterable<Uint8Array>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  list(dir: string): Promise<string[]>;
}

export const nodeCacheFileSystem: CacheFileSystem = {
  async writeNew(path, chunks) {
    const file = await open(path, 'wx', 0o600);
    try {
      for await (const chunk of chunks) {
        // A write may take only part of a chunk; the rest goes in the next.
        for (let offset = 0; offset < chunk.byteLength;) offset += (await file.write(chunk, offset)).bytesWritten;
      }
      await file.sync();
    } finally {
      await file.close();
    }
  },
  readFrom: (path) => createReadStream(path, { highWaterMark: readPieceBytes }),
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
  async list(dir) {
    try {
      return await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  },
};

// One sealed chunk and its tag per read, so that a read hands the format about one chunk at a time.
const readPieceBytes = chunkBytes + 16;
const fileNamePattern = /^[0-9a-f]{32}\.bin$/;

/**
 * Downloaded attachments, each in its own file under a random name (never the sender's file
 * name), encrypted under the account's attachment key in sealed chunks (sealed-chunks.ts), so
 * that an attachment of any size is written as it arrives and read back a verified chunk at a
 * time, never held whole. Files of the earlier one-seal format (version 1) are read as they
 * are and not rewritten: they are as well protected, were never larger than what the app then
 * held in memory anyway, and go with their messages.
 */
export class AttachmentCache {
  readonly dir: string;
  private readonly key: Buffer;
  private readonly files: CacheFileSystem;
  /**
   * The names being written now: the sweep runs after the roster, alongside downloads, so a file
   * still being written (its row not stored yet) is never a stray.
   */
  private readonly writing = new Set<string>();

  constructor(options: { dir: string; key: string; files?: CacheFileSystem }) {
    if (!/^[0-9a-f]{64}$/i.test(options.key)) {
      throw new AttachmentCacheError('io', userText('store.attachment-key-invalid'));
    }
    this.dir = options.dir;
    this.key = Buffer.from(options.key, 'hex');
    this.files = options.files ?? nodeCacheFileSystem;
  }

  /** Encrypts and stores the bytes; returns the new file's name, to be kept in attachments.cache_file. */
  async write(plain: Buffer): Promise<string> {
    return (await this.writeStream([plain], { size: plain.length })).name;
  }

  /**
   * Encrypts and stores the chunks as they arrive, under a temporary name renamed into place
   * once all of it is on the disk. Whatever fails (the disk, or the source itself, such as a
   * download refused as too large) removes the temporary file; the source's own error is rethrown
   * as it is. `size`, when known, is only for the words of a disk-full error.
   */
  async writeStream(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: { size?: number } = {}): Promise<{ name: string; bytes: number }> {
    const name = `${randomBytes(16).toString('hex')}.bin`;
    this.writing.add(name);
    const temporary = join(this.dir, `.${name}.tmp`);
    let bytes = 0;
    let sourceFailure: { error: unknown } | undefined;
    async function* counted() {
      try {
        for await (const chunk of chunks) {
          bytes += chunk.byteLength;
          yield chunk;
        }
      } catch (error) {
        sourceFailure = { error };
        throw error;
      }
    }
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await this.files.writeNew(temporary, sealChunks(this.key, name, counted()));
      await this.files.rename(temporary, join(this.dir, name));
      // Its row is stored as soon as the caller resumes, before the sweep's next reading.
      this.writing.delete(name);
    } catch (error) {
      this.writing.delete(name);
      await this.files.remove(temporary).catch(() => undefined);
      if (sourceFailure !== undefined && sourceFailure.error === error) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') {
        throw new AttachmentCacheError(
          'disk-full',
          options.size === undefined ? userText('store.disk-full') : userText('store.disk-full-size', { bytes: options.size }),
        );
      }
      // The code, not the system's message: that names the app's private folder.
      throw new AttachmentCacheError('io', userText('store.attachment-unwritable', { code: code ?? 'unknown' }));
    }
    return { name, bytes };
  }

  /**
   * The stored bytes, decrypted a chunk at a time as they are asked for; each chunk is handed
   * on only once verified, so a damaged file ends with the 'damaged' error before any of its
   * altered bytes are seen (the chunks before it were sound).
   */
  async *readStream(name: string): AsyncGenerator<Buffer, void, undefined> {
    const path = this.pathOf(name);
    try {
      yield* openChunks(this.key, name, this.files.readFrom(path));
    } catch (error) {
      if (error instanceof BrokenSeal) {
        throw new AttachmentCacheError('damaged', userText('store.attachment-damaged', { name }));
      }
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new AttachmentCacheError('missing', userText('store.attachment-missing', { name }));
      throw new AttachmentCacheError('io', userText('store.attachment-unreadable', { name, code: code ?? 'unknown' }));
    }
  }

  /** The stored bytes whole, for a caller that needs them in one buffer (a preview in the window). */
  async read(name: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.readStream(name)) chunks.push(chunk);
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  }

  /** Removes the file; a file already gone is not an error. */
  async erase(name: string): Promise<void> {
    await this.files.remove(this.pathOf(name));
  }

  /**
   * Erases every file in the cache that `keep` (the names the attachment rows hold, read once the
   * folder is listed) does not name: copies whose rows were erased while the app was stopped
   * before removing the file, a download finished after its message was erased, and temporary
   * files of a crash. A file being written now is left alone. Returns how many were removed.
   */
  async sweep(keep: () => ReadonlySet<string>): Promise<number> {
    const names = await this.files.list(this.dir);
    // Read after the listing: a file listed was either written and stored by now, or is a stray.
    const kept = keep();
    const ours = (name: string) => kept.has(name) || this.writing.has(name.replace(/^\.(.*)\.tmp$/, '$1'));
    const strays = names.filter((name) => !ours(name) && (fileNamePattern.test(name) || /^\.[0-9a-f]{32}\.bin\.tmp$/.test(name)));
    for (const name of strays) await this.files.remove(join(this.dir, name));
    return strays.length;
  }

  private pathOf(name: string): string {
    // Names come from the database; a name that is not one of ours must not reach the file system.
    if (!fileNamePattern.test(name)) throw new AttachmentCacheError('io', userText('store.not-a-cache-file'));
    return join(this.dir, name);
  }
}
