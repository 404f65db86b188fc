// Reads back the 8-bit RGBA, unfiltered PNGs the app draws, checking every chunk's CRC, so
// that the tests look at the pixels a tray would show.
import { crc32, inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  pixel(x: number, y: number): [number, number, number, number];
}

export function readPng(png: Buffer): DecodedPng {
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG signature');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    if (crc !== crc32(png.subarray(offset + 4, offset + 8 + length))) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6) throw new Error('not 8-bit RGBA');
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      ended = true;
    }
    offset += 12 + length;
  }
  if (!ended) throw new Error('no IEND chunk');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4 + 1;
  if (raw.length !== stride * height) throw new Error(`image data is ${raw.length} bytes, not ${stride * height}`);
  for (let y = 0; y < height; y += 1) if (raw[y * stride] !== 0) throw new Error(`row ${y} uses a filter this reader does not undo`);
  return {
    width,
    height,
    pixel(x, y) {
      const at = y * stride + 1 + x * 4;
      return [raw[at]!, raw[at + 1]!, raw[at + 2]!, raw[at + 3]!];
    },
  };
}

/** How many pixels have exactly this colour. */
export function countColor(image: DecodedPng, rgb: readonly [number, number, number]): number {
  let count = 0;
  for (let y = 0; y < image.height; y += 1) {
    for (let x = 0; x < image.width; x += 1) {
      const [r, g, b, a] = image.pixel(x, y);
      if (a === 255 && r === rgb[0] && g === rgb[1] && b === rgb[2]) count += 1;
    }
  }
  return count;
}
