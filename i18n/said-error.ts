// An Error that says something to the user: its message is the English wording (for the log and
// the CLI); `said` goes to the window, which words it in the user's language.
import { englishText } from './english';
import type { UserText } from './user-text';

export class SaidError extends Error {
  readonly said: UserText;

  constructor(said: UserText, options?: ErrorOptions) {
    super(englishText(said), options);
    this.said = said;
  }
}

/** What an error says to the user: its own words where it has them, else its message as it is. */
export function saidOf(error: unknown): UserText {
  if (error instanceof SaidError) return error.said;
  const said = (error as { said?: unknown } | null)?.said;
  if (typeof said === 'object' && said !== null && typeof (said as UserText).key === 'string') return said as UserText;
  return { key: 'said.english', params: { text: error instanceof Error ? error.message : String(error) } };
}
