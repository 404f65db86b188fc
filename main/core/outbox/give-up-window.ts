/**
 * How long the outbox keeps trying before a job becomes failed. The window is a per-account
 * setting (`outbox.giveUpAfterMs`); a manual retry opens a fresh window.
 */
import { englishText } from '../../../i18n/english';
import { userText } from '../../../i18n/user-text';
import type { UserText } from '../../../i18n/user-text';

export const giveUpSettingKey = 'outbox.giveUpAfterMs';
export const defaultGiveUpAfterMs = 24 * 60 * 60_000;

/** The setting as stored, or the default when absent; a stored value that is not a positive integer is refused. */
export function giveUpAfterFrom(stored: unknown): number {
  if (stored === undefined) return defaultGiveUpAfterMs;
  if (typeof stored !== 'number' || !Number.isSafeInteger(stored) || stored <= 0) {
    throw new RangeError(`Setting ${giveUpSettingKey} must be a positive whole number of milliseconds`);
  }
  return stored;
}

export function isPastWindow(windowStart: number, windowMs: number, now: number): boolean {
  return now >= windowStart + windowMs;
}

/**
 * The last error is quoted in English: one catalog message cannot hold another in every
 * language, and it is the technical part (an HTTP status, a system error code).
 */
export function giveUpReason(windowMs: number, lastError: UserText | null): UserText {
  const hours = windowMs / 3_600_000;
  const error = lastError === null ? '' : englishText(lastError);
  if (Number.isInteger(hours)) {
    return error ? userText('failure.not-sent-hours-last-error', { hours, error }) : userText('failure.not-sent-hours', { hours });
  }
  const minutes = Math.round(windowMs / 60_000);
  return error ? userText('failure.not-sent-minutes-last-error', { minutes, error }) : userText('failure.not-sent-minutes', { minutes });
}
