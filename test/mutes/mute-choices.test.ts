import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minutesUntil, muteEnd, tomorrowMorning } from '../../main/core/mutes/mute-choices';

const minute = 60_000;

describe('the mute choices', () => {
  // Node reads TZ afresh when it changes: each test sets the zone whose days it reasons in.
  let zone: string | undefined;
  beforeEach(() => {
    zone = process.env['TZ'];
  });
  afterEach(() => {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  });

  it('ends an hour, eight hours or a year (525600 minutes, the server\'s longest) after now', () => {
    const now = Date.UTC(2026, 11, 5, 13, 7, 30);
    expect(muteEnd('hour', now)).toBe(now + 60 * minute);
    expect(muteEnd('eight-hours', now)).toBe(now + 480 * minute);
    expect(muteEnd('year', now)).toBe(now + 525_600 * minute);
    expect(minutesUntil(muteEnd('year', now), now)).toBe(525_600);
  });

  it('"tomorrow morning" is 08:00 local time on the next calendar day, whatever the hour now', () => {
    process.env['TZ'] = 'America/New_York';
    // 23:59 and 00:01 local on 5 December: both end on the morning after their own date.
    expect(new Date(tomorrowMorning(Date.parse('2026-12-05T23:59:00-05:00'))).toISOString()).toBe('2026-12-06T13:00:00.000Z');
    expect(new Date(tomorrowMorning(Date.parse('2026-12-06T00:01:00-05:00'))).toISOString()).toBe('2026-12-07T13:00:00.000Z');
    // The last day of a year rolls into the next.
    expect(new Date(tomorrowMorning(Date.parse('2026-12-31T20:00:00-05:00'))).toISOString()).toBe('2027-01-01T13:00:00.000Z');
    expect(muteEnd('tomorrow-morning', Date.parse('2026-12-05T10:00:00-05:00'))).toBe(Date.parse('2026-12-06T08:00:00-05:00'));
  });

  it('"tomorrow morning" is still 08:00 across a daylight-saving change, not 24 hours on', () => {
    process.env['TZ'] = 'Europe/Berlin';
    // The night of 28 to 29 March 2026 has 23 hours in Berlin: 08:00 CEST is 06:00 UTC.
    expect(new Date(tomorrowMorning(Date.parse('2026-03-28T22:00:00+01:00'))).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    // 24 to 25 October has 25: 08:00 CET is 07:00 UTC.
    expect(new Date(tomorrowMorning(Date.parse('2026-10-24T22:00:00+02:00'))).toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });

  it('asks the server for whole minutes that reach at least the end, none once it has passed, at most a year', () => {
    expect(minutesUntil(10 * minute, 0)).toBe(10);
    expect(minutesUntil(10 * minute + 1, 0)).toBe(11);
    expect(minutesUntil(1, 0)).toBe(1);
    expect(minutesUntil(0, 0)).toBe(0);
    expect(minutesUntil(-5 * minute, 0)).toBe(0);
    expect(minutesUntil(600_000 * minute, 0)).toBe(525_600);
  });
});
