// The tray icon (the app mark with the unread count) and the Windows taskbar overlay,
// drawn at 32x32 pixels for a 16x16 point icon at scale factor 2.
import type { TrayImageName } from './badge';
import { encodePng } from './png-encoding';
import type { Bitmap } from './png-encoding';

const imageSize = 32;
export const imageScaleFactor = 2;

type Color = readonly [number, number, number, number];
const tigerOrange: Color = [242, 140, 40, 255];
const white: Color = [255, 255, 255, 255];
const unreadRed: Color = [217, 48, 37, 255];
const priorityAmber: Color = [255, 193, 7, 255];

// 3x5 glyphs, drawn at twice their size.
const glyphs: Record<string, readonly string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '001', '001', '001'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
};

/** The label a tray image carries: '' for none. */
function trayLabel(name: TrayImageName): string {
  if (name === 'tray-0') return '';
  return name === 'tray-9plus' ? '9+' : name.slice('tray-'.length);
}

export function trayIconPng(name: TrayImageName): Buffer {
  const canvas = blank();
  disc(canvas, 15.5, 15.5, 14, tigerOrange);
  fill(canvas, 8, 7, 16, 4, white);
  fill(canvas, 14, 7, 4, 18, white);
  const label = trayLabel(name);
  if (label !== '') badge(canvas, label, 22, 22, 9.5, false);
  return encodePng(canvas);
}

/** The taskbar overlay: the count on a red disc, ringed in amber when a high-priority message is unread. */
export function overlayPng(label: string, priority: boolean): Buffer {
  const canvas = blank();
  badge(canvas, label, 15.5, 15.5, 15.5, priority);
  return encodePng(canvas);
}

function badge(canvas: Bitmap, label: string, cx: number, cy: number, radius: number, priority: boolean): void {
  if (priority) {
    disc(canvas, cx, cy, radius, priorityAmber);
    disc(canvas, cx, cy, radius - 3, unreadRed);
  } else {
    disc(canvas, cx, cy, radius, unreadRed);
  }
  text(canvas, label, cx, cy);
}

function blank(): Bitmap {
  return { width: imageSize, height: imageSize, pixels: new Uint8Array(imageSize * imageSize * 4) };
}

function put(canvas: Bitmap, x: number, y: number, color: Color): void {
  if (x < 0 || y < 0 || x >= canvas.width || y >= canvas.height) return;
  canvas.pixels.set(color, (y * canvas.width + x) * 4);
}

function fill(canvas: Bitmap, x: number, y: number, width: number, height: number, color: Color): void {
  for (let row = y; row < y + height; row += 1) for (let column = x; column < x + width; column += 1) put(canvas, column, row, color);
}

function disc(canvas: Bitmap, cx: number, cy: number, radius: number, color: Color): void {
  for (let y = 0; y < canvas.height; y += 1) {
    for (let x = 0; x < canvas.width; x += 1) if ((x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2) put(canvas, x, y, color);
  }
}

/** Centred on (cx, cy), each glyph cell 2x2 pixels, 2 pixels between glyphs. */
function text(canvas: Bitmap, label: string, cx: number, cy: number): void {
  const width = label.length * 6 + (label.length - 1) * 2;
  let left = Math.round(cx - width / 2);
  const top = Math.round(cy - 5);
  for (const character of label) {
    const rows = glyphs[character];
    if (rows === undefined) throw new RangeError(`No glyph for ${JSON.stringify(character)}`);
    rows.forEach((row, y) => {
      [...row].forEach((cell, x) => {
        if (cell === '1') fill(canvas, left + x * 2, top + y * 2, 2, 2, white);
      });
    });
    left += 8;
  }
}
