// The window's catalogs: it holds English (its source language) and asks for the one it speaks
// when that is another, so a window loads only its own language.
import en from '../../i18n/catalogs/en.json';
import es from '../../i18n/catalogs/es.json';
import fr from '../../i18n/catalogs/fr.json';
import type { Language } from '../../i18n/languages';
import type { CallHandlers } from './answer-call';

export const catalogs: Record<Language, Readonly<Record<string, string>>> = { en, es, fr };

export function languageCalls(): Pick<CallHandlers, 'catalog'> {
  return { catalog: ({ language }) => ({ ...catalogs[language] }) };
}
