import { describe, expect, it } from 'vitest';
import { createWatchdog } from '../../main/core/events/watchdog';
import { ManualClock } from '../support/manual-clock';

function setup(silenceMs = 100) {
  const clock = new ManualClock(1_000_000);
  const fired: number[] = [];
  const watchdog = createWatchdog({ silenceMs, clock, onSilence: () => fired.push(clock.now()) });
  return { clock, fired, watchdog };
}

describe('watchdog', () => {
  it('fires once when nothing arrives for the allowed silence', () => {
    const { clock, fired, watchdog } = setup();
    const started = clock.now();
    watchdog.start();
    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([started + 100]);
    clock.advance(1_000);
    expect(fired).toHaveLength(1);
    expect(watchdog.running).toBe(false);
  });

  it('counts the silence from the last thing that arrived', () => {
    const { clock, fired, watchdog } = setup();
    const started = clock.now();
    watchdog.start();
    clock.advance(60);
    watchdog.feed();
    clock.advance(60);
    expect(fired).toEqual([]);
    watchdog.feed();
    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([started + 220]);
  });

  it('keeps one timer however often it is fed', () => {
    const { clock, watchdog } = setup();
    watchdog.start();
    for (let i = 0; i < 1_000; i++) watchdog.feed();
    expect(clock.pendingDelays).toEqual([100]);
  });

  it('does not fire once stopped, and counts afresh when started again', () => {
    const { clock, fired, watchdog } = setup();
    watchdog.start();
    clock.advance(50);
    watchdog.stop();
    clock.advance(500);
    expect(fired).toEqual([]);
    watchdog.start();
    watchdog.start();
    expect(clock.pendingDelays).toEqual([100]);
    clock.advance(100);
    expect(fired).toHaveLength(1);
  });

  it('refuses a silence that is not positive', () => {
    expect(() => createWatchdog({ silenceMs: 0, clock: new ManualClock(1_000_000), onSilence: () => undefined })).toThrow(RangeError);
  });
});
