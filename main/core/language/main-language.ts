// The language of what main shows itself (the app menu, the tray, notifications, native
// dialogs): the app's effective language (the managed setting, else the user's choice, else the
// OS's), switched at once when the settings change it. Words come from the same catalogs the
// window gets (i18n/shipped-catalogs.ts), English filling in a key a catalog lacks.
import type { Language } from '../../../i18n/languages';
import { createTranslator } from '../../../i18n/translator';
import type { Translator } from '../../../i18n/translator';
import { catalogs } from '../../../i18n/shipped-catalogs';

const translators = new Map<Language, Translator>();

/** The translator of one shipped language; made once and kept (its formats are cached inside). */
export function mainTranslator(language: Language): Translator {
  let translator = translators.get(language);
  if (translator === undefined) {
    translator = createTranslator(language, catalogs[language], { fallback: catalogs.en });
    translators.set(language, translator);
  }
  return translator;
}

export interface MainLanguage {
  readonly language: Language;
  readonly translator: Translator;
  /** Switches to `language`; true when that is a change (what main shows must then be rebuilt). */
  switchTo(language: Language): boolean;
}

export function createMainLanguage(initial: Language): MainLanguage {
  let language = initial;
  return {
    get language() {
      return language;
    },
    get translator() {
      return mainTranslator(language);
    },
    switchTo(next) {
      if (next === language) return false;
      language = next;
      return true;
    },
  };
}
