import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../main/core/api';

const now = Date.parse('2026-11-26T06:00:00.000Z');
const clock = () => now;

describe('parseRetryAfter', () => {
  it('reads delta-seconds as milliseconds', () => {
    expect(parseRetryAfter('0', clock)).toBe(0);
    expect(parseRetryAfter('30', clock)).toBe(30_000);
    expect(parseRetryAfter(' 5 ', clock)).toBe(5_000);
  });

  it('reads an IMF-fixdate as the milliseconds until it', () => {
    expect(parseRetryAfter('Thu, 26 Nov 2026 06:00:45 GMT', clock)).toBe(45_000);
  });

  it('reads the obsolete RFC 850 and asctime date forms too', () => {
    expect(parseRetryAfter('Thursday, 26-Nov-26 06:01:00 GMT', clock)).toBe(60_000);
    expect(parseRetryAfter('Thu Nov 26 06:00:10 2026', () => Date.parse('Thu Nov 26 06:00:00 2026'))).toBe(10_000);
  });

  it('gives 0 for a date already past', () => {
    expect(parseRetryAfter('Wed, 25 Nov 2026 06:00:00 GMT', clock)).toBe(0);
  });

  it('gives undefined for an absent or unreadable value', () => {
    for (const value of [undefined, null, '', '-5', '1.5', 'soon', '2026-11-26', 'Thu, 99 Foo 2026 GMT']) {
      expect(parseRetryAfter(value, clock)).toBeUndefined();
    }
  });

  it('never throws and never gives a negative or fractional wait, whatever the header holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.nat().map(String), fc.date({ noInvalidDate: true }).map((d) => d.toUTCString())), (value) => {
        const ms = parseRetryAfter(value, clock);
        return ms === undefined || (Number.isSafeInteger(ms) && ms >= 0);
      }),
    );
  });
});
