// The language the app speaks: the OS's locale unless the user chose one, hospital IT's above
// both; and the spell checker's languages, which follow it unless chosen.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { directionOf, languageOfLocale } from '../../i18n/languages';
import { contract } from '../../preload/contract';
import { readManagedPolicy } from '../../main/core/settings/managed-policy';
import {
  defaultPreferences,
  effectiveLanguage,
  effectiveSpellCheckLanguages,
  readPreferences,
  settingsView,
  updatePreferences,
} from '../../main/core/settings/preferences';

const updateInput = contract.calls.updateSettings.input;

describe('the language', () => {
  it('is the shipped language an OS locale asks for, else English', () => {
    expect(languageOfLocale('es-MX')).toBe('es');
    expect(languageOfLocale('es')).toBe('es');
    expect(languageOfLocale('fr_CA.UTF-8')).toBe('fr');
    expect(languageOfLocale('FR-be')).toBe('fr');
    expect(languageOfLocale('en-GB')).toBe('en');
    expect(languageOfLocale('pt-BR')).toBe('en');
    expect(languageOfLocale('')).toBe('en');
    // "esperanto"-like tags share no primary subtag with a shipped language.
    expect(languageOfLocale('eo')).toBe('en');
  });

  it('follows the OS by default, the user’s choice over it, and hospital IT’s over both', () => {
    expect(defaultPreferences.language).toBe('system');
    expect(effectiveLanguage(defaultPreferences, {}, 'fr-FR')).toBe('fr');
    const chosen = updatePreferences(defaultPreferences, v.parse(updateInput, { language: 'es' }), {});
    expect(effectiveLanguage(chosen, {}, 'fr-FR')).toBe('es');
    expect(effectiveLanguage(chosen, { language: 'fr' }, 'en-US')).toBe('fr');
    const view = settingsView(chosen, { language: 'fr' }, 'keychain', 0, 'en-US');
    expect(view).toMatchObject({ language: 'fr', languageChoice: 'es', managed: ['language'] });
  });

  it('refuses a choice hospital IT fixed otherwise, and keeps the stored one for when the rule is lifted', () => {
    const chosen = updatePreferences(defaultPreferences, v.parse(updateInput, { language: 'es' }), {});
    expect(() => updatePreferences(chosen, v.parse(updateInput, { language: 'en' }), { language: 'fr' })).toThrow(
      "Your organization's settings set the language (fr)",
    );
    expect(updatePreferences(chosen, v.parse(updateInput, { language: 'fr' }), { language: 'fr' }).language).toBe('fr');
    expect(effectiveLanguage(chosen, {}, 'en-US')).toBe('es');
  });

  it('refuses a language that is not shipped, in the call and in the stored file', () => {
    expect(v.safeParse(updateInput, { language: 'de' }).success).toBe(false);
    expect(readPreferences({ language: 'de', theme: 'dark' })).toEqual({ preferences: { ...defaultPreferences, theme: 'dark' }, dropped: ['language'] });
  });

  it('may be fixed by the managed settings, which refuse one not shipped', () => {
    expect(readManagedPolicy(JSON.stringify({ language: 'es' }))).toEqual({ ok: true, policy: { language: 'es' } });
    const refused = readManagedPolicy(JSON.stringify({ language: 'de' }));
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error).toContain('language must be one of en, es, fr');
  });
});

describe('the spell checker', () => {
  it('checks the app’s language unless the user chose languages', () => {
    expect(effectiveSpellCheckLanguages(defaultPreferences, 'fr')).toEqual(['fr']);
    const chosen = updatePreferences(defaultPreferences, v.parse(updateInput, { spellCheckLanguages: ['en-US', 'es'] }), {});
    expect(effectiveSpellCheckLanguages(chosen, 'fr')).toEqual(['en-US', 'es']);
    expect(settingsView(chosen, {}, 'keychain', 0, 'fr-FR').spellCheckLanguages).toEqual(['en-US', 'es']);
  });

  it('takes at most five well-formed language tags', () => {
    expect(v.safeParse(updateInput, { spellCheckLanguages: ['en-US', 'fr', 'es-ES', 'de', 'it'] }).success).toBe(true);
    expect(v.safeParse(updateInput, { spellCheckLanguages: ['en-US', 'fr', 'es-ES', 'de', 'it', 'nl'] }).issues?.[0]?.message).toBe('At most 5 spell-check languages');
    expect(v.safeParse(updateInput, { spellCheckLanguages: ['english'] }).issues?.[0]?.message).toBe('A spell-check language is a tag such as en-US or fr');
  });

  it('downloads dictionaries from the hospital’s own https server when the managed settings say so, and from nowhere when it is not https', () => {
    const managed = readManagedPolicy(JSON.stringify({ spellCheckDictionaryUrl: 'https://dictionaries.hospital.example/hunspell/' }));
    expect(managed).toEqual({ ok: true, policy: { spellCheckDictionaryUrl: 'https://dictionaries.hospital.example/hunspell/' } });
    expect(settingsView(defaultPreferences, managed.policy, 'keychain', 0, 'en-US').spellCheckDictionaryManaged).toBe(true);
    const plain = readManagedPolicy(JSON.stringify({ spellCheckDictionaryUrl: 'http://dictionaries.hospital.example/' }));
    expect(plain.ok).toBe(false);
    expect(plain.policy.spellCheckDictionaryUrl).toBeNull();
    expect(plain.ok ? '' : plain.error).toContain('dictionaries are downloaded only over https');
  });
});

describe('the direction of a language', () => {
  it('is right to left for Arabic, Persian, Hebrew and Urdu, left to right for the shipped ones', () => {
    expect(['en', 'es', 'fr'].map(directionOf)).toEqual(['ltr', 'ltr', 'ltr']);
    expect(['ar', 'fa', 'he', 'ur'].map(directionOf)).toEqual(['rtl', 'rtl', 'rtl', 'rtl']);
  });
});
