import { SaidError } from '../../../i18n/said-error';
import type { UserText } from '../../../i18n/user-text';

/**
 * A request to the outbox that was refused; nothing was changed. The message names what was
 * wrong, never a message body.
 */
export type OutboxErrorCode = 'invalid-input' | 'not-found' | 'busy' | 'not-editable' | 'attachment-unreadable' | 'not-allowed';

export class OutboxError extends SaidError {
  override readonly name = 'OutboxError';
  readonly code: OutboxErrorCode;

  constructor(code: OutboxErrorCode, said: UserText) {
    super(said);
    this.code = code;
  }
}
