/**
 * The expiry countdown under a message: a lifetime just begun reads as the whole lifetime, and
 * near the end it never shows more time than is left.
 */
import { describe, expect, it } from 'vitest';
import { remaining } from '../../renderer/src/format/time';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

describe('the expiry countdown', () => {
  it('reads a lifetime just begun (a few seconds or milliseconds spent sending) as the whole lifetime', () => {
    expect(remaining(7 * day - 3 * second)).toBe('7 days');
    expect(remaining(7 * day - 1)).toBe('7 days');
    expect(remaining(day - 2 * second)).toBe('1 day');
    expect(remaining(8 * hour - 5 * second)).toBe('8 h 0 min');
    expect(remaining(2 * day - 40 * second)).toBe('2 days');
  });

  it('counts down in whole units, showing a lower day once a minute of it has passed', () => {
    expect(remaining(7 * day - 61 * second)).toBe('6 days');
    expect(remaining(2 * day + 5 * hour)).toBe('2 days');
    expect(remaining(90 * minute)).toBe('1 h 30 min');
    expect(remaining(hour)).toBe('1 h 0 min');
  });

  it('under an hour, counts to the second and never shows more than is left', () => {
    expect(remaining(hour - 1)).toBe('59:59');
    expect(remaining(59 * second + 999)).toBe('0:59');
    expect(remaining(999)).toBe('0:00');
    expect(remaining(4 * minute + 5 * second)).toBe('4:05');
    for (let left = 0; left < hour; left += 7_777) {
      const [m, s] = remaining(left).split(':').map(Number);
      expect(m! * minute + s! * second).toBeLessThanOrEqual(left);
    }
  });

  it('never reads below zero for a message already due', () => {
    expect(remaining(-5 * second)).toBe('0:00');
  });
});
