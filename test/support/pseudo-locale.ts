// Pseudo-locales for tests: English words accented, 40 % longer, and fenced in ⟦ ⟧ (a catalog
// message) or ‹ › (a date or number formatted through the translator's Intl), so that a test can
// tell every string that came through the translator from one that did not; the right-to-left one
// also turns the page's direction. Its locale is English, which the window already speaks, so the
// app's own language switch leaves it in place.
import en from '../../i18n/catalogs/en.json';
import { createTranslator } from '../../i18n/translator';
import type { Translator } from '../../i18n/translator';

export const catalogOpen = '⟦';
export const catalogClose = '⟧';
export const intlOpen = '‹';
export const intlClose = '›';

const accented: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** `text` accented and 40 % longer (its own start repeated), as a longer translation would be. */
export function lengthened(text: string): string {
  const accent = [...text].map((character) => accented[character] ?? character).join('');
  const extra = Math.ceil(text.length * 0.4);
  // The padding repeats the words, never the fences of a message or date held inside them.
  const filler = accent.replace(/[⟦⟧‹›]/g, '') || '·';
  let padding = '';
  while (padding.length < extra) padding += filler;
  return `${accent} ${padding.slice(0, extra)}`;
}

export function pseudoTranslator(options: { direction: 'ltr' | 'rtl' }): Translator {
  const english = createTranslator('en', en);
  const message = (text: string) => `${catalogOpen}${lengthened(text)}${catalogClose}`;
  return {
    locale: 'en',
    direction: options.direction,
    t: (key, values) => message(english.t(key, values)),
    text: (said) => message(english.text(said)),
    date: (time, format) => `${intlOpen}${english.date(time, format)}${intlClose}`,
    number: (value, format) => `${intlOpen}${english.number(value, format)}${intlClose}`,
    languageName: (tag) => `${intlOpen}${english.languageName(tag)}${intlClose}`,
  };
}

/**
 * What is left of a shown string once every fenced part and every piece of data (names, message
 * bodies: what the user or the server wrote) is taken out: letters left over did not come from
 * a catalog.
 */
export function strayWords(shown: string, data: readonly string[]): string | null {
  // A message may hold another (a name's kind, a count): fences nest, innermost taken first.
  let rest = shown;
  for (let before = ''; before !== rest; ) {
    before = rest;
    rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ').replace(/‹[^‹›]*›/g, ' ');
  }
  for (const datum of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(datum).join(' ');
  return /\p{L}/u.test(rest) ? shown : null;
}
