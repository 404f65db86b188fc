import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { managedPolicyPath, readManagedPolicy, unreadablePolicy } from '../../main/core/settings/managed-policy';
import { loadManagedPolicy } from '../../main/core/settings/settings-files';
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
      ['[1, 2]', 'only'],
      ['{"serverUrl": ', 'not JSON'],
    ] as const) {
      const reading = readManagedPolicy(text);
      expect(reading.ok, text).toBe(false);
      if (!reading.ok) expect(reading.error, text).toContain(words);
    }
  });

  it('lives in an administrator-only place on each OS', () => {
    expect(managedPolicyPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\TigerDesk\\managed-settings.json');
    expect(managedPolicyPath('win32', {})).toBe('C:\\ProgramData\\TigerDesk\\managed-settings.json');
    expect(managedPolicyPath('darwin', {})).toBe('/Library/Application Support/TigerDesk/managed-settings.json');
    expect(managedPolicyPath('linux', {})).toBe('/etc/tigerdesk/managed-settings.json');
  });

  describe('on disk', () => {
    const dir = useTempFolderPerTest('tigerdesk-policy-');

    it('is absent, read, or refused', async () => {
      const file = join(dir(), 'managed-settings.json');
      expect(await loadManagedPolicy(file)).toEqual({ ok: true, policy: {} });
      await writeFile(file, '{"offerSandbox": false}');
      expect(await loadManagedPolicy(file)).toEqual({ ok: true, policy: { offerSandbox: false } });
      await writeFile(file, 'offerSandbox=false');
      expect((await loadManagedPolicy(file)).policy).toEqual(unreadablePolicy);
    });

    it('applies the strict policy when the path cannot be read as a file', async () => {
      const reading = await loadManagedPolicy(dir());
      expect(reading).toMatchObject({ ok: false, policy: unreadablePolicy });
      if (!reading.ok) expect(reading.error).toContain('EISDIR');
    });
  });
});
