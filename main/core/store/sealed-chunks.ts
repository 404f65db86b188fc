/**
 * The attachment cache's file format, as pure transformations of byte streams (no I/O).
 *
 * Version 2 (written): the plaintext cut into chunks of `chunkBytes`, each sealed on its own
 * with AES-256-GCM, so that a file of any size is written and read a chunk at a time and every
 * chunk is verified before its plaintext is handed on. This is the STREAM construction
 * (Hoang, Reyhanitabar, Rogaway, Vizár 2015):
 *
 *   file   = header | sealed chunk 0 | sealed chunk 1 | ... | sealed chunk n (the final one)
 *   header = 0x02 | 8-byte random prefix (new for every file)
 *   chunk  = AES-256-GCM ciphertext | 16-byte tag
 *   IV     = prefix | chunk index (4 bytes, big-endian)     -- never repeats under one key
 *   AAD    = header | chunk index | final flag (1 byte) | the file's name
 *
 * Every chunk but the last holds exactly `chunkBytes`; the last holds 0 to `chunkBytes` (0 only
 * for an empty attachment) and is the only one sealed with the final flag. So a reader detects:
 * a chunk altered (its tag); chunks reordered or dropped (the index is in the IV and the AAD);
 * the file cut at a chunk boundary (the new last chunk was not sealed as final); bytes or chunks
 * appended (the real final chunk is then not last, and is opened as non-final); a chunk or whole
 * file swapped in from another file (another prefix, another name in the AAD); another key.
 *
 * Version 1 (read only): version 0x01 | 12-byte IV | 16-byte tag | one GCM ciphertext of the
 * whole file, the file's name as AAD. It is verified only once the whole file is read, so it
 * is read whole.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** How much plaintext one sealed chunk holds. */
export const chunkBytes = 64 * 1024;

const tagBytes = 16;
const sealedChunkBytes = chunkBytes + tagBytes;
const prefixBytes = 8;
const headerBytes = 1 + prefixBytes;
// 2^32 chunks of 64 KiB: 256 TiB, far past any cap on an attachment.
const maxChunks = 2 ** 32;
const v1IvBytes = 12;

/** The file fails authentication: altered, cut, extended, from another file or another key. */
export class BrokenSeal extends Error {
  override readonly name = 'BrokenSeal';
}

/** Seals `plain` for the file called `name`: yields the header, then each sealed chunk as soon as it is full. */
export async function* sealChunks(key: Buffer, name: string, plain: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Buffer, void, undefined> {
  const header = Buffer.concat([Buffer.from([2]), randomBytes(prefixBytes)]);
  yield header;
  const pending = new PendingBytes();
  let index = 0;
  for await (const piece of plain) {
    pending.add(piece);
    // A full chunk is sealed only once a byte past it has come: until then it may be the final one.
    while (pending.length > chunkBytes) yield sealChunk(key, header, name, index++, pending.take(chunkBytes), false);
  }
  yield sealChunk(key, header, name, index, pending.take(pending.length), true);
}

/**
 * Opens the sealed file `name` (version 1 or 2), yielding plaintext that has been verified:
 * a chunk is handed on only after its tag checked out. Throws BrokenSeal at the first chunk that does not.
 */
export async function* openChunks(key: Buffer, name: string, sealed: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer, void, undefined> {
  const pending = new PendingBytes();
  const source = sealed[Symbol.asyncIterator]();
  let header: Buffer | undefined;
  let index = 0;
  for (;;) {
    const next = await source.next();
    if (next.done === true) break;
    pending.add(next.value);
    if (header === undefined) {
      if (pending.length === 0) continue;
      if (pending.first() === 1) {
        yield await openVersion1(key, name, pending, source);
        return;
      }
      if (pending.first() !== 2) throw new BrokenSeal('unknown version');
      if (pending.length < headerBytes) continue;
      header = pending.take(headerBytes);
    }
    // A whole sealed chunk is opened as non-final only once a byte past it proves it is not the last.
    while (pending.length > sealedChunkBytes) yield openChunk(key, header, name, index++, pending.take(sealedChunkBytes), false);
  }
  if (header === undefined) throw new BrokenSeal('no header');
  // The header alone, or a last piece too short to hold a tag: chunks were cut off.
  if (pending.length < tagBytes) throw new BrokenSeal('no final chunk');
  yield openChunk(key, header, name, index, pending.take(pending.length), true);
}

function sealChunk(key: Buffer, header: Buffer, name: string, index: number, plain: Buffer, final: boolean): Buffer {
  if (index >= maxChunks) throw new RangeError('too many chunks for one file');
  const cipher = createCipheriv('aes-256-gcm', key, ivOf(header, index));
  cipher.setAAD(aadOf(header, name, index, final));
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function openChunk(key: Buffer, header: Buffer, name: string, index: number, sealed: Buffer, final: boolean): Buffer {
  if (index >= maxChunks) throw new BrokenSeal('too many chunks');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivOf(header, index));
    decipher.setAAD(aadOf(header, name, index, final));
    decipher.setAuthTag(sealed.subarray(sealed.length - tagBytes));
    const plain = decipher.update(sealed.subarray(0, sealed.length - tagBytes));
    // final() is what checks the tag: nothing of this chunk is returned before it passes.
    decipher.final();
    return plain;
  } catch {
    throw new BrokenSeal(`chunk ${index} fails authentication`);
  }
}

function ivOf(header: Buffer, index: number): Buffer {
  const iv = Buffer.alloc(prefixBytes + 4);
  header.copy(iv, 0, 1, headerBytes);
  iv.writeUInt32BE(index, prefixBytes);
  return iv;
}

function aadOf(header: Buffer, name: string, index: number, final: boolean): Buffer {
  const position = Buffer.alloc(5);
  position.writeUInt32BE(index, 0);
  position[4] = final ? 1 : 0;
  return Buffer.concat([header, position, Buffer.from(name)]);
}

/** A version-1 file: one GCM seal over the whole file, so it can only be verified (and handed on) whole. */
async function openVersion1(key: Buffer, name: string, pending: PendingBytes, rest: AsyncIterator<Uint8Array>): Promise<Buffer> {
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) pending.add(next.value);
  const sealed = pending.take(pending.length);
  if (sealed.length < 1 + v1IvBytes + tagBytes) throw new BrokenSeal('version 1 file too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + v1IvBytes));
    decipher.setAAD(Buffer.from(name));
    decipher.setAuthTag(sealed.subarray(1 + v1IvBytes, 1 + v1IvBytes + tagBytes));
    const plain = decipher.update(sealed.subarray(1 + v1IvBytes + tagBytes));
    decipher.final();
    return plain;
  } catch {
    throw new BrokenSeal('version 1 file fails authentication');
  }
}

/** Bytes received in pieces of any size, taken out in pieces of the size the format needs. */
class PendingBytes {
  private pieces: Buffer[] = [];
  length = 0;

  add(piece: Uint8Array): void {
    if (piece.byteLength === 0) return;
    this.pieces.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    this.length += piece.byteLength;
  }

  first(): number | undefined {
    return this.pieces[0]?.[0];
  }

  /** The first `count` bytes (count <= length); a part is copied out, so that it does not keep the rest alive. */
  take(count: number): Buffer {
    const whole = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces);
    if (count === whole.length) {
      this.pieces = [];
      this.length = 0;
      return whole;
    }
    const taken = Buffer.from(whole.subarray(0, count));
    const rest = whole.subarray(count);
    this.pieces = rest.length === 0 ? [] : [rest];
    this.length = rest.length;
    return taken;
  }
}
