/**
 * Where the window reopens: where it was, unless the screen it was on is gone (a laptop
 * off its dock) — then the OS places it. A window is only put back where enough of its
 * title bar shows on some display to be dragged.
 */
import * as v from 'valibot';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const integer = v.pipe(v.number(), v.integer());
const windowStateSchema = v.object({
  bounds: v.object({ x: integer, y: integer, width: v.pipe(integer, v.minValue(1)), height: v.pipe(integer, v.minValue(1)) }),
  maximized: v.boolean(),
});

/** A stored state, or null when there is none or it is not one. */
export function readWindowState(stored: unknown): WindowState | null {
  const parsed = v.safeParse(windowStateSchema, stored);
  return parsed.success ? parsed.output : null;
}

const titleBarHeight = 32;
const minimumVisibleWidth = 100;

/**
 * The bounds to open with, or null to let the OS choose. The size is kept within
 * `minimum` and the work area of the display the window lands on.
 */
export function restoredBounds(
  saved: WindowState | null,
  workAreas: readonly Rectangle[],
  minimum: { width: number; height: number },
): Rectangle | null {
  if (saved === null) return null;
  const titleBar = { ...saved.bounds, height: titleBarHeight };
  const area = workAreas.find((candidate) => {
    const overlap = intersection(titleBar, candidate);
    return overlap !== null && overlap.width >= Math.min(minimumVisibleWidth, saved.bounds.width) && overlap.height >= titleBarHeight / 2;
  });
  if (area === undefined) return null;
  return {
    x: saved.bounds.x,
    y: saved.bounds.y,
    width: clamp(saved.bounds.width, minimum.width, Math.max(minimum.width, area.width)),
    height: clamp(saved.bounds.height, minimum.height, Math.max(minimum.height, area.height)),
  };
}

function intersection(a: Rectangle, b: Rectangle): Rectangle | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
