// Every catalog TigerDesk ships, by language: what main words its own menus and dialogs with,
// and what it hands a window that speaks a language other than English.
import en from './catalogs/en.json';
import es from './catalogs/es.json';
import fr from './catalogs/fr.json';
import type { Language } from './languages';

export const catalogs: Record<Language, Readonly<Record<string, string>>> = { en, es, fr };
