/**
 * How directory search matches what was typed, the server's rule (API.md, "Directory search")
 * applied to people and groups held here: every word typed starts a word of the name, or the
 * whole of it starts the username; any case. Nothing typed matches everyone.
 */
export function matchesTyped(typed: string, names: readonly (string | null)[], usernames: readonly (string | null)[] = []): boolean {
  const wanted = wordsOf(typed);
  if (wanted.length === 0) return true;
  const nameWords = names.flatMap((name) => (name === null ? [] : wordsOf(name)));
  if (wanted.every((word) => nameWords.some((candidate) => candidate.startsWith(word)))) return true;
  const whole = typed.trim().toLowerCase();
  return usernames.some((username) => username !== null && username.toLowerCase().startsWith(whole));
}

/** The lower-cased words of a name: split at spaces and at the punctuation names carry. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[\s,.'-]+/).filter((word) => word !== '');
}
