/**
 * What a caller asks the outbox to send, checked before anything is written: a refused
 * request names the field and changes nothing.
 */
import { userText } from '../../../i18n/user-text';
import type { MessageKey } from '../../../i18n/user-text';
import type { Priority } from '../../../preload/contract';
import type { ConversationKind, Priority as StoredPriority } from '../store/messages';
import { OutboxError } from './outbox-error';

export interface SendInput {
  /** The peer's user token, or the group's token: also the recipient address. */
  conversationId: string;
  /** Absent: the kind of the conversation already held, else a person. */
  conversationKind?: ConversationKind;
  body: string;
  /** Minutes; -1 never expires. Absent: the organization's default. */
  ttlMinutes?: number;
  deleteOnRead?: boolean;
  priority?: Priority;
  recipientOrganization?: string;
  /** A file the user chose: copied (encrypted) into the app's data before `send` returns. */
  attachment?: { path: string; contentType: string; name?: string };
}

export function checkSendInput(input: SendInput): void {
  const refuse = (key: MessageKey): never => {
    throw new OutboxError('invalid-input', userText(key));
  };
  if (typeof input.conversationId !== 'string' || input.conversationId.trim() === '') refuse('outbox.conversation-id-empty');
  if (input.conversationKind !== undefined && input.conversationKind !== 'user' && input.conversationKind !== 'group') {
    refuse('outbox.conversation-kind-invalid');
  }
  if (typeof input.body !== 'string') refuse('outbox.body-not-string');
  if (input.body.trim() === '' && input.attachment === undefined) refuse('outbox.empty-message');
  if (input.ttlMinutes !== undefined && input.ttlMinutes !== -1 && !(Number.isSafeInteger(input.ttlMinutes) && input.ttlMinutes > 0)) {
    refuse('outbox.ttl-invalid');
  }
  if (input.priority !== undefined && !['low', 'normal', 'high'].includes(input.priority)) refuse('outbox.priority-invalid');
  if (input.recipientOrganization !== undefined && (typeof input.recipientOrganization !== 'string' || input.recipientOrganization === '')) {
    refuse('outbox.recipient-organization-empty');
  }
  if (input.attachment !== undefined) {
    const { path, contentType, name } = input.attachment;
    if (typeof path !== 'string' || path === '') refuse('outbox.attachment-path-invalid');
    if (typeof contentType !== 'string' || !/^[\w.+-]+\/[\w.+-]+$/.test(contentType)) refuse('outbox.attachment-type-invalid');
    if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) refuse('outbox.attachment-name-empty');
  }
}

export function priorityToStored(priority: Priority): StoredPriority {
  return priority === 'low' ? -1 : priority === 'high' ? 1 : 0;
}
