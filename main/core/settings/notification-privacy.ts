/**
 * Notification privacy levels ordered from the most revealing to the most private, so that a
 * managed minimum can be checked: a hospital may forbid showing message text on screens that
 * patients and visitors see.
 */
import type { NotificationPrivacy } from '../notify/notification-policy';

const fromMostRevealing: readonly NotificationPrivacy[] = ['full', 'sender', 'count', 'off'];

/** Whether `level` keeps at least as much private as `minimum` requires. */
export function isAtLeastAsPrivate(level: NotificationPrivacy, minimum: NotificationPrivacy): boolean {
  return fromMostRevealing.indexOf(level) >= fromMostRevealing.indexOf(minimum);
}

/** `level`, or `minimum` when `level` shows more than the minimum allows. */
export function atLeastAsPrivate(level: NotificationPrivacy, minimum: NotificationPrivacy): NotificationPrivacy {
  return isAtLeastAsPrivate(level, minimum) ? level : minimum;
}

/** The levels a user may still choose under a minimum, most revealing first. */
export function allowedLevels(minimum: NotificationPrivacy): NotificationPrivacy[] {
  return fromMostRevealing.filter((level) => isAtLeastAsPrivate(level, minimum));
}
