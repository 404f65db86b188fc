// Quick replies (issue 13, item 4) in the settings: the user's list in the preferences file,
// hospital IT's in the managed settings (file, profile or registry), and the rules every list
// follows wherever it comes from (the contract's schema).
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { readManagedPolicy, readPolicyValue } from '../../main/core/settings/managed-policy';
import { defaultPreferences, effectiveQuickReplies, readPreferences, settingsView, SettingsError, updatePreferences } from '../../main/core/settings/preferences';
import { parseRegQuery, policyFromRegistry } from '../../main/core/settings/registry-policy';
import { contract } from '../../preload/contract';

const update = contract.calls.updateSettings.input;
const refusal = (input: unknown) => {
  const parsed = v.safeParse(update, input);
  return parsed.success ? null : v.summarize(parsed.issues);
};

describe('quick replies in the preferences', () => {
  it('are "On my way", "Call me" and "Done" until the user changes them, and the window shows them', () => {
    expect(defaultPreferences.quickReplies).toEqual(['On my way', 'Call me', 'Done']);
    expect(settingsView(defaultPreferences, {}, 'keychain', 0, 'en-US')).toMatchObject({ quickReplies: ['On my way', 'Call me', 'Done'], managed: [] });
  });

  it('take the list the user saved, in its order, and keep it across a reading of the file', () => {
    const next = updatePreferences(defaultPreferences, { quickReplies: ['Done', 'Coming in 5 minutes'] }, {});
    expect(next.quickReplies).toEqual(['Done', 'Coming in 5 minutes']);
    expect(readPreferences(JSON.parse(JSON.stringify(next))).preferences.quickReplies).toEqual(['Done', 'Coming in 5 minutes']);
    expect(updatePreferences(defaultPreferences, { quickReplies: [] }, {}).quickReplies).toEqual([]);
  });

  it('fall back to the defaults, keeping the other fields, when the stored list is damaged', () => {
    for (const stored of ['On my way', ['ok', 3], ['  '], ['Done', 'Done'], ['x'.repeat(201)], Array.from({ length: 11 }, (_, i) => `Reply ${i}`)]) {
      const { preferences, dropped } = readPreferences({ quickReplies: stored, doNotDisturb: true });
      expect(preferences.quickReplies, JSON.stringify(stored)).toEqual(defaultPreferences.quickReplies);
      expect(preferences.doNotDisturb).toBe(true);
      expect(dropped).toEqual(['quickReplies']);
    }
  });
});

describe('quick replies through the window', () => {
  it('are refused, with the reason, when a reply is blank, too long, repeated, or there are too many', () => {
    expect(refusal({ quickReplies: ['On my way', '   '] })).toContain('A quick reply cannot be blank');
    expect(refusal({ quickReplies: ['x'.repeat(201)] })).toContain('A quick reply is at most 200 characters');
    expect(refusal({ quickReplies: ['Done', ' Done '] })).toContain('Two quick replies are the same');
    expect(refusal({ quickReplies: Array.from({ length: 11 }, (_, i) => `Reply ${i}`) })).toContain('At most 10 quick replies');
    expect(refusal({ quickReplies: 'Done' })).toContain('The quick replies are a list of texts');
  });

  it('are taken trimmed, 200 characters and 10 replies being allowed', () => {
    expect(v.parse(update, { quickReplies: ['  On my way '] })).toEqual({ quickReplies: ['On my way'] });
    expect(refusal({ quickReplies: ['x'.repeat(200)] })).toBeNull();
    expect(refusal({ quickReplies: Array.from({ length: 10 }, (_, i) => `Reply ${i}`) })).toBeNull();
  });
});

describe('quick replies set by hospital IT', () => {
  it('are read from the managed settings file', () => {
    expect(readManagedPolicy(JSON.stringify({ quickReplies: ['On my way', 'Stat: coming'] }))).toEqual({ ok: true, policy: { quickReplies: ['On my way', 'Stat: coming'] } });
  });

  it('lock the list: it is what the window shows and the app offers, it is marked managed, and a change is refused', () => {
    const policy = { quickReplies: ['Acknowledged', 'On my way'] };
    const mine = updatePreferences(defaultPreferences, { quickReplies: ['My own'] }, {});
    expect(settingsView(mine, policy, 'keychain', 0, 'en-US')).toMatchObject({ quickReplies: ['Acknowledged', 'On my way'], managed: ['quickReplies'] });
    expect(effectiveQuickReplies(mine, policy)).toEqual(['Acknowledged', 'On my way']);
    expect(() => updatePreferences(mine, { quickReplies: ['Other'] }, policy)).toThrow(SettingsError);
    expect(() => updatePreferences(mine, { quickReplies: ['Other'] }, policy)).toThrow("Your organization's settings set the quick replies");
    // The user's own list is kept, not erased: it comes back once IT lifts the rule.
    expect(effectiveQuickReplies(mine, {})).toEqual(['My own']);
  });

  it('may be an empty list, which offers none', () => {
    expect(effectiveQuickReplies(defaultPreferences, { quickReplies: [] })).toEqual([]);
  });

  it('are refused, by the setting, under the rules the user follows, and the strict policy applies', () => {
    for (const [list, words] of [
      [['Done', ''], 'A quick reply cannot be blank'],
      [['Done', 'Done'], 'Two quick replies are the same'],
      [Array.from({ length: 11 }, (_, i) => `Reply ${i}`), 'At most 10 quick replies'],
      [[1], 'A quick reply is text'],
    ] as const) {
      const reading = readManagedPolicy(JSON.stringify({ quickReplies: list }));
      expect(reading.ok, JSON.stringify(list)).toBe(false);
      if (!reading.ok) expect(reading.error).toContain(words);
      expect(reading.policy.quickReplies).toBeUndefined();
    }
  });

  it('are read from the registry in the order Group Policy numbered them, 10 after 9', () => {
    const names = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
    // reg.exe lists values as they were written; a list edited later may come in another order.
    const listed = ['10', '2', '1', '3', '4', '5', '6', '7', '8', '9'];
    const output = ['HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\TigerDesk\\quickReplies', ...listed.map((name) => `    ${name}    REG_SZ    Reply ${name}`), ''].join('\r\n');
    const value = policyFromRegistry(parseRegQuery(output));
    expect(value).toEqual({ quickReplies: names.map((name) => `Reply ${name}`) });
    expect(readPolicyValue(value, 'The registry')).toEqual({ ok: true, policy: { quickReplies: names.map((name) => `Reply ${name}`) } });
  });

  it('manage nothing when Group Policy left the quickReplies key empty', () => {
    expect(policyFromRegistry(parseRegQuery(['HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\TigerDesk\\quickReplies', ''].join('\r\n')))).toBeNull();
  });
});
