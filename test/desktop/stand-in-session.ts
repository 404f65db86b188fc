// The stand-in's session spell checker and context menus. Chromium's spell checker cannot run
// here (no dictionary is downloaded): what the app sets is recorded, and refused as Electron
// refuses it; a test fires a window's `context-menu` (StandInWindow.userContextMenu) and reads
// and clicks the menu the app popped up.
import type { MenuItemConstructorOptions } from 'electron';
import type { SpellCheckSession } from '../../main/shell/spell-check';

/** Chromium's Hunspell dictionaries (session.availableSpellCheckerLanguages on Linux and Windows). */
export const chromiumSpellCheckLanguages = [
  'af', 'bg', 'ca', 'cs', 'cy', 'da', 'de', 'de-DE', 'el', 'en-AU', 'en-CA', 'en-GB', 'en-GB-oxendict', 'en-US', 'es', 'es-419', 'es-AR',
  'es-ES', 'es-MX', 'es-US', 'fa', 'fo', 'fr', 'fr-FR', 'he', 'hi', 'hr', 'hu', 'hy', 'id', 'it', 'it-IT', 'ko', 'lt', 'lv', 'nb', 'nl',
  'pl', 'pt', 'pt-BR', 'pt-PT', 'ro', 'ru', 'sh', 'sk', 'sl', 'sq', 'sr', 'sv', 'ta', 'tg', 'tr', 'uk', 'vi',
];

export class StandInSpellChecker implements SpellCheckSession {
  readonly availableSpellCheckerLanguages = [...chromiumSpellCheckLanguages];
  /** Each list of languages the app set, in order. */
  readonly languagesSet: string[][] = [];
  dictionaryUrl: string | null = null;
  enabled = true;
  readonly words: string[] = [];
  /** Every setting, in the order the app made it: 'languages en-US,fr', 'dictionaryUrl https://…', 'enabled false'. */
  readonly calls: string[] = [];

  setSpellCheckerLanguages(languages: string[]): void {
    for (const language of languages) {
      if (!this.availableSpellCheckerLanguages.includes(language)) throw new Error(`Invalid language code provided: "${language}" is not a valid language code`);
    }
    this.languagesSet.push([...languages]);
    this.calls.push(`languages ${languages.join()}`);
  }

  setSpellCheckerDictionaryDownloadURL(url: string): void {
    if (!URL.canParse(url)) throw new Error(`The URL you provided to setSpellCheckerDictionaryDownloadURL is not a valid URL: ${url}`);
    this.dictionaryUrl = url;
    this.calls.push(`dictionaryUrl ${url}`);
  }

  setSpellCheckerEnabled(enable: boolean): void {
    this.enabled = enable;
    this.calls.push(`enabled ${enable}`);
  }

  addWordToSpellCheckerDictionary(word: string): boolean {
    this.words.push(word);
    return true;
  }
}

/** A menu built from a template; a context menu's popup is recorded. */
export class StandInMenu {
  constructor(
    readonly template: MenuItemConstructorOptions[],
    private readonly popped: (template: MenuItemConstructorOptions[]) => void = () => {},
  ) {}

  popup(): void {
    this.popped(this.template);
  }
}

/** The person picks the item with this label, as Electron would: only an enabled item with an action. */
export function pickMenuItem(template: readonly MenuItemConstructorOptions[], label: string): void {
  const item = template.find((candidate) => candidate.label === label);
  if (item === undefined) throw new Error(`The menu has no item "${label}": ${template.map((entry) => entry.label ?? `(${entry.type ?? entry.role ?? ''})`).join(', ')}`);
  if (item.enabled === false) throw new Error(`The menu item "${label}" is disabled`);
  if (item.click === undefined) throw new Error(`The menu item "${label}" does nothing`);
  (item.click as () => void)();
}
