import { describe, expect, it } from 'vitest';
import { Attention } from '../../main/shell/attention';

function fakeWindow(focused: boolean) {
  const flashes: boolean[] = [];
  const once = new Map<string, () => void>();
  const window = {
    focused,
    isFocused: () => window.focused,
    isDestroyed: () => false,
    flashFrame: (flag: boolean) => void flashes.push(flag),
    once: (event: string, listener: () => void) => {
      once.set(event, listener);
      return window;
    },
  };
  return { window, flashes, once };
}

describe('asking for attention on a high-priority message', () => {
  it('flashes the frame until the window is focused, once however many arrive', () => {
    const { window, flashes, once } = fakeWindow(false);
    const attention = new Attention({ window: window as never });
    attention.request();
    attention.request();
    expect(flashes).toEqual([true]);
    once.get('focus')?.();
    expect(flashes).toEqual([true, false]);
    attention.request();
    expect(flashes).toEqual([true, false, true]);
  });

  it('bounces the dock on macOS instead', () => {
    const { window, flashes } = fakeWindow(false);
    const bounces: string[] = [];
    new Attention({ window: window as never, dock: { bounce: (type) => (bounces.push(type ?? ''), 1) } }).request();
    expect(bounces).toEqual(['critical']);
    expect(flashes).toEqual([]);
  });

  it('does nothing while the window has the focus', () => {
    const { window, flashes } = fakeWindow(true);
    new Attention({ window: window as never }).request();
    expect(flashes).toEqual([]);
  });
});
