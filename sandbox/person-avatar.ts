/**
 * Every person's picture, drawn when asked: a small PNG in a colour taken from the person's
 * token, so each person keeps one colour and two people rarely share one. Nothing is stored:
 * the real service serves pictures people upload; here the clients only need one to fetch.
 */
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

const size = 32;

export function personAvatarPng(token: string): Buffer {
  const [red, green, blue] = colourOf(token);
  const row = Buffer.alloc(1 + size * 3);
  // Filter byte 0 (none), then the row's pixels.
  for (let x = 0; x < size; x += 1) row.set([red, green, blue], 1 + x * 3);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits a channel, RGB, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A mid-tone colour (each channel 64..191), readable behind white initials. */
function colourOf(token: string): [number, number, number] {
  const digest = createHash('sha256').update(token).digest();
  return [64 + (digest[0]! % 128), 64 + (digest[1]! % 128), 64 + (digest[2]! % 128)];
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed), 0);
  return Buffer.concat([length, typed, crc]);
}
