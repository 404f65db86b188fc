// The translator: ICU plurals and selects in each language's own rules, Intl dates and numbers
// in its locale, English where a key is missing, and a message that cannot be worded reported
// (and shown as its key) instead of throwing into the window.
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../i18n/translator';
import type { MessageKey } from '../../i18n/user-text';

const key = (name: string) => name as MessageKey;

describe('the translator', () => {
  it('words plurals by each language’s rules', () => {
    const messages = { count: '{n, plural, one {# mensaje} other {# mensajes}}' };
    const es = createTranslator('es', messages);
    expect(es.t(key('count'), { n: 1 })).toBe('1 mensaje');
    expect(es.t(key('count'), { n: 0 })).toBe('0 mensajes');
    // French counts 0 and 1 as "one"; English 0 as "other".
    const fr = createTranslator('fr', { count: '{n, plural, one {# message} other {# messages}}' });
    expect(fr.t(key('count'), { n: 0 })).toBe('0 message');
    const en = createTranslator('en', { count: '{n, plural, one {# message} other {# messages}}' });
    expect(en.t(key('count'), { n: 0 })).toBe('0 messages');
    expect(en.t(key('count'), { n: 1200 })).toBe('1,200 messages');
    expect(fr.t(key('count'), { n: 1200 })).toBe('1\u202f200 messages');
  });

  it('words a UserText main sent, with its parameters and a select', () => {
    const es = createTranslator('es', { kind: '{kind, select, group {Grupo {name}} other {Conversación con {name}}}' });
    expect(es.text({ key: key('kind'), params: { kind: 'group', name: 'UCI' } })).toBe('Grupo UCI');
    expect(es.text({ key: key('kind'), params: { kind: 'person', name: 'Ana' } })).toBe('Conversación con Ana');
  });

  it('formats dates and numbers in its locale', () => {
    const time = Date.UTC(2026, 11, 6, 12, 0, 0);
    const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', timeZone: 'UTC' };
    expect(createTranslator('es', {}).date(time, options)).toBe('6 de diciembre');
    expect(createTranslator('fr', {}).date(time, options)).toBe('6 décembre');
    expect(createTranslator('en', {}).date(time, options)).toBe('December 6');
    expect(createTranslator('es', {}).number(0.5, { style: 'percent' })).toBe('50\u00a0%');
  });

  it('falls back to English for a key its catalog lacks, and reports a key no catalog has', () => {
    const problems: string[] = [];
    const es = createTranslator('es', {}, { fallback: { hello: 'Hello {name}' }, onError: (problem) => problems.push(problem) });
    expect(es.t(key('hello'), { name: 'Ana' })).toBe('Hello Ana');
    expect(es.t(key('nowhere'))).toBe('nowhere');
    expect(problems).toEqual(['No message "nowhere" in the es catalog']);
  });

  it('reports a message that cannot be worded (a value missing, bad ICU) and shows its key instead of throwing', () => {
    const problems: string[] = [];
    const en = createTranslator('en', { needs: 'Hello {name}', broken: 'Hello {name' }, { onError: (problem) => problems.push(problem) });
    expect(en.t(key('needs'))).toBe('needs');
    expect(en.t(key('broken'), { name: 'x' })).toBe('broken');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^The message "needs" could not be worded in en: /);
  });
});

describe('language names', () => {
  it('are worded in the translator’s language, a tag Intl cannot read shown as it is', () => {
    expect(createTranslator('en', {}).languageName('es-MX')).toBe('Spanish (Mexico)');
    expect(createTranslator('fr', {}).languageName('de')).toBe('allemand');
    expect(createTranslator('es', {}).languageName('not a tag')).toBe('not a tag');
  });
});
