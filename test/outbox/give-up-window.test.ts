import { describe, expect, it } from 'vitest';
import { englishText } from '../../i18n/english';
import { userText } from '../../i18n/user-text';
import { ApiError } from '../../main/core/api';
import { defaultGiveUpAfterMs, giveUpAfterFrom, giveUpReason, isPastWindow } from '../../main/core/outbox/give-up-window';

describe('the give-up window', () => {
  it('is 24 hours unless the account setting says otherwise', () => {
    expect(giveUpAfterFrom(undefined)).toBe(24 * 3_600_000);
    expect(defaultGiveUpAfterMs).toBe(86_400_000);
    expect(giveUpAfterFrom(3_600_000)).toBe(3_600_000);
  });

  it.each([0, -5, 1.5, '3600000', null])('refuses a stored setting of %j', (stored) => {
    expect(() => giveUpAfterFrom(stored)).toThrow(/outbox.giveUpAfterMs must be a positive whole number/);
  });

  it('ends exactly one window after it opened', () => {
    expect(isPastWindow(1_000, 500, 1_499)).toBe(false);
    expect(isPastWindow(1_000, 500, 1_500)).toBe(true);
  });

  it('says how long it tried and the last thing that went wrong', () => {
    const refused = new ApiError({ kind: 'network', operation: 'sendMessage', detail: 'request failed (ECONNREFUSED)' });
    const gaveUp = giveUpReason(86_400_000, refused.said);
    expect(gaveUp).toEqual(userText('failure.not-sent-hours-last-error', { hours: 24, error: 'sendMessage: network: request failed (ECONNREFUSED)' }));
    expect(englishText(gaveUp)).toBe('Not sent within 24 h; last error: sendMessage: network: request failed (ECONNREFUSED)');
    expect(giveUpReason(90 * 60_000, null)).toEqual(userText('failure.not-sent-minutes', { minutes: 90 }));
    expect(englishText(giveUpReason(90 * 60_000, null))).toBe('Not sent within 90 min');
  });
});
