import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { userText } from '../../i18n/user-text';
import { contract } from '../../preload/contract';
import { allowedLevels, isAtLeastAsPrivate } from '../../main/core/settings/notification-privacy';
import { useTempFolderPerTest } from '../support/temp-folder';
import {
  checkServerAllowed,
  defaultPreferences,
  effectiveNotificationPrivacy,
  readPreferences,
  sandboxOffered,
  settingsView,
  storedAccountRefused,
  SettingsError,
  updatePreferences,
} from '../../main/core/settings/preferences';
import { ServerUrlError } from '../../main/core/session/server-url';
import { PreferencesFile } from '../../main/core/settings/preferences-file';
import { unreadablePolicy } from '../../main/core/settings/managed-policy';

const updateInput = contract.calls.updateSettings.input;

describe('notification privacy levels', () => {
  it('are ordered from showing everything to showing nothing', () => {
    expect(allowedLevels('full')).toEqual(['full', 'sender', 'count', 'off']);
    expect(allowedLevels('count')).toEqual(['count', 'off']);
    expect(isAtLeastAsPrivate('sender', 'count')).toBe(false);
    expect(isAtLeastAsPrivate('off', 'count')).toBe(true);
  });
});

describe('the user preferences', () => {
  it('show the sender only by default, since hospital screens are seen by others', () => {
    expect(defaultPreferences.notificationPrivacy).toBe('sender');
    expect(settingsView(defaultPreferences, {}, 'keychain', 0, 'en-US')).toEqual({
      notificationPrivacy: 'sender',
      doNotDisturb: false,
      doNotDisturbText: '',
      doNotDisturbSchedule: { enabled: false, from: '22:00', to: '07:00' },
      doNotDisturbNow: false,
      theme: 'system',
      startAtLogin: false,
      showMessagePreviews: true,
      autoLockMinutes: 10,
      autoLockMaxMinutes: 10,
      quickReplies: ['On my way', 'Call me', 'Done'],
      language: 'en',
      languageChoice: 'system',
      spellCheckLanguages: [],
      spellCheckDictionaryManaged: false,
      managed: [],
      sandboxOffered: true,
      server: null,
      secretStorage: 'keychain',
    });
  });

  it('keep the Do Not Disturb message, trimmed, and drop a stored one that is too long', () => {
    const next = updatePreferences(defaultPreferences, v.parse(updateInput, { doNotDisturb: true, doNotDisturbText: '  In surgery until 3 ' }), {});
    expect(next).toMatchObject({ doNotDisturb: true, doNotDisturbText: 'In surgery until 3' });
    expect(v.safeParse(updateInput, { doNotDisturbText: 'x'.repeat(501) }).issues?.[0]?.message).toBe('A Do Not Disturb message is at most 500 characters');
    const read = readPreferences({ doNotDisturbText: 'x'.repeat(501), doNotDisturb: true });
    expect(read).toEqual({ preferences: { ...defaultPreferences, doNotDisturb: true }, dropped: ['doNotDisturbText'] });
  });

  it('show message previews by default; the managed settings may set them, locked, and then refuse a change', () => {
    expect(defaultPreferences.showMessagePreviews).toBe(true);
    const off = { showMessagePreviews: false };
    const view = settingsView(defaultPreferences, off, 'keychain', 0, 'en-US');
    expect(view.showMessagePreviews).toBe(false);
    expect(view.managed).toContain('showMessagePreviews');
    expect(() => updatePreferences(defaultPreferences, { showMessagePreviews: true }, off)).toThrow("Your organization's settings turn message previews off");
    expect(updatePreferences(defaultPreferences, { showMessagePreviews: false }, {}).showMessagePreviews).toBe(false);
    // The strictest reading of an unreadable file turns them off.
    expect(settingsView(defaultPreferences, unreadablePolicy, 'keychain', 0, 'en-US').showMessagePreviews).toBe(false);
  });

  it('lock after 10 minutes by default, let the user shorten it but never past the managed maximum', () => {
    expect(settingsView(defaultPreferences, {}, 'keychain', 0, 'en-US')).toMatchObject({ autoLockMinutes: 10, autoLockMaxMinutes: 10 });
    expect(updatePreferences(defaultPreferences, { autoLockMinutes: 2 }, {}).autoLockMinutes).toBe(2);
    expect(() => updatePreferences(defaultPreferences, { autoLockMinutes: 11 }, {})).toThrow('TigerDesk must lock after at most 10 minutes without input');
    const longer = { autoLockMaxMinutes: 30 };
    expect(updatePreferences(defaultPreferences, { autoLockMinutes: 30 }, longer).autoLockMinutes).toBe(30);
    // A choice stored under a longer maximum is not applied past a shorter one, and shows as managed.
    const stored = { ...defaultPreferences, autoLockMinutes: 30 };
    expect(settingsView(stored, { autoLockMaxMinutes: 5 }, 'keychain', 0, 'en-US')).toMatchObject({ autoLockMinutes: 5, autoLockMaxMinutes: 5, managed: ['autoLockMinutes'] });
    expect(readPreferences({ autoLockMinutes: 0 }).dropped).toEqual(['autoLockMinutes']);
  });

  it('keep the usable fields of a damaged file and name the others', () => {
    const { preferences, dropped } = readPreferences({ notificationPrivacy: 'loud', doNotDisturb: true, theme: 3, extra: 1 });
    expect(preferences).toEqual({ ...defaultPreferences, doNotDisturb: true });
    expect(dropped).toEqual(['notificationPrivacy', 'theme']);
    expect(readPreferences([1]).dropped).toEqual(['(the whole file)']);
  });

  it('take an update the policy allows', () => {
    const next = updatePreferences(defaultPreferences, { notificationPrivacy: 'off', doNotDisturb: true }, { minimumNotificationPrivacy: 'count' });
    expect(next).toMatchObject({ notificationPrivacy: 'off', doNotDisturb: true, theme: 'system' });
  });

  it('refuse, changing nothing, a level below the managed minimum', () => {
    const current = { ...defaultPreferences, notificationPrivacy: 'off' as const };
    expect(() => updatePreferences(current, { notificationPrivacy: 'full', doNotDisturb: true }, { minimumNotificationPrivacy: 'count' })).toThrow(
      'do not allow the notification level "full"; allowed: count, off',
    );
    expect(current).toMatchObject({ notificationPrivacy: 'off', doNotDisturb: false });
  });

  it('apply the managed minimum over a choice stored before it, and show the setting as managed', () => {
    const stored = { ...defaultPreferences, notificationPrivacy: 'full' as const };
    const policy = { minimumNotificationPrivacy: 'count' as const, offerSandbox: false };
    expect(effectiveNotificationPrivacy(stored, policy)).toBe('count');
    expect(settingsView(stored, policy, 'keychain', 0, 'en-US')).toMatchObject({ notificationPrivacy: 'count', managed: ['notificationPrivacy', 'sandboxOffered'], sandboxOffered: false });
    expect(effectiveNotificationPrivacy(stored, {})).toBe('full');
  });

  it('show the server hospital IT preset, as managed', () => {
    expect(settingsView(defaultPreferences, { serverUrl: 'https://tt.example/v2' }, 'session-only', 0, 'en-US')).toMatchObject({
      server: 'https://tt.example/v2',
      managed: ['server'],
      sandboxOffered: false,
      secretStorage: 'session-only',
    });
  });

  it('offer the sandbox unless hidden or a server is set', () => {
    expect(sandboxOffered({})).toBe(true);
    expect(sandboxOffered({ offerSandbox: false })).toBe(false);
    expect(sandboxOffered({ offerSandbox: true, serverUrl: 'https://tt.example/v2' })).toBe(false);
  });

  it('allow only the managed server to be signed in to', () => {
    const policy = { serverUrl: 'https://tt.example/v2' };
    expect(() => checkServerAllowed('https://tt.example/v2/', policy)).not.toThrow();
    expect(() => checkServerAllowed('https://evil.example/v2', policy)).toThrow('allow only the server https://tt.example/v2');
    expect(() => checkServerAllowed('https://any.example/v2', {})).not.toThrow();
  });

  it('know the managed server however it is typed, and refuse plain http to it as to any other', () => {
    const policy = { serverUrl: 'https://tt.example/v2' };
    for (const typed of ['tt.example', 'https://tt.example', 'TT.example:443/']) expect(() => checkServerAllowed(typed, policy), typed).not.toThrow();
    expect(() => checkServerAllowed('tt.example/other', policy)).toThrow(SettingsError);
    expect(() => checkServerAllowed('http://tt.example/v2', policy)).toThrow(ServerUrlError);
  });
});

