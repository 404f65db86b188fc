import { describe, expect, it } from 'vitest';
import { matchesTyped, wordsOf } from '../../main/core/sync/directory-match';

describe('directory matching', () => {
  it('matches when every word typed starts a word of the name, in any case and order', () => {
    expect(matchesTyped('jor', ['Jordan Lee'])).toBe(true);
    expect(matchesTyped('LEE jor', ['Jordan Lee'])).toBe(true);
    expect(matchesTyped('ordan', ['Jordan Lee'])).toBe(false);
    expect(matchesTyped('jor smith', ['Jordan Lee'])).toBe(false);
    expect(matchesTyped('o\'br', ['Dr Aoife O\'Brien-Kelly'])).toBe(true);
    expect(matchesTyped('kel', ['Dr Aoife O\'Brien-Kelly'])).toBe(true);
  });

  it('matches the start of the username as a whole, and everyone when nothing is typed', () => {
    expect(matchesTyped('jle', ['Jordan Lee'], ['jlee'])).toBe(true);
    expect(matchesTyped('lee', ['Someone'], ['jlee'])).toBe(false);
    expect(matchesTyped('  ', ['Anyone'])).toBe(true);
    expect(matchesTyped('x', [null], [null])).toBe(false);
  });

  it('splits names at spaces and the punctuation names carry', () => {
    expect(wordsOf(' Mary-Jane  O\'Neil, RN. ')).toEqual(['mary', 'jane', 'o', 'neil', 'rn']);
  });
});
