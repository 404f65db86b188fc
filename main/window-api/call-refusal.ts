// A refusal the window API words itself (a message id that names nothing, a file over the
// limit, a server out of reach said in the call's own terms): the code is decided where the
// reason is known, so error-codes.ts reads it instead of guessing it from the words.
import type { ErrorCode } from '../../preload/contract';

export class CallRefusal extends Error {
  override readonly name: string = 'CallRefusal';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
