// The chunked cache format (version 2): what goes in comes out across chunk boundaries, every
// way of tampering with a file on disk is detected before any of its altered bytes are handed
// on, files of the earlier format still read, and a write that fails midway leaves nothing.
import { createCipheriv, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../main/core/api';
import { AttachmentCache, AttachmentCacheError, nodeCacheFileSystem } from '../../main/core/store';
import type { CacheFileSystem } from '../../main/core/store';
import { chunkBytes } from '../../main/core/store/sealed-chunks';
import { randomKey, useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const headerBytes = 9;
const sealedChunkBytes = chunkBytes + 16;

/** The plaintext in pieces of `pieceBytes`, as a download arrives. */
async function* inPieces(plain: Buffer, pieceBytes: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < plain.length; offset += pieceBytes) yield plain.subarray(offset, offset + pieceBytes);
}

/** What a reader was handed before the stream ended, and how it ended. */
async function readAll(cache: AttachmentCache, name: string): Promise<{ handed: Buffer[]; error?: AttachmentCacheError }> {
  const handed: Buffer[] = [];
  try {
    for await (const chunk of cache.readStream(name)) handed.push(chunk);
    return { handed };
  } catch (error) {
    expect(error).toBeInstanceOf(AttachmentCacheError);
    return { handed, error: error as AttachmentCacheError };
  }
}

/** A cache with one file of `chunks` full chunks and a shorter final one; its path and the sealed chunks as on disk. */
async function storedFile(chunks = 3) {
  const dir = tempDir();
  const key = randomKey();
  const cache = new AttachmentCache({ dir, key });
  const plain = randomBytes(chunks * chunkBytes + 1_000);
  const { name } = await cache.writeStream(inPieces(plain, 10_000));
  const path = join(dir, name);
  const sealed = readFileSync(path);
  const header = sealed.subarray(0, headerBytes);
  const sealedChunks = Array.from({ length: chunks + 1 }, (_, index) => sealed.subarray(headerBytes + index * sealedChunkBytes, headerBytes + (index + 1) * sealedChunkBytes));
  return { dir, key, cache, plain, name, path, header, sealedChunks };
}

async function expectDamaged(cache: AttachmentCache, name: string): Promise<Buffer[]> {
  const { handed, error } = await readAll(cache, name);
  expect(error?.reason, 'the tampering went unnoticed').toBe('damaged');
  await expect(cache.read(name)).rejects.toThrow(/fails authentication/);
  return handed;
}

describe('the chunked attachment cache', () => {
  it('gives back exactly what was written, for sizes around the chunk boundaries, however the source cuts it', async () => {
    const cache = new AttachmentCache({ dir: tempDir(), key: randomKey() });
    for (const size of [0, 1, chunkBytes - 1, chunkBytes, chunkBytes + 1, 2 * chunkBytes, 3 * chunkBytes + 17]) {
      for (const pieceBytes of [1_000, chunkBytes, 5 * chunkBytes]) {
        const plain = randomBytes(size);
        const { name, bytes } = await cache.writeStream(inPieces(plain, pieceBytes));
        expect(bytes).toBe(size);
        const chunks = Math.max(1, Math.ceil(size / chunkBytes));
        expect(readFileSync(join(cache.dir, name)).length).toBe(headerBytes + chunks * 16 + size);
        const { handed, error } = await readAll(cache, name);
        expect(error).toBeUndefined();
        // Handed on a chunk at a time, never the whole file at once.
        expect(handed.every((chunk) => chunk.length <= chunkBytes)).toBe(true);
        expect(Buffer.concat(handed).equals(plain), `${size} bytes in pieces of ${pieceBytes}`).toBe(true);
        expect((await cache.read(name)).equals(plain)).toBe(true);
      }
    }
  });

  it('writes a whole buffer in the same format, for the outbox', async () => {
    const cache = new AttachmentCache({ dir: tempDir(), key: randomKey() });
    const plain = randomBytes(2 * chunkBytes + 5);
    const name = await cache.write(plain);
    expect(readFileSync(join(cache.dir, name))[0]).toBe(2);
    expect((await cache.read(name)).equals(plain)).toBe(true);
  });

  it('detects a chunk altered on disk, after handing on only the sound chunks before it', async () => {
    const { cache, plain, name, path } = await storedFile();
    const altered = readFileSync(path);
    altered[headerBytes + sealedChunkBytes + 100]! ^= 1;
    writeFileSync(path, altered);
    const handed = await expectDamaged(cache, name);
    expect(Buffer.concat(handed).equals(plain.subarray(0, chunkBytes))).toBe(true);
  });

  it('detects a chunk\'s tag altered, and the header altered', async () => {
    const { cache, name, path } = await storedFile();
    const original = readFileSync(path);
    const tag = Buffer.from(original);
    tag[headerBytes + sealedChunkBytes - 1]! ^= 1;
    writeFileSync(path, tag);
    expect(await expectDamaged(cache, name)).toEqual([]);
    const prefix = Buffer.from(original);
    prefix[3]! ^= 1;
    writeFileSync(path, prefix);
    expect(await expectDamaged(cache, name)).toEqual([]);
    for (const version of [0, 1, 3]) {
      writeFileSync(path, Buffer.concat([Buffer.from([version]), original.subarray(1)]));
      expect(await expectDamaged(cache, name)).toEqual([]);
    }
  });

  it('detects the file cut at a chunk boundary, inside a chunk, after its header, and emptied', async () => {
    const { cache, name, path, header, sealedChunks } = await storedFile();
    // Without the final chunk: every chunk left is sound, but none was sealed as the last.
    writeFileSync(path, Buffer.concat([header, ...sealedChunks.slice(0, -1)]));
    expect((await expectDamaged(cache, name)).length).toBe(2);
    writeFileSync(path, Buffer.concat([header, ...sealedChunks.slice(0, 2), sealedChunks[2]!.subarray(0, 500)]));
    await expectDamaged(cache, name);
    writeFileSync(path, Buffer.concat([header, ...sealedChunks.slice(0, 3), sealedChunks[3]!.subarray(0, 10)]));
    await expectDamaged(cache, name);
    writeFileSync(path, header);
    await expectDamaged(cache, name);
    writeFileSync(path, header.subarray(0, 4));
    await expectDamaged(cache, name);
    writeFileSync(path, Buffer.alloc(0));
    await expectDamaged(cache, name);
  });

  it('detects chunks reordered, one dropped from the middle, or one repeated', async () => {
    const { cache, name, path, header, sealedChunks } = await storedFile();
    const [c0, c1, c2, c3] = sealedChunks as [Buffer, Buffer, Buffer, Buffer];
    writeFileSync(path, Buffer.concat([header, c1, c0, c2, c3]));
    expect(await expectDamaged(cache, name)).toEqual([]);
    writeFileSync(path, Buffer.concat([header, c0, c2, c3]));
    expect((await expectDamaged(cache, name)).length).toBe(1);
    writeFileSync(path, Buffer.concat([header, c0, c0, c1, c2, c3]));
    expect((await expectDamaged(cache, name)).length).toBe(1);
  });

  it('detects anything appended after the final chunk: bytes, a chunk of its own, or a whole copy of it', async () => {
    const { cache, name, path, header, sealedChunks } = await storedFile();
    const whole = readFileSync(path);
    writeFileSync(path, Buffer.concat([whole, randomBytes(1)]));
    await expectDamaged(cache, name);
    writeFileSync(path, Buffer.concat([whole, sealedChunks[1]!]));
    await expectDamaged(cache, name);
    writeFileSync(path, Buffer.concat([whole, ...sealedChunks]));
    await expectDamaged(cache, name);
    // The final chunk moved up: it is sound, but sealed as the last and at another index.
    writeFileSync(path, Buffer.concat([header, sealedChunks[0]!, sealedChunks[3]!]));
    await expectDamaged(cache, name);
  });

  it('detects a chunk, or a whole file, taken from another file under the same key', async () => {
    const dir = tempDir();
    const key = randomKey();
    const cache = new AttachmentCache({ dir, key });
    const plain = randomBytes(3 * chunkBytes);
    const first = (await cache.writeStream(inPieces(plain, chunkBytes))).name;
    // The same bytes again: a file whose chunks line up with the first's.
    const second = (await cache.writeStream(inPieces(plain, chunkBytes))).name;
    const a = readFileSync(join(dir, first));
    const b = readFileSync(join(dir, second));
    const spliced = Buffer.from(a);
    b.copy(spliced, headerBytes + sealedChunkBytes, headerBytes + sealedChunkBytes, headerBytes + 2 * sealedChunkBytes);
    writeFileSync(join(dir, first), spliced);
    expect((await expectDamaged(cache, first)).length).toBe(1);
    // Its header too, so that the IVs match: the name in every chunk's AAD still tells them apart.
    writeFileSync(join(dir, first), b);
    expect(await expectDamaged(cache, first)).toEqual([]);
    expect((await cache.read(second)).equals(plain)).toBe(true);
  });

  it('refuses a file read with another key', async () => {
    const { dir, name } = await storedFile(1);
    await expectDamaged(new AttachmentCache({ dir, key: randomKey() }), name);
  });
});

/** A file as the cache wrote it before chunks (version 1): version, IV, tag, one seal over the whole, the name as AAD. */
function writeVersion1(dir: string, key: string, plain: Buffer): string {
  const name = `${randomBytes(16).toString('hex')}.bin`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key, 'hex'), iv);
  cipher.setAAD(Buffer.from(name));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  writeFileSync(join(dir, name), Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]));
  return name;
}

