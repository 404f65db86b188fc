/**
 * Do Not Disturb on a schedule: a daily window of local time (22:00 to 07:00 spans midnight)
 * during which Do Not Disturb is on as if switched on by hand. Pure: the time is given, read in
 * the computer's own time zone (the user's day).
 */

export interface DoNotDisturbSchedule {
  enabled: boolean;
  /** 'HH:MM', 24-hour, local time. */
  from: string;
  to: string;
}

export const defaultDoNotDisturbSchedule: DoNotDisturbSchedule = { enabled: false, from: '22:00', to: '07:00' };

/** 'HH:MM' from 00:00 to 23:59. */
export const clockTimePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes after midnight of an 'HH:MM' (checked by clockTimePattern before it is stored). */
function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/** Whether `now` lies inside the schedule's window: from its start (included) to its end (excluded). */
export function insideSchedule(schedule: DoNotDisturbSchedule, now: number): boolean {
  if (!schedule.enabled) return false;
  const from = minutesOf(schedule.from);
  const to = minutesOf(schedule.to);
  const date = new Date(now);
  const current = date.getHours() * 60 + date.getMinutes();
  // A window past midnight is the two pieces either side of it.
  return from <= to ? current >= from && current < to : current >= from || current < to;
}

/** Do Not Disturb as the app applies it: the switch, or the schedule. */
export function doNotDisturbAt(preferences: { doNotDisturb: boolean; doNotDisturbSchedule: DoNotDisturbSchedule }, now: number): boolean {
  return preferences.doNotDisturb || insideSchedule(preferences.doNotDisturbSchedule, now);
}

/**
 * The next moment after `now` at which the schedule starts or ends (ms), or null when it is off.
 * Built from calendar dates, so that a day of 23 or 25 hours still turns at the stated times.
 */
export function nextScheduleChange(schedule: DoNotDisturbSchedule, now: number): number | null {
  if (!schedule.enabled) return null;
  const today = new Date(now);
  const at = (dayOffset: number, time: string) =>
    new Date(today.getFullYear(), today.getMonth(), today.getDate() + dayOffset, Math.floor(minutesOf(time) / 60), minutesOf(time) % 60).getTime();
  const candidates = [0, 1, 2].flatMap((day) => [at(day, schedule.from), at(day, schedule.to)]).filter((time) => time > now);
  return Math.min(...candidates);
}
