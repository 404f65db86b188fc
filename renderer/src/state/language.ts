// The window's language: every word it shows comes from `t` (a catalog message) or `said` (a
// UserText main sent), both read through one signal, so a language chosen in Settings rewords
// the whole window, its dates and numbers included, without a restart. English, the source
// language, is built in; another is asked of main once chosen (catalogs load per language).
import { signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import en from '../../../i18n/catalogs/en.json';
import { directionOf } from '../../../i18n/languages';
import type { Language } from '../../../i18n/languages';
import { createTranslator } from '../../../i18n/translator';
import type { MessageValues, Translator } from '../../../i18n/translator';
import type { MessageKey, UserText } from '../../../i18n/user-text';
import type { TigerApi } from '../../../preload/contract';

const english = createTranslator('en', en);
const current = signal<Translator>(english);

/** The translator the window speaks with now; reading it subscribes a component to changes. */
export const translator: ReadonlySignal<Translator> = current;

/** A catalog message in the window's language. */
export function t(key: MessageKey, values?: MessageValues): string {
  return current.value.t(key, values);
}

/** What main said (an error, a failure reason), in the window's language. */
export function said(text: UserText): string {
  return current.value.text(text);
}

/** Speaks with `next` from now on; the page's `lang` and `dir` follow (screen readers, logical CSS). */
export function useTranslator(next: Translator): void {
  current.value = next;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = next.locale;
    document.documentElement.dir = next.direction;
  }
}

let requested: Language | null = null;

/**
 * Switches to `language`, its catalog asked of main unless it is English. A catalog that cannot
 * be had leaves the window in the language it speaks, and the failure is thrown to the caller.
 */
export async function applyLanguage(api: Pick<TigerApi, 'catalog'>, language: Language): Promise<void> {
  if (language === current.value.locale && requested === null) return;
  requested = language;
  let catalog: Record<string, string>;
  try {
    catalog = language === 'en' ? en : await api.catalog({ language });
  } catch (error) {
    if (requested === language) requested = null;
    throw error;
  }
  // A later choice overtook this one while its catalog was on its way.
  if (requested !== language) return;
  requested = null;
  useTranslator(language === 'en' ? english : createTranslator(language, catalog, { fallback: en, direction: directionOf(language) }));
}
