import { describe, expect, it } from 'vitest';
import { urgentAlertSettingsOf } from '../../main/core/alerts/urgent-schedule';
import { readManagedPolicy, unreadablePolicy } from '../../main/core/settings/managed-policy';

describe('the managed settings of urgent alerts', () => {
  it('set the interval in whole minutes, the repeats, and whether Do Not Disturb silences them', () => {
    const reading = readManagedPolicy(JSON.stringify({ urgentAlerts: { everyMinutes: 5, repeats: 3, doNotDisturbSilences: true } }));
    expect(reading).toEqual({ ok: true, policy: { urgentAlerts: { everyMinutes: 5, repeats: 3, doNotDisturbSilences: true } } });
    expect(urgentAlertSettingsOf(reading.policy.urgentAlerts)).toEqual({ everyMs: 5 * 60_000, repeats: 3 });
  });

  it('leave the defaults for what they do not set: every 2 minutes, 10 times', () => {
    expect(urgentAlertSettingsOf(undefined)).toEqual({ everyMs: 120_000, repeats: 10 });
    expect(urgentAlertSettingsOf({ repeats: 0 })).toEqual({ everyMs: 120_000, repeats: 0 });
  });

  it('refuse a value out of range, or a key they do not know, and then the strictest reading applies', () => {
    for (const urgentAlerts of [{ everyMinutes: 0 }, { everyMinutes: 61 }, { everyMinutes: 1.5 }, { repeats: -1 }, { repeats: 101 }, { doNotDisturbSilences: 'yes' }, { sound: false }]) {
      const reading = readManagedPolicy(JSON.stringify({ urgentAlerts }));
      expect(reading.ok, JSON.stringify(urgentAlerts)).toBe(false);
      expect(reading.policy).toBe(unreadablePolicy);
      expect(reading.ok ? '' : reading.error).toContain('urgentAlerts');
    }
  });
});
