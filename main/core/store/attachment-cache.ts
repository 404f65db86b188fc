import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Why the cache failed: disk-full (nothing was left behind), missing (no such file),
 * damaged (the file fails authentication: altered, truncated or another key), io (other).
 */
export type AttachmentCacheErrorReason = 'disk-full' | 'missing' | 'damaged' | 'io';

export class AttachmentCacheError extends Error {
  override readonly name = 'AttachmentCacheError';
  readonly reason: AttachmentCacheErrorReason;

  constructor(reason: AttachmentCacheErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** The file operations the cache needs, injectable so that a full disk can be simulated. */
export interface CacheFileSystem {
  writeNew(path: string, data: Buffer): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  read(path: string): Promise<Buffer>;
  remove(path: string): Promise<void>;
  list(dir: string): Promise<string[]>;
}

export const nodeCacheFileSystem: CacheFileSystem = {
  async writeNew(path, data) {
    const file = await open(path, 'wx', 0o600);
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
  },
  rename: (from, to) => rename(from, to),
  read: (path) => readFile(path),
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

const version = Buffer.from([1]);
const ivLength = 12;
const tagLength = 16;
const fileNamePattern = /^[0-9a-f]{32}\.bin$/;

/**
 * Downloaded attachments, each in its own file under a random name (never the sender's
 * file name), encrypted with AES-256-GCM under the account's attachment key. The file name
 * is authenticated too, so swapping two files is detected. Layout: version, IV, tag, data.
 */
export class AttachmentCache {
  readonly dir: string;
  private readonly key: Buffer;
  private readonly files: CacheFileSystem;

  constructor(options: { dir: string; key: string; files?: CacheFileSystem }) {
    if (!/^[0-9a-f]{64}$/i.test(options.key)) {
      throw new AttachmentCacheError('io', 'The attachment key must be 32 bytes written as 64 hex digits');
    }
    this.dir = options.dir;
    this.key = Buffer.from(options.key, 'hex');
    this.files = options.files ?? nodeCacheFileSystem;
  }

  /** Encrypts and stores the bytes; returns the new file's name, to be kept in attachments.cache_file. */
  async write(plain: Buffer): Promise<string> {
    const name = `${randomBytes(16).toString('hex')}.bin`;
    const iv = randomBytes(ivLength);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(name));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const sealed = Buffer.concat([version, iv, cipher.getAuthTag(), body]);
    const temporary = join(this.dir, `.${name}.tmp`);
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await this.files.writeNew(temporary, sealed);
      await this.files.rename(temporary, join(this.dir, name));
    } catch (error) {
      await this.files.remove(temporary).catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') {
        throw new AttachmentCacheError('disk-full', `The disk is full: the attachment (${plain.length} bytes) was not stored and nothing was left behind; free some space and try again`);
      }
      // The code, not the system's message: that names the app's private folder.
      throw new AttachmentCacheError('io', `The attachment could not be stored (${code ?? 'unknown error'})`);
    }
    return name;
  }

  async read(name: string): Promise<Buffer> {
    const path = this.pathOf(name);
    let sealed: Buffer;
    try {
      sealed = await this.files.read(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new AttachmentCacheError('missing', `The cached attachment ${name} is not there`);
      }
      throw new AttachmentCacheError('io', `The cached attachment ${name} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
    }
    try {
      if (sealed.length < 1 + ivLength + tagLength || sealed[0] !== version[0]) throw new Error('bad header');
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(1, 1 + ivLength));
      decipher.setAAD(Buffer.from(name));
      decipher.setAuthTag(sealed.subarray(1 + ivLength, 1 + ivLength + tagLength));
      return Buffer.concat([decipher.update(sealed.subarray(1 + ivLength + tagLength)), decipher.final()]);
    } catch {
      throw new AttachmentCacheError('damaged', `The cached attachment ${name} fails authentication: it was altered or belongs to another key`);
    }
  }

  /** Removes the file; a file already gone is not an error. */
  async erase(name: string): Promise<void> {
    await this.files.remove(this.pathOf(name));
  }

  /**
   * Erases every file in the cache that is not in `keep`: copies whose rows were erased
   * while the app was stopped before removing the file, and temporary files of a crash.
   * Returns how many were removed.
   */
  async sweep(keep: ReadonlySet<string>): Promise<number> {
    const names = await this.files.list(this.dir);
    const strays = names.filter((name) => !keep.has(name) && (fileNamePattern.test(name) || /^\.[0-9a-f]{32}\.bin\.tmp$/.test(name)));
    for (const name of strays) await this.files.remove(join(this.dir, name));
    return strays.length;
  }

  private pathOf(name: string): string {
    // Names come from the database; a name that is not one of ours must not reach the file system.
    if (!fileNamePattern.test(name)) throw new AttachmentCacheError('io', 'Not an attachment cache file name');
    return join(this.dir, name);
  }
}
