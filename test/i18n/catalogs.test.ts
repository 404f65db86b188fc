// The shipped catalogs: every language holds every key the English one has (and no other), each
// message is valid ICU in its language and uses the same variables as the English one, none is
// empty, and each file stays sorted by key (so that additions merge cleanly).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { languages } from '../../i18n/languages';
import { variablesOf } from './catalog-variables';

async function catalog(language: string): Promise<Record<string, string>> {
  return JSON.parse(await readFile(new URL(`../../i18n/catalogs/${language}.json`, import.meta.url), 'utf8')) as Record<string, string>;
}

describe('the catalogs', () => {
  it('hold, in every language, exactly the keys of the English one', async () => {
    const english = Object.keys(await catalog('en')).sort();
    expect(english.length).toBeGreaterThan(0);
    for (const language of languages) {
      const keys = Object.keys(await catalog(language)).sort();
      expect(english.filter((key) => !keys.includes(key)), `missing in ${language}`).toEqual([]);
      expect(keys.filter((key) => !english.includes(key)), `not in English, in ${language}`).toEqual([]);
    }
  });

  it('are valid ICU messages using the variables the English one uses, none empty', async () => {
    const english = await catalog('en');
    for (const language of languages) {
      const messages = await catalog(language);
      for (const [key, message] of Object.entries(messages)) {
        expect(message.trim(), `${language} ${key}`).not.toBe('');
        expect(variablesOf(message, language), `${language} ${key}`).toEqual(variablesOf(english[key] ?? '', 'en'));
      }
    }
  });

  it('are sorted by key, two-space JSON ending with a newline', async () => {
    for (const language of languages) {
      const text = await readFile(new URL(`../../i18n/catalogs/${language}.json`, import.meta.url), 'utf8');
      const messages = JSON.parse(text) as Record<string, string>;
      const sorted = Object.fromEntries(Object.entries(messages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(text, language).toBe(`${JSON.stringify(sorted, null, 2)}\n`);
    }
  });
});
