import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttachmentCache, AttachmentCacheError, nodeCacheFileSystem } from '../../main/core/store';
import type { CacheFileSystem } from '../../main/core/store';
import { randomKey, useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

async function failure(promise: Promise<unknown>): Promise<AttachmentCacheError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AttachmentCacheError);
  return error as AttachmentCacheError;
}

describe('the attachment cache', () => {
  it('gives back exactly what was written, from a randomly named file without the plaintext', async () => {
    const dir = join(tempDir(), 'attachments');
    const cache = new AttachmentCache({ dir, key: randomKey() });
    const plain = Buffer.from('Lab result: potassium 5.9 mmol/L, patient Jane Roe');
    const name = await cache.write(plain);
    expect(name).toMatch(/^[0-9a-f]{32}\.bin$/);
    expect(await cache.read(name)).toEqual(plain);
    expect(readdirSync(dir)).toEqual([name]);
    const onDisk = readFileSync(join(dir, name));
    expect(onDisk.includes(Buffer.from('potassium'))).toBe(false);
    expect(onDisk.includes(Buffer.from('Jane Roe'))).toBe(false);
    expect(await cache.write(plain)).not.toBe(name);
  });

  it('detects a file altered on disk, swapped for another or read with another key', async () => {
    const dir = tempDir();
    const key = randomKey();
    const cache = new AttachmentCache({ dir, key });
    const first = await cache.write(Buffer.from('first'));
    const second = await cache.write(Buffer.from('second'));
    writeFileSync(join(dir, first), readFileSync(join(dir, second)));
    expect((await failure(cache.read(first))).reason).toBe('damaged');
    const altered = readFileSync(join(dir, second));
    altered[altered.length - 1]! ^= 1;
    writeFileSync(join(dir, second), altered);
    expect((await failure(cache.read(second))).reason).toBe('damaged');
    const third = await cache.write(Buffer.from('third'));
    expect((await failure(new AttachmentCache({ dir, key: randomKey() }).read(third))).reason).toBe('damaged');
  });

  it('reports a missing file as missing and refuses a name that is not its own', async () => {
    const cache = new AttachmentCache({ dir: tempDir(), key: randomKey() });
    expect((await failure(cache.read(`${'0'.repeat(32)}.bin`))).reason).toBe('missing');
    await expect(cache.read('../tigerdesk.db')).rejects.toThrow(/Not an attachment cache file name/);
  });

  it('on a full disk, says so and leaves no half-written file behind', async () => {
    const dir = tempDir();
    // Writes a few bytes for real, then fails as the kernel does when the disk fills.
    const fullDisk: CacheFileSystem = {
      ...nodeCacheFileSystem,
      async writeNew(path) {
        await nodeCacheFileSystem.writeNew(path, [Buffer.alloc(8)]);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    };
    const cache = new AttachmentCache({ dir, key: randomKey(), files: fullDisk });
    const error = await failure(cache.write(Buffer.alloc(4096, 1)));
    expect(error.reason).toBe('disk-full');
    expect(error.message).toBe('The disk is full: the attachment (4096 bytes) was not stored and nothing was left behind; free some space and try again');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names what failed without the path of the app folder when the cache cannot write at all', async () => {
    const dir = tempDir();
    // A file where the cache's folder should be: every write under it fails.
    writeFileSync(join(dir, 'attachments'), 'not a folder');
    const cache = new AttachmentCache({ dir: join(dir, 'attachments', 'account'), key: randomKey() });
    const error = await failure(cache.write(Buffer.from('Lab result')));
    expect(error.reason).toBe('io');
    expect(error.message).toMatch(/^The attachment could not be stored \(E[A-Z]+\)$/);
    expect(error.message).not.toContain(dir);
  });

  it('sweeps files no row refers to, and leftovers of a crash, keeping the rest', async () => {
    const dir = tempDir();
    const key = randomKey();
    // Written by the app's last run; the sweep is this run's.
    const lastRun = new AttachmentCache({ dir, key });
    const kept = await lastRun.write(Buffer.from('kept'));
    const stray = await lastRun.write(Buffer.from('stray'));
    writeFileSync(join(dir, `.${'a'.repeat(32)}.bin.tmp`), 'half');
    writeFileSync(join(dir, 'not-ours.txt'), 'left alone');
    const cache = new AttachmentCache({ dir, key });
    expect(await cache.sweep(() => new Set([kept]))).toBe(2);
    expect(readdirSync(dir).sort()).toEqual([kept, 'not-ours.txt'].sort());
    expect(readdirSync(dir)).not.toContain(stray);
  });

  it('never sweeps a file it is writing: the sweep runs alongside downloads', async () => {
    const dir = tempDir();
    const cache = new AttachmentCache({ dir, key: randomKey() });
    const written = await cache.write(Buffer.from('downloaded and stored'));
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slowDownload() {
      yield Buffer.from('first half, ');
      await gate;
      yield Buffer.from('second half');
    }
    const inFlight = cache.writeStream(slowDownload());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readdirSync(dir).some((name) => name.endsWith('.tmp'))).toBe(true);
    expect(await cache.sweep(() => new Set([written]))).toBe(0);
    release();
    const { name } = await inFlight;
    expect((await cache.read(name)).toString()).toBe('first half, second half');
    expect((await cache.read(written)).toString()).toBe('downloaded and stored');
  });
});
