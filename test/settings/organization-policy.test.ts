import { describe, expect, it } from 'vitest';
import { organizationPolicyOf, sendUnderPolicy, strictestAutoLockMinutes } from '../../main/core/settings/organization-policy';

describe("an organization's settings read as what they ask of the app", () => {
  it('takes the documented defaults for what the server does not send', () => {
    expect(organizationPolicyOf({})).toEqual({
      defaultTtlMinutes: null, deleteOnRead: false, priorityAllowed: true, forwardAllowed: true,
      settingsRestricted: false, autoLockMinutes: 1440, pinLock: false,
    });
  });

  it('reads the strings the server writes, and keeps the protective default for a value it cannot read', () => {
    expect(organizationPolicyOf({
      ttl: '10080', dor: 'true', priority_messaging: 'false', forward: '0', settings_restricted: '1', autologout_time: '15', pin_lock: 'TRUE',
    })).toEqual({
      defaultTtlMinutes: 10080, deleteOnRead: true, priorityAllowed: false, forwardAllowed: false,
      settingsRestricted: true, autoLockMinutes: 15, pinLock: true,
    });
    expect(organizationPolicyOf({ ttl: '-1', autologout_time: 'soon', forward: 'maybe' }))
      .toMatchObject({ defaultTtlMinutes: null, autoLockMinutes: 1440, forwardAllowed: true });
  });

  it('locks after the shortest auto-lock time among the organizations', () => {
    const of = (minutes: string) => ({ policy: organizationPolicyOf({ autologout_time: minutes }) });
    expect(strictestAutoLockMinutes([of('1440'), of('20'), of('60')])).toBe(20);
    expect(strictestAutoLockMinutes([])).toBeNull();
  });

  it("fills a send's open choices with the defaults, and refuses what the organization forbids", () => {
    const policy = organizationPolicyOf({ ttl: '1440', dor: 'true', priority_messaging: 'false' });
    expect(sendUnderPolicy({}, policy)).toEqual({ ok: true, choices: { ttlMinutes: 1440, deleteOnRead: true } });
    expect(sendUnderPolicy({ ttlMinutes: 60, deleteOnRead: false, priority: 'low' }, policy))
      .toEqual({ ok: true, choices: { ttlMinutes: 60, deleteOnRead: false, priority: 'low' } });
    expect(sendUnderPolicy({ priority: 'high' }, policy)).toMatchObject({ ok: false });
    const restricted = organizationPolicyOf({ ttl: '1440', settings_restricted: 'true' });
    expect(sendUnderPolicy({ ttlMinutes: 1440 }, restricted)).toMatchObject({ ok: true });
    expect(sendUnderPolicy({ ttlMinutes: 60 }, restricted)).toMatchObject({ ok: false });
    expect(sendUnderPolicy({ deleteOnRead: true }, restricted)).toMatchObject({ ok: false });
    expect(sendUnderPolicy({ ttlMinutes: -1 }, organizationPolicyOf({ settings_restricted: 'true' }))).toMatchObject({ ok: true });
  });
});
