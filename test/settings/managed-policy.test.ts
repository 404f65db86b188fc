import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { managedPolicySource, readManagedPolicy, unreadablePolicy } from '../../main/core/settings/managed-policy';
import { checkServerAllowed, sandboxOffered, SettingsError } from '../../main/core/settings/preferences';
import { loadManagedPolicy } from '../../main/core/settings/settings-files';
import { ServerUrlError } from '../../main/core/session/server-url';
import { useTempFolderPerTest } from '../support/temp-folder';

describe('the managed settings file', () => {
  it('is read with every setting it may hold', () => {
    const reading = readManagedPolicy(
      JSON.stringify({
        serverUrl: 'https://tigertext.hospital.example/v2',
        offerSandbox: false,
        minimumNotificationPrivacy: 'count',
        autoUpdate: { enabled: true, url: 'https://updates.hospital.example/tigerdesk/' },
        allowDevTools: true,
        avatarHosts: ['cdn.hospital.example', 'Pictures.Hospital.Example'],
        autoLockMaxMinutes: 15,
      }),
    );
    expect(reading).toEqual({
      ok: true,
      policy: {
        serverUrl: 'https://tigertext.hospital.example/v2',
        offerSandbox: false,
        minimumNotificationPrivacy: 'count',
        autoUpdate: { enabled: true, url: 'https://updates.hospital.example/tigerdesk/' },
        allowDevTools: true,
        avatarHosts: ['cdn.hospital.example', 'pictures.hospital.example'],
        autoLockMaxMinutes: 15,
      },
    });
  });

  it('manages nothing when no file is installed', () => {
    expect(readManagedPolicy(null)).toEqual({ ok: true, policy: {} });
  });

  it('falls back to the strict policy, with a precise reason, when the file has a typo', () => {
    const reading = readManagedPolicy('{"minimumNotificationPrivcy": "off"}');
    expect(reading.ok).toBe(false);
    expect(reading.policy).toEqual(unreadablePolicy);
    if (!reading.ok) expect(reading.error).toContain('minimumNotificationPrivcy');
  });

  it('refuses values it cannot apply', () => {
    for (const [text, words] of [
      ['{"serverUrl": "ftp://example.org"}', 'http(s)'],
      ['{"minimumNotificationPrivacy": "some"}', 'full, sender, count, off'],
      ['{"autoUpdate": {"enabled": true}}', 'url'],
      ['{"autoUpdate": {"enabled": false, "url": "https://x.example/"}}', 'no other key'],
      ['{"offerSandbox": "no"}', 'true or false'],
      ['{"allowDevTools": 1}', 'allowDevTools must be true or false'],
      ['{"autoUpdate": {"enabled": true, "url": "https://u.example/", "allowUnverifiedOnLinux": "yes"}}', 'allowUnverifiedOnLinux must be true or false'],
      ['{"autoUpdate": {"enabled": false, "allowUnverifiedOnLinux": true}}', 'no other key'],
      ['{"avatarHosts": "cdn.example.org"}', 'avatarHosts must be a list of host names'],
      ['{"avatarHosts": ["https://cdn.example.org"]}', 'a host name alone'],
      ['{"avatarHosts": ["*.example.org"]}', 'a host name alone'],
      ['{"avatarHosts": ["cdn.example.org:8443"]}', 'a host name alone'],
      ['{"avatarHosts": [3]}', 'each of avatarHosts must be a string'],
      ['{"autoLockMaxMinutes": 0}', 'autoLockMaxMinutes must be 1 to 1440'],
      ['{"autoLockMaxMinutes": 2.5}', 'autoLockMaxMinutes must be whole minutes'],
      ['[1, 2]', 'only'],
      ['{"serverUrl": ', 'not JSON'],
    ] as const) {
      const reading = readManagedPolicy(text);
      expect(reading.ok, text).toBe(false);
      if (!reading.ok) expect(reading.error, text).toContain(words);
    }
  });

  it('reads its server as sign-in reads a typed one', () => {
    for (const [given, meant] of [
      ['https://tigertext.hospital.example', 'https://tigertext.hospital.example/v2'],
      ['https://tigertext.hospital.example/', 'https://tigertext.hospital.example/v2'],
      ['https://tigertext.hospital.example/custom/path/', 'https://tigertext.hospital.example/custom/path'],
      ['http://127.0.0.1:7443', 'http://127.0.0.1:7443/v2'],
    ]) {
      expect(readManagedPolicy(JSON.stringify({ serverUrl: given })), given).toEqual({ ok: true, policy: { serverUrl: meant } });
    }
  });

  it('refuses a server over plain http to another computer for that setting alone, saying why: it stays the only one offered, and sign-in to it is refused', () => {
    const reading = readManagedPolicy(JSON.stringify({ serverUrl: 'http://tigertext.hospital.example/v2', minimumNotificationPrivacy: 'count' }));
    expect(reading).toEqual({
      ok: false,
      policy: { serverUrl: 'http://tigertext.hospital.example/v2', minimumNotificationPrivacy: 'count' },
      error:
        'The managed settings file is refused in part: serverUrl http://tigertext.hospital.example/v2: TigerDesk only sends credentials over https; ' +
        'http is allowed only for a server on this computer; no sign-in is possible until it names an https server',
    });
    expect(sandboxOffered(reading.policy)).toBe(false);
    expect(() => checkServerAllowed('http://tigertext.hospital.example/v2', reading.policy)).toThrow(ServerUrlError);
    expect(() => checkServerAllowed('https://tigertext.hospital.example/v2', reading.policy)).toThrow(SettingsError);
  });

  it('turns automatic updates off when their feed is plain http to another computer, saying why', () => {
    const reading = readManagedPolicy(JSON.stringify({ offerSandbox: false, autoUpdate: { enabled: true, url: 'http://updates.hospital.example/td/' } }));
    expect(reading).toEqual({
      ok: false,
      policy: { offerSandbox: false, autoUpdate: { enabled: false } },
      error:
        'The managed settings file is refused in part: autoUpdate.url http://updates.hospital.example/td/: TigerDesk only sends credentials over https; ' +
        'http is allowed only for a server on this computer; automatic updates are off',
    });
    const local = { autoUpdate: { enabled: true, url: 'http://localhost:8080/td/' } };
    expect(readManagedPolicy(JSON.stringify(local))).toEqual({ ok: true, policy: local });
  });

  it('names every setting it refuses', () => {
    const reading = readManagedPolicy(JSON.stringify({ serverUrl: 'http://tt.example', autoUpdate: { enabled: true, url: 'http://u.example/' } }));
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.error).toMatch(/serverUrl http:\/\/tt\.example: .*; autoUpdate\.url http:\/\/u\.example\/: /);
  });

  it('lives where only administrators write and no environment variable moves it', () => {
    expect(managedPolicySource('win32')).toEqual({ kind: 'registry', regExe: 'C:\\Windows\\System32\\reg.exe' });
    expect(managedPolicySource('darwin')).toEqual({
      kind: 'managed-preferences',
      plist: '/Library/Managed Preferences/app.tigerdesk.desktop.plist',
      path: '/Library/Application Support/TigerDesk/managed-settings.json',
    });
    expect(managedPolicySource('linux')).toEqual({ kind: 'file', path: '/etc/tigerdesk/managed-settings.json' });
  });

  it('takes Linux installs of unverifiable updates only when asked', () => {
    const url = 'https://updates.hospital.example/td/';
    expect(readManagedPolicy(JSON.stringify({ autoUpdate: { enabled: true, url, allowUnverifiedOnLinux: true } }))).toEqual({
      ok: true,
      policy: { autoUpdate: { enabled: true, url, allowUnverifiedOnLinux: true } },
    });
  });

  it('shows pictures only from the account\'s own server when the file is unreadable', () => {
    expect(unreadablePolicy.avatarHosts).toEqual([]);
  });

  describe('on disk', () => {
    const dir = useTempFolderPerTest('tigerdesk-policy-');

    it('is absent, read, or refused', async () => {
      const file = join(dir(), 'managed-settings.json');
      expect(await loadManagedPolicy(file, { ownership: true })).toEqual({ ok: true, policy: {} });
      await writeFile(file, '{"offerSandbox": false}');
      expect(await loadManagedPolicy(file, { ownership: true })).toEqual({ ok: true, policy: { offerSandbox: false } });
      await writeFile(file, 'offerSandbox=false');
      expect((await loadManagedPolicy(file, { ownership: true })).policy).toEqual(unreadablePolicy);
    });

    it('applies the strict policy when the path cannot be read as a file', async () => {
      const reading = await loadManagedPolicy(dir(), { ownership: false });
      expect(reading).toMatchObject({ ok: false, policy: unreadablePolicy });
      if (!reading.ok) expect(reading.error).toContain('EISDIR');
    });
  });
});
