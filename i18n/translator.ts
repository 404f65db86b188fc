// Words a catalog's ICU messages (FormatJS intl-messageformat: plurals, selects, numbers and
// dates in the language's own forms) and formats dates and numbers with Intl in one language.
import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageKey, UserText } from './user-text';

export type Catalog = Readonly<Record<string, string>>;
export type MessageValues = Record<string, string | number | Date>;

export interface Translator {
  /** The BCP 47 tag Intl formats with: 'en', 'es', 'fr' (a test's pseudo-locale has its own). */
  readonly locale: string;
  readonly direction: 'ltr' | 'rtl';
  t(key: MessageKey, values?: MessageValues): string;
  /** A UserText main sent, worded here. */
  text(said: UserText): string;
  date(time: number | Date, options: Intl.DateTimeFormatOptions): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** A language's name (`es-MX`: "Spanish (Mexico)", "espagnol (Mexique)" in French); the tag itself if Intl has none. */
  languageName(tag: string): string;
}

export interface TranslatorOptions {
  /** Where a key is missing from `catalog` (it never is in a shipped one: a test checks): English. */
  fallback?: Catalog;
  direction?: 'ltr' | 'rtl';
  /** Told of a message that could not be worded (a missing key, a bad value); it is then shown as its key. */
  onError?: (problem: string) => void;
}

export function createTranslator(locale: string, catalog: Catalog, options: TranslatorOptions = {}): Translator {
  const formats = new Map<string, IntlMessageFormat>();
  const dateFormats = new Map<string, Intl.DateTimeFormat>();
  const numberFormats = new Map<string, Intl.NumberFormat>();
  let languageNames: Intl.DisplayNames | null = null;
  const report = options.onError ?? (() => undefined);

  function formatOf(key: string): IntlMessageFormat | null {
    const known = formats.get(key);
    if (known !== undefined) return known;
    const source = catalog[key] ?? options.fallback?.[key];
    if (source === undefined) return null;
    const format = new IntlMessageFormat(source, locale);
    formats.set(key, format);
    return format;
  }

  function t(key: MessageKey, values?: MessageValues): string {
    try {
      const format = formatOf(key);
      if (format === null) {
        report(`No message "${key}" in the ${locale} catalog`);
        return key;
      }
      const worded = format.format(values);
      return typeof worded === 'string' ? worded : String(worded);
    } catch (error) {
      report(`The message "${key}" could not be worded in ${locale}: ${error instanceof Error ? error.message : String(error)}`);
      return key;
    }
  }

  return {
    locale,
    direction: options.direction ?? 'ltr',
    t,
    text: (said) => t(said.key, said.params),
    date(time, formatOptions) {
      const id = JSON.stringify(formatOptions);
      let format = dateFormats.get(id);
      if (format === undefined) {
        format = new Intl.DateTimeFormat(locale, formatOptions);
        dateFormats.set(id, format);
      }
      return format.format(time);
    },
    number(value, formatOptions = {}) {
      const id = JSON.stringify(formatOptions);
      let format = numberFormats.get(id);
      if (format === undefined) {
        format = new Intl.NumberFormat(locale, formatOptions);
        numberFormats.set(id, format);
      }
      return format.format(value);
    },
    languageName(tag) {
      languageNames ??= new Intl.DisplayNames([locale], { type: 'language', languageDisplay: 'standard' });
      try {
        return languageNames.of(tag) ?? tag;
      } catch {
        // Not a well-formed tag: shown as it is.
        return tag;
      }
    },
  };
}
