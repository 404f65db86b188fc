/**
 * How long the outbox keeps trying before a job becomes failed. The window is a per-account
 * setting (`outbox.giveUpAfterMs`); a manual retry opens a fresh window.
 */
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

export function giveUpReason(windowMs: number, lastError: string | null): string {
  const hours = windowMs / 3_600_000;
  const span = Number.isInteger(hours) ? `${hours} h` : `${Math.round(windowMs / 60_000)} min`;
  return lastError ? `Not sent within ${span}; last error: ${lastError}` : `Not sent within ${span}`;
}