describe('cache files of the earlier format (version 1)', () => {
  it('are still read, whole or as a stream, and still checked', async () => {
    const dir = tempDir();
    const key = randomKey();
    const cache = new AttachmentCache({ dir, key });
    for (const plain of [Buffer.alloc(0), Buffer.from('Lab result: potassium 5.9 mmol/L'), randomBytes(3 * chunkBytes + 5)]) {
      const name = writeVersion1(dir, key, plain);
      expect((await cache.read(name)).equals(plain)).toBe(true);
      const { handed, error } = await readAll(cache, name);
      expect(error).toBeUndefined();
      expect(Buffer.concat(handed).equals(plain)).toBe(true);
      // Left as they are: reading does not rewrite them.
      expect(readFileSync(join(dir, name))[0]).toBe(1);
    }
    const name = writeVersion1(dir, key, Buffer.from('Lab result'));
    const altered = readFileSync(join(dir, name));
    altered[altered.length - 1]! ^= 1;
    writeFileSync(join(dir, name), altered);
    expect(await expectDamaged(cache, name)).toEqual([]);
    const other = writeVersion1(dir, key, Buffer.from('another'));
    writeFileSync(join(dir, other), readFileSync(join(dir, writeVersion1(dir, key, Buffer.from('swapped')))));
    await expectDamaged(cache, other);
  });
});

