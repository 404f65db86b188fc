// @vitest-environment happy-dom
// The window's language: English built in, another asked of main once chosen; the page's lang
// and dir follow; a later choice overtakes one still loading; a catalog main cannot give leaves
// the window as it was.
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../i18n/catalogs/en.json';
import es from '../../i18n/catalogs/es.json';
import fr from '../../i18n/catalogs/fr.json';
import type { Language } from '../../i18n/languages';
import { createTranslator } from '../../i18n/translator';
import { applyLanguage, t, translator, useTranslator } from '../../renderer/src/state/language';

afterEach(() => useTranslator(createTranslator('en', en)));

function mainGiving(catalogs: Partial<Record<Language, Record<string, string>>>, gate?: Promise<void>) {
  const asked: Language[] = [];
  return {
    asked,
    api: {
      async catalog({ language }: { language: Language }) {
        asked.push(language);
        await gate;
        const catalog = catalogs[language];
        if (catalog === undefined) throw new Error(`no ${language} catalog`);
        return catalog;
      },
    },
  };
}

describe('the window’s language', () => {
  it('speaks English without asking main, and Spanish once main gives its catalog', async () => {
    const main = mainGiving({ es });
    await applyLanguage(main.api, 'en');
    expect(main.asked).toEqual([]);
    expect(t('error.outside-window')).toBe(en['error.outside-window']);
    await applyLanguage(main.api, 'es');
    expect(main.asked).toEqual(['es']);
    expect(t('error.outside-window')).toBe(es['error.outside-window']);
    expect(translator.value.locale).toBe('es');
    expect([document.documentElement.lang, document.documentElement.dir]).toEqual(['es', 'ltr']);
  });

  it('lets a later choice overtake one whose catalog is still on its way', async () => {
    let open: () => void = () => undefined;
    const slow = mainGiving({ es, fr }, new Promise<void>((resolve) => (open = resolve)));
    const spanish = applyLanguage(slow.api, 'es');
    const french = applyLanguage(slow.api, 'fr');
    open();
    await Promise.all([spanish, french]);
    expect(translator.value.locale).toBe('fr');
    expect(t('error.outside-window')).toBe(fr['error.outside-window']);
  });

  it('keeps its language when main cannot give the catalog, and says why to the caller', async () => {
    await expect(applyLanguage(mainGiving({}).api, 'fr')).rejects.toThrow('no fr catalog');
    expect(translator.value.locale).toBe('en');
  });
});
