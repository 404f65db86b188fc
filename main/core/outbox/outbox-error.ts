/**
 * A request to the outbox that was refused; nothing was changed. The message names what was
 * wrong, never a message body.
 */
export type OutboxErrorCode = 'invalid-input' | 'not-found' | 'busy' | 'not-editable' | 'attachment-unreadable' | 'not-allowed';

export class OutboxError extends Error {
  override readonly name = 'OutboxError';
  readonly code: OutboxErrorCode;

  constructor(code: OutboxErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
