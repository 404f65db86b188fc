// What locks the window besides the user, with a manual clock and the OS's idle time set by the
// test: the time without input, the screen locking and sleep.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { idleCheck } from '../../main/core/lock/idle-check';
import type { LockReason } from '../../main/core/lock/screen-lock';
import { lockWhenIdle } from '../../main/shell/idle-lock';
import type { DesktopPlatform } from '../../main/shell/platform';
import { ManualClock } from '../support/manual-clock';

describe('the idle check', () => {
  it('locks once the idle time reaches the timeout, and otherwise looks again when it would', () => {
    expect(idleCheck(0, 10)).toEqual({ lockNow: false, nextCheckMs: 600_000 });
    expect(idleCheck(540, 10)).toEqual({ lockNow: false, nextCheckMs: 60_000 });
    expect(idleCheck(600, 10)).toEqual({ lockNow: true, nextCheckMs: 600_000 });
    // Never more often than once a second.
    expect(idleCheck(599.9, 10).nextCheckMs).toBe(1_000);
  });
});

function desktop(timeoutMinutes = 10) {
  const clock = new ManualClock();
  // The OS's idle time follows the clock, unless the person touches something (`input`).
  let lastInput = clock.now();
  const power = new EventEmitter();
  const powerMonitor = Object.assign(power, { getSystemIdleTime: () => (clock.now() - lastInput) / 1000 }) as unknown as DesktopPlatform['powerMonitor'];
  const locks: LockReason[] = [];
  let timeout = timeoutMinutes;
  const watcher = lockWhenIdle({ powerMonitor, clock, timeoutMinutes: () => timeout, lock: (reason) => locks.push(reason) });
  return {
    clock,
    power,
    locks,
    watcher,
    input: () => (lastInput = clock.now()),
    setTimeoutMinutes: (minutes: number) => {
      timeout = minutes;
      watcher.reschedule();
    },
  };
}

describe('locking when idle, locked or asleep', () => {
  it('locks after the minutes without input, not before, and input moves the moment on', () => {
    const { clock, locks, input } = desktop(10);
    clock.advance(9 * 60_000);
    input();
    clock.advance(9 * 60_000);
    expect(locks).toEqual([]);
    clock.advance(60_000);
    expect(locks).toEqual(['idle']);
  });

  it('applies a shorter timeout at once', () => {
    const { clock, locks, setTimeoutMinutes } = desktop(10);
    clock.advance(3 * 60_000);
    setTimeoutMinutes(2);
    expect(locks).toEqual(['idle']);
  });

  it('locks at once when the OS locks its screen or goes to sleep', () => {
    const { power, locks } = desktop(10);
    power.emit('lock-screen');
    power.emit('suspend');
    expect(locks).toEqual(['os-locked', 'sleep']);
  });

  it('keeps one timer at a time, none firing more often than once a second, and none after it stops', () => {
    const { clock, power, locks, watcher } = desktop(1);
    for (let i = 0; i < 5; i += 1) clock.advance(30_000);
    expect(clock.pending).toBe(1);
    expect(Math.min(...clock.pendingDelays)).toBeGreaterThanOrEqual(1_000);
    watcher.stop();
    const before = locks.length;
    clock.advance(10 * 60_000);
    power.emit('lock-screen');
    expect(locks.length).toBe(before);
    expect(clock.pending).toBe(0);
  });
});
