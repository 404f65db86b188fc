/**
 * Turns what the user typed into an FTS5 query: every word must appear, each as a prefix,
 * and nothing typed is read as FTS5 syntax (quotes, operators, column filters).
 * Returns null when there is no word to look for.
 */
export function toFtsQuery(typed: string): string | null {
  const words = typed.normalize('NFKC').match(/[\p{L}\p{N}]+/gu);
  if (words === null) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}
