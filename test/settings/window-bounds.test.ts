import { describe, expect, it } from 'vitest';
import { readWindowState, restoredBounds } from '../../main/core/settings/window-bounds';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const external = { x: 1440, y: 0, width: 2560, height: 1400 };
const minimum = { width: 640, height: 480 };

describe('where the window reopens', () => {
  it('is where it was, on a display that is still there', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 900 }, maximized: false };
    expect(restoredBounds(saved, [laptop, external], minimum)).toEqual(saved.bounds);
  });

  it('is left to the OS when its display is gone', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 900 }, maximized: false };
    expect(restoredBounds(saved, [laptop], minimum)).toBeNull();
  });

  it('is left to the OS when only a sliver of the title bar would show', () => {
    const saved = { bounds: { x: 1400, y: 100, width: 800, height: 600 }, maximized: false };
    expect(restoredBounds(saved, [laptop], minimum)).toBeNull();
  });

  it('fits the display and the minimum size', () => {
    const saved = { bounds: { x: 10, y: 10, width: 3000, height: 200 }, maximized: true };
    expect(restoredBounds(saved, [laptop], minimum)).toEqual({ x: 10, y: 10, width: 1440, height: 480 });
  });

  it('is read only from a well-formed stored state', () => {
    expect(readWindowState({ bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: false })).not.toBeNull();
    expect(readWindowState({ bounds: { x: 1.5, y: 2, width: 800, height: 600 }, maximized: false })).toBeNull();
    expect(readWindowState({ bounds: { x: 1, y: 2, width: 0, height: 600 }, maximized: false })).toBeNull();
    expect(readWindowState('garbage')).toBeNull();
    expect(restoredBounds(null, [laptop], minimum)).toBeNull();
  });
});
