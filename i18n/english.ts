// English wording of what main says, for the CLI, the log and an Error's message (the window
// words the same UserText in the user's language).
import en from './catalogs/en.json';
import { createTranslator } from './translator';
import type { UserText } from './user-text';

export const english = createTranslator('en', en);

export function englishText(said: UserText): string {
  return english.text(said);
}
