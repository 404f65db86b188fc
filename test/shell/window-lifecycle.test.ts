import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WindowState } from '../../main/core/settings/window-bounds';
import { closeToTray } from '../../main/shell/close-to-tray';
import { quitGracefully } from '../../main/shell/graceful-quit';
import { holdSingleInstance } from '../../main/shell/single-instance';
import { rememberWindowState } from '../../main/shell/window-state';

/** An event that can be prevented, as Electron passes to `close` and `before-quit`. */
function preventable() {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

describe('closing the window', () => {
  it('hides it to the tray and shows the notice only the first time', () => {
    const window = Object.assign(new EventEmitter(), { hidden: 0, hide: () => void (window.hidden += 1) });
    let noticeShown = false;
    let notices = 0;
    closeToTray({
      window: window as never,
      quitting: () => false,
      noticeShown: () => noticeShown,
      showNotice: () => {
        notices += 1;
        noticeShown = true;
      },
    });
    const first = preventable();
    window.emit('close', first);
    window.emit('close', preventable());
    expect(first.prevented).toBe(true);
    expect(window.hidden).toBe(2);
    expect(notices).toBe(1);
  });

  it('really closes it once the user quits', () => {
    const window = Object.assign(new EventEmitter(), { hide: () => {} });
    closeToTray({ window: window as never, quitting: () => true, noticeShown: () => true, showNotice: () => {} });
    const event = preventable();
    window.emit('close', event);
    expect(event.prevented).toBe(false);
  });
});

describe('quitting', () => {
  it('waits for the shutdown once, then quits for real', async () => {
    const app = Object.assign(new EventEmitter(), { quits: 0, quit: () => void (app.quits += 1) });
    let finish: () => void = () => {};
    let shutdowns = 0;
    const quit = quitGracefully(
      app as never,
      () => {
        shutdowns += 1;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      { timeoutMs: 10_000, failed: () => {} },
    );
    expect(quit.quitting).toBe(false);
    const first = preventable();
    app.emit('before-quit', first);
    const second = preventable();
    app.emit('before-quit', second);
    expect([first.prevented, second.prevented, quit.quitting, shutdowns, app.quits]).toEqual([true, true, true, 1, 0]);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(app.quits).toBe(1);
    const last = preventable();
    app.emit('before-quit', last);
    expect(last.prevented).toBe(false);
  });

  it('quits anyway when the shutdown hangs past its time, or fails', async () => {
    const app = Object.assign(new EventEmitter(), { quits: 0, quit: () => void (app.quits += 1) });
    quitGracefully(app as never, () => new Promise<void>(() => {}), { timeoutMs: 20, failed: () => {} });
    app.emit('before-quit', preventable());
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(app.quits).toBe(1);

    const failures: unknown[] = [];
    const other = Object.assign(new EventEmitter(), { quits: 0, quit: () => void (other.quits += 1) });
    quitGracefully(other as never, () => Promise.reject(new Error('disk gone')), { timeoutMs: 10_000, failed: (error) => failures.push(error) });
    other.emit('before-quit', preventable());
    await new Promise((resolve) => setImmediate(resolve));
    expect(other.quits).toBe(1);
    expect(failures).toHaveLength(1);
  });
});

describe('a second launch', () => {
  it('shows the first instance instead of starting another', () => {
    const app = Object.assign(new EventEmitter(), { requestSingleInstanceLock: () => true });
    let shown = 0;
    expect(holdSingleInstance(app as never, () => (shown += 1))).toBe(true);
    app.emit('second-instance');
    expect(shown).toBe(1);
  });

  it('tells the second instance to quit', () => {
    const app = Object.assign(new EventEmitter(), { requestSingleInstanceLock: () => false });
    expect(holdSingleInstance(app as never, () => {})).toBe(false);
    expect(app.listenerCount('second-instance')).toBe(0);
  });
});

describe('remembering the window', () => {
  function fakeWindow() {
    const window = Object.assign(new EventEmitter(), {
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: false,
      getNormalBounds: () => ({ ...window.bounds }),
      isMaximized: () => window.maximized,
      isDestroyed: () => false,
    });
    return window;
  }

  it('saves once after a burst of moves, not again when nothing changed, and at once on close', () => {
    const window = fakeWindow();
    const saved: WindowState[] = [];
    const timers: (() => void)[] = [];
    rememberWindowState({
      window: window as never,
      save: (state) => saved.push(state),
      setTimeout: (callback) => timers.push(callback) - 1,
      clearTimeout: (handle) => {
        timers[handle as number] = () => {};
      },
    });
    for (const x of [11, 12, 13]) {
      window.bounds.x = x;
      window.emit('move');
    }
    for (const run of timers) run();
    expect(saved).toEqual([{ bounds: { x: 13, y: 20, width: 1000, height: 700 }, maximized: false }]);
    window.emit('resize');
    for (const run of timers) run();
    expect(saved).toHaveLength(1);
    window.maximized = true;
    window.emit('maximize');
    window.emit('close');
    expect(saved.at(-1)).toEqual({ bounds: { x: 13, y: 20, width: 1000, height: 700 }, maximized: true });
    expect(saved).toHaveLength(2);
  });
});
