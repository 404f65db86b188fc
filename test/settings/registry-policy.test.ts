// The Windows managed settings as Group Policy writes them, read from `reg query /s` output
// as reg.exe prints it. Spawning reg.exe itself (loadRegistryPolicy) needs Windows: it is a
// thin edge around these pure parts.
import { describe, expect, it } from 'vitest';
import { readPolicyValue } from '../../main/core/settings/managed-policy';
import { parseRegQuery, policyFromRegistry } from '../../main/core/settings/registry-policy';

const crlf = (lines: string[]) => lines.join('\r\n');

const everySetting = crlf([
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\TigerDesk',
  '    serverUrl    REG_SZ    https://tigertext.hospital.example/v2',
  '    offerSandbox    REG_DWORD    0x0',
  '    minimumNotificationPrivacy    REG_SZ    count',
  '    allowDevTools    REG_DWORD    0x1',
  '    showMessagePreviews    REG_DWORD    0x0',
  '    autoLockMaxMinutes    REG_DWORD    0x1e',
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\TigerDesk\\urgentAlerts',
  '    everyMinutes    REG_DWORD    0x5',
  '    repeats    REG_DWORD    0x0',
  '    doNotDisturbSilences    REG_DWORD    0x1',
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\TigerDesk\\autoUpdate',
  '    enabled    REG_DWORD    0x1',
  '    url    REG_SZ    https://updates.hospital.example/td/',
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\TigerDesk\\avatarHosts',
  '    1    REG_SZ    cdn.hospital.example',
  '    2    REG_SZ    pictures.hospital.example',
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\TigerDesk\\quickReplies',
  '    1    REG_SZ    On my way',
  '    2    REG_SZ    Call me',
  '',
]);

describe('the managed settings in the Windows registry', () => {
  it('are read with every setting, named like the file\'s keys', () => {
    const value = policyFromRegistry(parseRegQuery(everySetting));
    expect(value).toEqual({
      serverUrl: 'https://tigertext.hospital.example/v2',
      offerSandbox: false,
      minimumNotificationPrivacy: 'count',
      allowDevTools: true,
      showMessagePreviews: false,
      autoLockMaxMinutes: 30,
      // Counts stay numbers, 0 included; only the true-or-false setting reads 0 or 1 as such.
      urgentAlerts: { everyMinutes: 5, repeats: 0, doNotDisturbSilences: true },
      autoUpdate: { enabled: true, url: 'https://updates.hospital.example/td/' },
      avatarHosts: ['cdn.hospital.example', 'pictures.hospital.example'],
      quickReplies: ['On my way', 'Call me'],
    });
    expect(readPolicyValue(value, 'The registry').ok).toBe(true);
  });

  it('keep spaces inside a value, and read an empty text value', () => {
    const keys = parseRegQuery(crlf(['HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\TigerDesk', '    note    REG_SZ    two  words    here', '    empty    REG_SZ']));
    expect(keys.get('HKEY_LOCAL_MACHINE\\SOFTWARE\\POLICIES\\TIGERDESK')).toEqual(
      new Map([
        ['note', { type: 'REG_SZ', data: 'two  words    here' }],
        ['empty', { type: 'REG_SZ', data: '' }],
      ]),
    );
  });

  it('manage nothing when Group Policy left the key empty', () => {
    expect(policyFromRegistry(parseRegQuery(crlf(['', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\TigerDesk', ''])))).toBeNull();
    expect(policyFromRegistry(parseRegQuery(''))).toBeNull();
    expect(policyFromRegistry(parseRegQuery(crlf(['HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\TigerDesk\\avatarHosts', ''])))).toBeNull();
  });

  it('refuse, by the setting\'s name, a value of the wrong type or a DWORD that is not 0 or 1', () => {
    for (const [line, words] of [
      ['    offerSandbox    REG_SZ    false', 'offerSandbox must be true or false'],
      ['    offerSandbox    REG_DWORD    0x2', 'offerSandbox must be true or false'],
      ['    serverUrl    REG_EXPAND_SZ    %SERVER%', 'serverUrl must be a URL'],
      ['    serverURL    REG_SZ    https://tt.example/v2', 'take only'],
    ] as const) {
      const reading = readPolicyValue(policyFromRegistry(parseRegQuery(crlf(['HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\TigerDesk', line]))), 'The registry');
      expect(reading.ok, line).toBe(false);
      if (!reading.ok) expect(reading.error, line).toContain(words);
    }
  });

  it('refuse output it does not understand rather than guess', () => {
    expect(() => parseRegQuery(crlf(['HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\TigerDesk', 'serverUrl = https://x.example']))).toThrow(/neither a key nor a value/);
    expect(() => parseRegQuery('    serverUrl    REG_SZ    https://x.example')).toThrow(/before any key/);
  });
});
