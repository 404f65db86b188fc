import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Settings } from '../../../../preload/contract';
import { t, translator } from '../../state/language';
import { useApp } from '../app-context';

/** Main checks it too (the contract's spell-check rule); here it only keeps the choice within it. */
const mostLanguages = 5;

/**
 * Common dictionaries Chromium has on Windows and Linux (main sets only those the spell checker
 * offers, so a tag missing there is skipped, never an error).
 */
const commonLanguages = ['cs', 'da', 'de-DE', 'el', 'en-AU', 'en-CA', 'en-GB', 'en-US', 'es-ES', 'es-MX', 'fr-FR', 'hu', 'it-IT', 'nb', 'nl', 'pl', 'pt-BR', 'pt-PT', 'ro', 'ru', 'sv', 'tr', 'uk'];

/**
 * The composer's spell-check languages: none chosen follows the app's language. On macOS the
 * system's spell checker picks them, so there is nothing to choose.
 */
export function SpellCheckSettings({ settings }: { settings: Settings }) {
  const app = useApp();
  const systemChooses = useSignal(false);
  useEffect(() => {
    app.api.appInfo().then(
      (info) => (systemChooses.value = info.platform === 'darwin'),
      () => undefined,
    );
  }, []);
  const chosen = settings.spellCheckLanguages;
  const locale = translator.value.locale;
  const offered = [...new Set([...commonLanguages, ...chosen])]
    .map((tag) => ({ tag, name: translator.value.languageName(tag) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  const save = (next: string[]) => void app.settings.update({ spellCheckLanguages: next });
  return (
    <section class="spell-check-settings" aria-labelledby="spell-check-heading">
      <h3 id="spell-check-heading">{t('settings.spellcheck.title')}</h3>
      {systemChooses.value ? (
        <p class="subtle">{t('settings.spellcheck.system')}</p>
      ) : (
        <>
          <p class="subtle">{t('settings.spellcheck.description', { max: mostLanguages })}</p>
          {settings.spellCheckDictionaryManaged && <p class="subtle">{t('settings.spellcheck.managed')}</p>}
          <label class="inline">
            <input type="checkbox" checked={chosen.length === 0} disabled={chosen.length === 0} onChange={() => save([])} />
            {t('settings.spellcheck.same-as-app')}
          </label>
          <fieldset>
            <legend>{t('settings.spellcheck.languages')}</legend>
            {offered.map(({ tag, name }) => {
              const on = chosen.includes(tag);
              return (
                <label class="inline" key={tag}>
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={!on && chosen.length >= mostLanguages}
                    onChange={() => save(on ? chosen.filter((other) => other !== tag) : [...chosen, tag])}
                  />
                  {name}
                </label>
              );
            })}
          </fieldset>
        </>
      )}
    </section>
  );
}
