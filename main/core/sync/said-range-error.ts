// A RangeError (a conversation, message or organization the caller named is not held) that
// also says it to the user: its message is the English wording, `said` goes to the window
// (saidOf in i18n/said-error.ts reads it).
import { englishText } from '../../../i18n/english';
import type { UserText } from '../../../i18n/user-text';

export class SaidRangeError extends RangeError {
  readonly said: UserText;

  constructor(said: UserText, message = englishText(said)) {
    super(message);
    this.said = said;
  }
}
