import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBackoff } from '../../main/core/events/backoff';

describe('backoff', () => {
  it('doubles the full-jitter ceiling per failure up to the cap, scaled by the injected random', () => {
    const backoff = createBackoff({ baseMs: 100, capMs: 1_000, random: () => 0.5 });
    const delays = Array.from({ length: 7 }, () => backoff.next());
    expect(delays).toEqual([50, 100, 200, 400, 500, 500, 500]);
    expect(backoff.attempts).toBe(7);
  });

  it('spans zero to the ceiling with full jitter', () => {
    const low = createBackoff({ baseMs: 100, capMs: 1_000, random: () => 0 });
    const high = createBackoff({ baseMs: 100, capMs: 1_000, random: () => 0.999 });
    expect([low.next(), low.next()]).toEqual([0, 0]);
    expect([high.next(), high.next(), high.next()]).toEqual([99, 199, 399]);
  });

  it('starts over from the first step after reset', () => {
    const backoff = createBackoff({ baseMs: 100, capMs: 1_000, random: () => 0.5 });
    const first = backoff.next();
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(first);
  });

  it('never returns a delay below zero or above the cap, however many failures', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 80 }),
        (baseMs, extra, draws) => {
          const capMs = baseMs + extra;
          let i = 0;
          const backoff = createBackoff({ baseMs, capMs, random: () => draws[i++ % draws.length] as number });
          for (let n = 0; n < draws.length; n++) {
            const delay = backoff.next();
            expect(delay).toBeGreaterThanOrEqual(0);
            expect(delay).toBeLessThanOrEqual(capMs);
            expect(Number.isInteger(delay)).toBe(true);
          }
        },
      ),
    );
  });

  it('refuses a base that is not positive or a cap below the base', () => {
    expect(() => createBackoff({ baseMs: 0, capMs: 10, random: Math.random })).toThrow(RangeError);
    expect(() => createBackoff({ baseMs: 100, capMs: 10, random: Math.random })).toThrow(RangeError);
  });
});
