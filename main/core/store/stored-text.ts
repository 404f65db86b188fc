/**
 * What main says, stored: a failure reason is kept as a UserText (a catalog key and its
 * parameters) written as JSON text `{"key":…,"params":…}`, so that the window words it in the
 * language the user reads at the time, not the one it was stored in. A stored text that does not
 * read as one (a sentence stored before migration 14, a key this TigerDesk does not know) is
 * read as it is, `said.english` of its text: nothing stored is lost.
 */
import * as v from 'valibot';
import en from '../../../i18n/catalogs/en.json';
import type { MessageKey, UserText } from '../../../i18n/user-text';

const storedSchema = v.object({
  key: v.custom<MessageKey>((key) => typeof key === 'string' && Object.hasOwn(en, key)),
  params: v.optional(v.record(v.string(), v.union([v.string(), v.number()]))),
});

/** The JSON text a UserText is stored as. */
export function storedText(said: UserText): string {
  return JSON.stringify(said.params === undefined ? { key: said.key } : { key: said.key, params: said.params });
}

/** A stored text read back; null stays null. */
export function readStoredText(stored: string | null): UserText | null {
  if (stored === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return { key: 'said.english', params: { text: stored } };
  }
  const checked = v.safeParse(storedSchema, parsed);
  if (!checked.success) return { key: 'said.english', params: { text: stored } };
  return checked.output.params === undefined ? { key: checked.output.key } : { key: checked.output.key, params: checked.output.params };
}
