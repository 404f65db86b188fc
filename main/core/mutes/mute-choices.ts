/**
 * How long each mute the user can choose lasts, as the time it ends. Pure: the clock is given,
 * and "tomorrow morning" is read in the computer's own time zone (the user's day).
 */
import type { MuteDuration } from '../../../preload/contract';
import { LONGEST_MUTE_MINUTES } from '../api/mutes';

/** The contract's choice of mute. */
export type MuteChoice = MuteDuration;

/** The hour "tomorrow morning" means. */
export const MORNING_HOUR = 8;

const minute = 60_000;

/** When a mute chosen at `now` ends, in ms since the epoch. */
export function muteEnd(choice: MuteChoice, now: number): number {
  switch (choice) {
    case 'hour':
      return now + 60 * minute;
    case 'eight-hours':
      return now + 8 * 60 * minute;
    case 'tomorrow-morning':
      return tomorrowMorning(now);
    case 'year':
      return now + LONGEST_MUTE_MINUTES * minute;
  }
}

/**
 * 08:00 local time on the day after `now`'s local date. Built from the calendar date, not by
 * adding 24 hours, so that a day of 23 or 25 hours (a daylight-saving change) still ends at 08:00.
 */
export function tomorrowMorning(now: number): number {
  const today = new Date(now);
  return new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1, MORNING_HOUR, 0, 0, 0).getTime();
}

/** The whole minutes the server is asked for so that a mute lasts at least until `endsAt`; 0 when it has ended. */
export function minutesUntil(endsAt: number, now: number): number {
  return Math.max(0, Math.min(LONGEST_MUTE_MINUTES, Math.ceil((endsAt - now) / minute)));
}
