/**
 * What a caller asks the outbox to send, checked before anything is written: a refused
 * request names the field and changes nothing.
 */
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
  const refuse = (message: string): never => {
    throw new OutboxError('invalid-input', message);
  };
  if (typeof input.conversationId !== 'string' || input.conversationId.trim() === '') refuse('conversationId must be a non-empty token');
  if (input.conversationKind !== undefined && input.conversationKind !== 'user' && input.conversationKind !== 'group') {
    refuse('conversationKind must be "user" or "group"');
  }
  if (typeof input.body !== 'string') refuse('body must be a string');
  if (input.body.trim() === '' && input.attachment === undefined) refuse('A message needs text or an attachment');
  if (input.ttlMinutes !== undefined && input.ttlMinutes !== -1 && !(Number.isSafeInteger(input.ttlMinutes) && input.ttlMinutes > 0)) {
    refuse('ttlMinutes must be -1 (never) or a positive whole number of minutes');
  }
  if (input.priority !== undefined && !['low', 'normal', 'high'].includes(input.priority)) refuse('priority must be low, normal or high');
  if (input.recipientOrganization !== undefined && (typeof input.recipientOrganization !== 'string' || input.recipientOrganization === '')) {
    refuse('recipientOrganization must be a non-empty token when given');
  }
  if (input.attachment !== undefined) {
    const { path, contentType, name } = input.attachment;
    if (typeof path !== 'string' || path === '') refuse('attachment.path must be a file path');
    if (typeof contentType !== 'string' || !/^[\w.+-]+\/[\w.+-]+$/.test(contentType)) refuse('attachment.contentType must be a media type such as image/png');
    if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) refuse('attachment.name must be a non-empty file name when given');
  }
}

export function priorityToStored(priority: Priority): StoredPriority {
  return priority === 'low' ? -1 : priority === 'high' ? 1 : 0;
}
