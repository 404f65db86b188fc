import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userText } from '../../i18n/user-text';
import type { Preferences } from '../../main/core/settings/preferences';
import { PreferencesFile } from '../../main/core/settings/preferences-file';
import { answerCall } from '../../main/window-api/answer-call';
import { settingsCalls } from '../../main/window-api/settings-calls';
import { useTempFolderPerTest } from '../support/temp-folder';

const dir = useTempFolderPerTest('tigerdesk-settings-calls-');

describe('the settings calls', () => {
  it('save an allowed change to disk and tell the shell', async () => {
    const { file } = await PreferencesFile.open(join(dir(), 'preferences.json'));
    const changes: Preferences[] = [];
    const calls = settingsCalls({ preferences: file, policy: {},
      secretStorage: 'keychain', changed: (_view, next) => changes.push(next), now: () => 0, osLocale: () => 'en-US',
      organizationAutoLockMinutes: () => null });
    const reply = await answerCall('updateSettings', { doNotDisturb: true, theme: 'dark' }, calls.updateSettings, { warn: () => {} });
    expect(reply).toMatchObject({ ok: true, value: { doNotDisturb: true, theme: 'dark', notificationPrivacy: 'sender' } });
    expect(changes).toHaveLength(1);
    expect(JSON.parse(await readFile(join(dir(), 'preferences.json'), 'utf8'))).toMatchObject({ doNotDisturb: true, theme: 'dark' });
  });

  it('refuse a level below the managed minimum, saving nothing and telling no one', async () => {
    const { file } = await PreferencesFile.open(join(dir(), 'preferences.json'));
    const changes: Preferences[] = [];
    const calls = settingsCalls({ preferences: file, policy: { minimumNotificationPrivacy: 'count' },
      secretStorage: 'keychain', changed: (_view, next) => changes.push(next), now: () => 0, osLocale: () => 'en-US',
      organizationAutoLockMinutes: () => null });
    const reply = await answerCall('updateSettings', { notificationPrivacy: 'full' }, calls.updateSettings, { warn: () => {} });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'refused', text: userText('settings-error.notification-level', { level: 'full', allowed: 'count, off' }) },
    });
    expect(changes).toEqual([]);
    expect(await calls.getSettings(undefined)).toMatchObject({ notificationPrivacy: 'count', managed: ['notificationPrivacy'] });
    await expect(readFile(join(dir(), 'preferences.json'))).rejects.toThrow('ENOENT');
  });

  it("show the organization's auto-lock time as the maximum, and as managed, where it is shorter than the default", async () => {
    const { file } = await PreferencesFile.open(join(dir(), 'preferences.json'));
    let organizationMinutes: number | null = 1440;
    const calls = settingsCalls({ preferences: file, policy: { autoLockMaxMinutes: 30 },
      secretStorage: 'keychain', changed: () => undefined, now: () => 0, osLocale: () => 'en-US',
      organizationAutoLockMinutes: () => organizationMinutes });
    await answerCall('updateSettings', { autoLockMinutes: 30 }, calls.updateSettings, { warn: () => {} });
    expect(await calls.getSettings(undefined)).toMatchObject({ autoLockMinutes: 30, autoLockMaxMinutes: 30, managed: ['autoLockMinutes'] });
    organizationMinutes = 5;
    expect(await calls.getSettings(undefined)).toMatchObject({ autoLockMinutes: 5, autoLockMaxMinutes: 5, managed: ['autoLockMinutes'] });
  });

  it('leave the auto-lock time unmanaged where no organization shortens it', async () => {
    const { file } = await PreferencesFile.open(join(dir(), 'preferences.json'));
    const calls = settingsCalls({ preferences: file, policy: {},
      secretStorage: 'keychain', changed: () => undefined, now: () => 0, osLocale: () => 'en-US',
      organizationAutoLockMinutes: () => 1440 });
    expect(await calls.getSettings(undefined)).toMatchObject({ autoLockMinutes: 10, autoLockMaxMinutes: 10, managed: [] });
  });
});
