import { describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from '../../main/core/log/logger';
import { createExpiryTimer, MAX_TIMER_DELAY_MS } from '../../main/core/lifecycle/expiry-timer';
import { ManualClock } from '../support/manual-clock';
import { eventually } from '../sync/expectations';

const day = 24 * 60 * 60_000;

describe('the expiry timer', () => {
  it('waits in steps for an expiry further away than setTimeout can wait, and fires on time', async () => {
    const clock = new ManualClock();
    const due = clock.now() + 40 * day;
    const runs: number[] = [];
    const timer = createExpiryTimer({
      clock,
      log: createLogger('test', () => undefined),
      nextExpiry: () => (runs.length === 0 ? due : null),
      expire: async (now) => {
        if (now >= due) runs.push(now);
      },
    });
    timer.rearm();
    expect(clock.scheduled).toEqual([clock.now() + MAX_TIMER_DELAY_MS]);
    clock.advance(MAX_TIMER_DELAY_MS);
    await timer.idle();
    expect(runs).toEqual([]);
    expect(clock.scheduled).toEqual([due]);
    clock.advance(due - clock.now());
    await timer.idle();
    expect(runs).toEqual([due]);
    expect(clock.scheduled).toEqual([]);
  });

  it('retries a failed run after a pause instead of at once, and logs why', async () => {
    const clock = new ManualClock();
    const records: LogRecord[] = [];
    let attempts = 0;
    const timer = createExpiryTimer({
      clock,
      log: createLogger('test', (record) => records.push(record)),
      nextExpiry: () => (attempts < 2 ? clock.now() : null),
      retryMs: 5_000,
      expire: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('database is locked');
      },
    });
    timer.rearm();
    clock.advance(0);
    await eventually(() => expect(attempts).toBe(1));
    await timer.idle();
    expect(clock.scheduled).toEqual([clock.now() + 5_000]);
    expect(records.map((r) => r.message)).toEqual(['erasing expired messages failed; retrying']);
    clock.advance(5_000);
    await eventually(() => expect(attempts).toBe(2));
  });

  it('arms nothing after stop', () => {
    const clock = new ManualClock();
    const timer = createExpiryTimer({ clock, log: createLogger('test', () => undefined), nextExpiry: () => clock.now() + 1_000, expire: async () => undefined });
    timer.rearm();
    timer.stop();
    timer.rearm();
    expect(clock.scheduled).toEqual([]);
  });
});
