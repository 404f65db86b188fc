// Times are shown in the local time zone and language of the machine.
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'long' });
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const longDate = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
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
  return clock.format(time);
}

export function fullTime(time: number): string {
  return full.format(time);
}

/** The roster's time column: the clock today, the weekday this week, a date before. */
export function rosterTime(time: number, now: number): string {
  const today = startOfDay(now);
  if (time >= today) return clock.format(time);
  if (time >= today - 6 * dayMs) return weekday.format(time);
  return shortDate.format(time);
}

/** The heading above one day of messages. */
export function dayLabel(time: number, now: number): string {
  const today = startOfDay(now);
  if (time >= today) return 'Today';
  if (time >= startOfDay(today - 1)) return 'Yesterday';
  return longDate.format(time);
}

/**
 * A countdown read at a glance: "4:05" under an hour, "2 h 10 min" under a day, then days.
 * Under an hour it is to the second and never shows more than is left. From an hour up it
 * counts started minutes, so a 7-day message just sent reads "7 days", not "6 days" (at most
 * 59 seconds more than is left, never a whole hour or day more).
 */
export function remaining(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 3600) return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  const days = Math.floor(minutes / (24 * 60));
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}
