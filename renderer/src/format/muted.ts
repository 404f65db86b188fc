import { t, translator } from '../state/language';
import { clockTime } from './time';

const dayMs = 24 * 60 * 60 * 1000;

/** How a muted row says when its mute ends: the clock within a day ("Muted until 08:00"), the date after. */
export function mutedUntilText(until: number, now: number): string {
  if (until - now < dayMs) return t('muted.until', { kind: 'time', when: clockTime(until) });
  return t('muted.until', { kind: 'date', when: translator.value.date(until, { day: 'numeric', month: 'short', year: 'numeric' }) });
}
