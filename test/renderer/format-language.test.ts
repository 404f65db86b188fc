/**
 * Times, countdowns and file sizes follow the window's language: each is worded through the
 * current translator when it is formatted, never by a formatter fixed when the module loaded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../i18n/catalogs/en.json';
import es from '../../i18n/catalogs/es.json';
import fr from '../../i18n/catalogs/fr.json';
import { createTranslator } from '../../i18n/translator';
import { fileSize } from '../../renderer/src/format/size';
import { dayLabel, fullTime, remaining } from '../../renderer/src/format/time';
import { useTranslator } from '../../renderer/src/state/language';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

afterEach(() => useTranslator(createTranslator('en', en)));

describe('formatting in the window’s language', () => {
  it('words the countdown with the language’s plurals', () => {
    useTranslator(createTranslator('fr', fr, { fallback: en }));
    expect(remaining(7 * day - 3000)).toBe('7 jours');
    expect(remaining(day - 2000)).toBe('1 jour');
    expect(remaining(90 * minute)).toBe('1 h 30 min');
    expect(remaining(4 * minute + 5000)).toBe('4:05');
    useTranslator(createTranslator('es', es, { fallback: en }));
    expect(remaining(2 * day)).toBe('2 días');
    expect(remaining(day)).toBe('1 día');
  });

  it('names today and yesterday, and formats other days and times, in the language', () => {
    const now = Date.now();
    useTranslator(createTranslator('es', es, { fallback: en }));
    expect(dayLabel(now, now)).toBe('Hoy');
    expect(dayLabel(now - day, now)).toBe('Ayer');
    const longAgo = Date.UTC(2026, 0, 14, 12);
    expect(dayLabel(longAgo, now)).toBe(new Intl.DateTimeFormat('es', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(longAgo));
    expect(fullTime(longAgo)).toBe(new Intl.DateTimeFormat('es', { dateStyle: 'medium', timeStyle: 'short' }).format(longAgo));
    useTranslator(createTranslator('fr', fr, { fallback: en }));
    expect(dayLabel(now, now)).toBe('Aujourd’hui');
  });

  it('words file sizes with the language’s units and decimal separator', () => {
    expect(fileSize(1)).toBe('1 byte');
    expect(fileSize(512)).toBe('512 bytes');
    expect(fileSize(1536)).toBe('1.5 KB');
    expect(fileSize(24 * 1024 * 1024)).toBe('24 MB');
    useTranslator(createTranslator('fr', fr, { fallback: en }));
    expect(fileSize(1)).toBe('1 octet');
    expect(fileSize(1536)).toBe('1,5 Ko');
    expect(fileSize(24 * 1024 * 1024)).toBe('24 Mo');
  });
});
