// The composer's spell checker (Chromium's, in the window's session): its languages, and where
// its dictionaries come from.
//
// On Windows and Linux Chromium downloads a Hunspell dictionary for each language from
// Google's servers unless told otherwise; hospital IT may point it at the hospital's own
// (managed `spellCheckDictionaryUrl`). On macOS the OS's spell checker is used: it picks the
// languages itself and downloads nothing, so nothing is set there.
import type { Session } from 'electron';

export type SpellCheckSession = Pick<
  Session,
  'availableSpellCheckerLanguages' | 'setSpellCheckerLanguages' | 'setSpellCheckerDictionaryDownloadURL' | 'setSpellCheckerEnabled' | 'addWordToSpellCheckerDictionary'
>;

/** The usual dictionary for a language Chromium only has in regional forms ('en' has none of its own). */
const usualRegion: Readonly<Record<string, string>> = { en: 'en-US', es: 'es-ES', fr: 'fr-FR', de: 'de-DE', it: 'it-IT', pt: 'pt-BR' };

/**
 * The languages to give the session: each wanted one the session offers (Electron throws on
 * any other); a bare language (the app's, 'es') in the OS locale's region where offered
 * ('es-MX'), else as it is ('es'), else in its usual region ('en-US'), else its first regional
 * form; without repeats.
 */
export function offeredSpellCheckLanguages(wanted: readonly string[], available: readonly string[], osLocale: string): string[] {
  const offered = new Set(available);
  const osTag = osLocale.replace('_', '-').split('.')[0] ?? '';
  const chosen: string[] = [];
  for (const tag of wanted) {
    const language = tag.split('-')[0] ?? tag;
    const candidates = tag === language ? [osTag.startsWith(`${language}-`) ? osTag : '', tag, usualRegion[language] ?? '', ...available.filter((other) => other.startsWith(`${language}-`))] : [tag];
    const found = candidates.find((candidate) => candidate !== '' && offered.has(candidate));
    if (found !== undefined && !chosen.includes(found)) chosen.push(found);
  }
  return chosen;
}

export interface SpellCheckOptions {
  /** process.platform: macOS uses its own spell checker. */
  os: NodeJS.Platform;
  /**
   * The managed `spellCheckDictionaryUrl`: undefined where hospital IT set none (Chromium's
   * default servers), null where the one set was refused (not https, nor this computer).
   */
  dictionaryUrl: string | null | undefined;
  /** The OS's locale (app.getLocale()): the region a bare language is taken in. */
  osLocale: string;
  log: { warn(message: string, fields?: Record<string, string>): void };
}

export interface SpellChecker {
  /** Sets the languages (effectiveSpellCheckLanguages) as far as the session offers them; at start and at each change of the settings. */
  languages(wanted: readonly string[]): void;
}

/**
 * The session's spell checker. Where dictionaries come from is set first, before any language
 * (a language set is a dictionary loaded). A refused location turns the spell checker off:
 * hospital IT meant dictionaries not to come from Google's servers, and the location it gave
 * cannot be used, so none is downloaded from anywhere (and no language is set).
 */
export function spellChecker(session: SpellCheckSession, options: SpellCheckOptions): SpellChecker {
  const { dictionaryUrl } = options;
  const off = options.os === 'darwin' || dictionaryUrl === null;
  if (options.os !== 'darwin') {
    if (dictionaryUrl === null) {
      session.setSpellCheckerEnabled(false);
      options.log.warn('spell checking is off: the managed dictionary location was refused');
    } else if (dictionaryUrl !== undefined) {
      session.setSpellCheckerDictionaryDownloadURL(dictionaryUrl);
    }
  }
  let applied: string | null = null;
  return {
    languages(wanted) {
      if (off) return;
      const languages = offeredSpellCheckLanguages(wanted, session.availableSpellCheckerLanguages, options.osLocale);
      if (languages.join() === applied) return;
      applied = languages.join();
      const missing = wanted.filter((tag) => !languages.some((chosen) => chosen === tag || chosen.startsWith(`${tag}-`)));
      if (missing.length > 0) options.log.warn('no spell-check dictionary for some languages', { languages: missing.join(', ') });
      session.setSpellCheckerLanguages(languages);
    },
  };
}
