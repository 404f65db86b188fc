// A refusal the window API words itself (a message id that names nothing, a file over the
// limit, a server out of reach said in the call's own terms): the code is decided where the
// reason is known, so error-codes.ts reads it instead of guessing it from the words.
import { SaidError } from '../../i18n/said-error';
import type { UserText } from '../../i18n/user-text';
import type { ErrorCode } from '../../preload/contract';

export class CallRefusal extends SaidError {
  override readonly name: string = 'CallRefusal';
  readonly code: ErrorCode;

  /** A sentence (string) is the transitional form file-dialogs.ts and the shell still pass: said as it is, in English only. */
  constructor(code: ErrorCode, said: UserText) {
    super(said);
    this.code = code;
  }
}
