import { t, translator } from '../state/language';

// Times are shown in the machine's time zone and in the window's language: each is formatted
// through the current translator, so a change of language rewords them without a restart.
const clock: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const weekday: Intl.DateTimeFormatOptions = { weekday: 'long' };
const shortDate: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
const longDate: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
const full: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
const dayMs = 24 * 60 * 60 * 1000;

function startOfDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** The local day holding `time`, as [start, end) in milliseconds (days are not always 24 h). */
export function dayBounds(time: number): { start: number; end: number } {
  const start = new Date(time);
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return { start: start.getTime(), end: end.getTime() };
}

export function clockTime(time: number): string {
  return translator.value.date(time, clock);
}

export function fullTime(time: number): string {
  return translator.value.date(time, full);
}

/** The roster's time column: the clock today, the weekday this week, a date before. */
export function rosterTime(time: number, now: number): string {
  const today = startOfDay(now);
  if (time >= today) return clockTime(time);
  if (time >= today - 6 * dayMs) return translator.value.date(time, weekday);
  return translator.value.date(time, shortDate);
}

/** The heading above one day of messages. */
export function dayLabel(time: number, now: number): string {
  const today = startOfDay(now);
  if (time >= today) return t('time.today');
  if (time >= startOfDay(today - 1)) return t('time.yesterday');
  return translator.value.date(time, longDate);
}

/**
 * A countdown read at a glance: "4:05" under an hour, "2 h 10 min" under a day, then days.
 * Under an hour it is to the second and never shows more than is left. From an hour up it
 * counts started minutes, so a 7-day message just sent reads "7 days", not "6 days" (at most
 * 59 seconds more than is left, never a whole hour or day more).
 */
export function remaining(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 3600) {
    const twoDigits = translator.value.number(seconds % 60, { minimumIntegerDigits: 2 });
    return t('time.remaining.clock', { minutes: translator.value.number(Math.floor(seconds / 60)), seconds: twoDigits });
  }
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 24 * 60) {
    return t('time.remaining.hours', { hours: translator.value.number(Math.floor(minutes / 60)), minutes: translator.value.number(minutes % 60) });
  }
  return t('time.remaining.days', { days: Math.floor(minutes / (24 * 60)) });
}
