import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { doNotDisturbAt, insideSchedule, nextScheduleChange } from '../../main/core/settings/dnd-schedule';
import { createDoNotDisturbTimer } from '../../main/core/settings/dnd-timer';
import { defaultPreferences, updatePreferences } from '../../main/core/settings/preferences';
import { ManualClock } from '../support/manual-clock';

// Node reads TZ afresh when it changes: the schedule is in the user's local time.
let zone: string | undefined;
beforeEach(() => {
  zone = process.env['TZ'];
  process.env['TZ'] = 'America/Chicago';
});
afterEach(() => {
  if (zone === undefined) delete process.env['TZ'];
  else process.env['TZ'] = zone;
});

/** A moment of local (Chicago, UTC-6 in December) time on 5 December 2026. */
const at = (time: string, day = 5) => Date.parse(`2026-12-${String(day).padStart(2, '0')}T${time}:00-06:00`);
const night = { enabled: true, from: '22:00', to: '07:00' };
const lunch = { enabled: true, from: '12:00', to: '13:30' };

describe('the Do Not Disturb schedule', () => {
  it('spans midnight: on from 22:00 until just before 07:00, off from 07:00', () => {
    expect(insideSchedule(night, at('21:59'))).toBe(false);
    expect(insideSchedule(night, at('22:00'))).toBe(true);
    expect(insideSchedule(night, at('23:59'))).toBe(true);
    expect(insideSchedule(night, at('00:00', 6))).toBe(true);
    expect(insideSchedule(night, at('06:59', 6))).toBe(true);
    expect(insideSchedule(night, at('07:00', 6))).toBe(false);
    expect(insideSchedule(night, at('12:00', 6))).toBe(false);
  });

  it('within one day: from its start, up to its end', () => {
    expect(insideSchedule(lunch, at('11:59'))).toBe(false);
    expect(insideSchedule(lunch, at('12:00'))).toBe(true);
    expect(insideSchedule(lunch, at('13:29'))).toBe(true);
    expect(insideSchedule(lunch, at('13:30'))).toBe(false);
  });

  it('does nothing while turned off; the switch turns Do Not Disturb on whatever the schedule', () => {
    expect(insideSchedule({ ...night, enabled: false }, at('23:00'))).toBe(false);
    expect(doNotDisturbAt({ doNotDisturb: false, doNotDisturbSchedule: night }, at('23:00'))).toBe(true);
    expect(doNotDisturbAt({ doNotDisturb: false, doNotDisturbSchedule: night }, at('12:00'))).toBe(false);
    expect(doNotDisturbAt({ doNotDisturb: true, doNotDisturbSchedule: night }, at('12:00'))).toBe(true);
  });

  it('names its next start or end, across midnight, and none while off', () => {
    expect(nextScheduleChange(night, at('12:00'))).toBe(at('22:00'));
    expect(nextScheduleChange(night, at('22:00'))).toBe(at('07:00', 6));
    expect(nextScheduleChange(night, at('03:00', 6))).toBe(at('07:00', 6));
    expect(nextScheduleChange(lunch, at('14:00'))).toBe(at('12:00', 6));
    expect(nextScheduleChange({ ...night, enabled: false }, at('12:00'))).toBeNull();
  });

  it('is off by default, 22:00 to 07:00 once turned on; a schedule that starts where it ends is refused', () => {
    expect(defaultPreferences.doNotDisturbSchedule).toEqual({ enabled: false, from: '22:00', to: '07:00' });
    expect(updatePreferences(defaultPreferences, { doNotDisturbSchedule: night }, {}).doNotDisturbSchedule).toEqual(night);
    expect(() => updatePreferences(defaultPreferences, { doNotDisturbSchedule: { enabled: true, from: '08:00', to: '08:00' } }, {}))
      .toThrow('The Do Not Disturb schedule must start and end at different times; both are 08:00');
  });
});

describe('the Do Not Disturb timer', () => {
  it('wakes at each start and end of the schedule, and only then', () => {
    const clock = new ManualClock(at('21:00'));
    let preferences = { doNotDisturb: false, doNotDisturbSchedule: night };
    const told: boolean[] = [];
    const timer = createDoNotDisturbTimer({ clock, preferences: () => preferences, changed: (on) => told.push(on) });
    timer.rearm();
    clock.advance(60 * 60_000 - 1);
    expect(told).toEqual([]);
    clock.advance(1);
    expect(told).toEqual([true]);
    clock.advance(9 * 60 * 60_000);
    expect(told).toEqual([true, false]);
    // One timer at a time: the next wakes at 22:00.
    expect(clock.pending).toBe(1);

    // A change of the schedule that puts now inside it tells at once.
    preferences = { doNotDisturb: false, doNotDisturbSchedule: { enabled: true, from: '07:00', to: '09:00' } };
    timer.rearm();
    expect(told).toEqual([true, false, true]);
    timer.stop();
    expect(clock.pending).toBe(0);
  });
});
