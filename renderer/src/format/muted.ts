import { clockTime } from './time';

const date = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const dayMs = 24 * 60 * 60 * 1000;

/** How a muted row says when its mute ends: the clock within a day ("Muted until 08:00"), the date after. */
export function mutedUntilText(until: number, now: number): string {
  return until - now < dayMs ? `Muted until ${clockTime(until)}` : `Muted until ${date.format(until)}`;
}