describe('the preferences file', () => {
  const dir = useTempFolderPerTest('tigerdesk-preferences-');

  it('starts from the defaults and keeps what was saved across openings', async () => {
    const path = join(dir(), 'preferences.json');
    const first = await PreferencesFile.open(path);
    expect(first.file.current).toEqual(defaultPreferences);
    expect(first.notes).toEqual([]);
    await first.file.save({ ...defaultPreferences, theme: 'dark' });
    const saved = first.file.save({ ...defaultPreferences, theme: 'light', doNotDisturb: true });
    expect(first.file.current.theme).toBe('light');
    await saved;
    const second = await PreferencesFile.open(path);
    expect(second.file.current).toEqual({ ...defaultPreferences, theme: 'light', doNotDisturb: true });
    expect(await readdir(dir())).toEqual(['preferences.json']);
  });

  it('sets a file that is not JSON aside instead of overwriting it', async () => {
    const path = join(dir(), 'preferences.json');
    await writeFile(path, '{"theme": "dark",');
    const opened = await PreferencesFile.open(path);
    expect(opened.file.current).toEqual(defaultPreferences);
    expect(opened.notes[0]).toContain('was not JSON');
    const names = await readdir(dir());
    const aside = names.find((name) => name.startsWith('preferences.json.unreadable-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir(), aside!), 'utf8')).toBe('{"theme": "dark",');
  });

  it('say that refusal to the window as a catalog key, the whole sentence with what stays until sign-out', () => {
    expect(storedAccountRefused('https://tt.example/v2', {}, false)).toBeNull();
    const cases = [
      [storedAccountRefused('http://tt.example/v2', {}, false), userText('settings-error.stored-not-https')],
      [storedAccountRefused('https://other.example/v2', { serverUrl: 'https://tt.example/v2' }, false), userText('settings-error.stored-server-managed', { server: 'https://tt.example/v2' })],
      [storedAccountRefused('http://127.0.0.1:7443/v2', { offerSandbox: false }, true), userText('settings-error.stored-sandbox')],
    ] as const;
    for (const [refused, said] of cases) {
      expect(refused).toBeInstanceOf(SettingsError);
      expect(refused?.said).toEqual(said);
    }
    // The English wording names what stays until sign-out.
    expect(cases[1][0]?.message).toBe("Your organization's settings allow only the server https://tt.example/v2. Its messages and queued sends stay here until you sign it out.");
  });
});