describe('a streamed write that fails', () => {
  it('on a disk that fills midway, says so and leaves no part of the file behind', async () => {
    const dir = tempDir();
    let written = 0;
    // Writes the header and two chunks for real, then fails as the kernel does when the disk fills.
    const fillsUp: CacheFileSystem = {
      ...nodeCacheFileSystem,
      async writeNew(path, chunks) {
        async function* untilFull() {
          for await (const chunk of chunks) {
            if (written === 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
            written += 1;
            yield chunk;
          }
        }
        await nodeCacheFileSystem.writeNew(path, untilFull());
      },
    };
    const cache = new AttachmentCache({ dir, key: randomKey(), files: fillsUp });
    let pulled = 0;
    async function* download() {
      for (; pulled < 50; pulled += 1) yield randomBytes(chunkBytes);
    }
    const error = await cache.writeStream(download()).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(AttachmentCacheError);
    expect((error as AttachmentCacheError).reason).toBe('disk-full');
    expect((error as Error).message).toBe('The disk is full: the attachment was not stored and nothing was left behind; free some space and try again');
    expect(written).toBe(3);
    // The rest of the download was not pulled through once the disk failed.
    expect(pulled).toBeLessThan(6);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('when its source fails (a download refused as too large), rethrows that error and leaves nothing behind', async () => {
    const dir = tempDir();
    const cache = new AttachmentCache({ dir, key: randomKey() });
    const refusal = new ApiError({ kind: 'too-large', operation: 'getAttachment', detail: 'the reply is larger than 200000 bytes' });
    async function* tooMuch() {
      yield randomBytes(3 * chunkBytes);
      throw refusal;
    }
    await expect(cache.writeStream(tooMuch())).rejects.toBe(refusal);
    expect(readdirSync(dir)).toEqual([]);
    async function* broken() {
      yield randomBytes(10);
      throw new TypeError('terminated');
    }
    await expect(cache.writeStream(broken())).rejects.toThrow('terminated');
    expect(readdirSync(dir)).toEqual([]);
  });
});
