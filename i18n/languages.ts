// The languages TigerDesk ships, and which of them a locale asks for. Catalogs are data
// (catalogs/<language>.json): main reads them and gives the window the one it needs.

/** Each has a complete catalog; English is the source every other is checked against. */
export const languages = ['en', 'es', 'fr'] as const;
export type Language = (typeof languages)[number];

/** Each language's name in itself, as the Settings list shows it. */
export const languageNames: Record<Language, string> = { en: 'English', es: 'Español', fr: 'Français' };

export function isLanguage(value: string): value is Language {
  return (languages as readonly string[]).includes(value);
}

/**
 * The shipped language a locale such as `es-MX`, `fr_CA.UTF-8` or `pt-BR` asks for: its
 * primary subtag, if shipped; otherwise English.
 */
export function languageOfLocale(locale: string): Language {
  const primary = locale.trim().toLowerCase().split(/[-_.@]/)[0] ?? '';
  return isLanguage(primary) ? primary : 'en';
}

/** Languages written right to left, among those TigerDesk may ship: the window mirrors for them. */
const rightToLeft: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur']);

export function directionOf(language: string): 'ltr' | 'rtl' {
  return rightToLeft.has(language) ? 'rtl' : 'ltr';
}
