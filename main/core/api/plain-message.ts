/**
 * A fast reader for the message shape the service sends almost every time: tokens as non-empty
 * strings, flags as booleans, numbers as numbers, lists as arrays. It returns exactly what
 * `messageSchema` would, or `undefined` for anything else (a number for a token, a list as a
 * comma-separated string, a field of the wrong type), which the schema then reads or refuses
 * with its precise reason. A replay reads tens of thousands of messages, and the schema's
 * general machinery cost more than everything else done to one of them but the insert.
 * test/api/plain-message.test.ts checks, over generated messages, that the two always agree.
 */
import type { Attachment, DataElement, Message, MessagePriority, MessageStatus } from './types';
import { isPlainObject } from './plain-object';
import { statusNames } from './schemas';

/** The reader gives up on this message: the schema reads it. */
const GIVE_UP = Symbol('give up');
type Read<T> = T | typeof GIVE_UP;

export function readPlainMessage(value: unknown): Message | undefined {
  if (!isPlainObject(value)) return undefined;
  const messageId = token(value['message_id']);
  const clientId = token(value['client_id']);
  const sender = token(value['sender']);
  const senderToken = token(value['sender_token']);
  const recipient = token(value['recipient']);
  const recipientToken = token(value['recipient_token']);
  const groupToken = token(value['group_token']);
  const senderOrganization = text(value['sender_organization']);
  const recipientOrganization = text(value['recipient_organization']);
  const body = text(value['body']);
  const createdTime = value['created_time'];
  const ttl = integer(value['ttl']);
  const dor = flag(value['dor']);
  const priority = priorityOf(value['priority']);
  const status = statusOf(value['status']);
  const attachments = attachmentsOf(value['attachments']);
  const attachmentName = text(value['attachment_name']);
  const data = dataOf(value['data']);
  const isRecalled = flag(value['is_recalled']);
  const originalSender = text(value['original_sender']);
  const originalTimestamp = text(value['original_timestamp']);
  if (
    messageId === GIVE_UP || clientId === GIVE_UP || sender === GIVE_UP || senderToken === GIVE_UP ||
    recipient === GIVE_UP || recipientToken === GIVE_UP || groupToken === GIVE_UP ||
    senderOrganization === GIVE_UP || recipientOrganization === GIVE_UP || body === GIVE_UP ||
    typeof createdTime !== 'string' || createdTime === '' || ttl === GIVE_UP || dor === GIVE_UP ||
    priority === GIVE_UP || status === GIVE_UP || attachments === GIVE_UP || attachmentName === GIVE_UP ||
    data === GIVE_UP || isRecalled === GIVE_UP || originalSender === GIVE_UP || originalTimestamp === GIVE_UP
  ) {
    return undefined;
  }
  const id = messageId ?? clientId;
  const from = senderToken ?? sender;
  const to = recipientToken ?? recipient;
  if (id === undefined || from === undefined || to === undefined) return undefined;

  const message: Message = {
    message_id: id,
    sender_token: from,
    recipient_token: to,
    body: body ?? '',
    created_time: createdTime,
    dor: dor ?? false,
    priority: priority ?? 0,
    attachments: attachments ?? [],
    data: data ?? [],
    is_recalled: isRecalled ?? false,
  };
  if (groupToken !== undefined) message.group_token = groupToken;
  if (senderOrganization !== undefined) message.sender_organization = senderOrganization;
  if (recipientOrganization !== undefined) message.recipient_organization = recipientOrganization;
  if (ttl !== undefined) message.ttl = ttl;
  if (status !== undefined) message.status = status;
  if (attachmentName !== undefined) message.attachment_name = attachmentName;
  if (originalSender !== undefined) message.original_sender = originalSender;
  if (originalTimestamp !== undefined) message.original_timestamp = originalTimestamp;
  return message;
}

/** Absent and null are "not given", as in the schema. */
function absent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

function token(value: unknown): Read<string | undefined> {
  if (absent(value)) return undefined;
  return typeof value === 'string' && value !== '' ? value : GIVE_UP;
}

function text(value: unknown): Read<string | undefined> {
  if (absent(value)) return undefined;
  return typeof value === 'string' ? value : GIVE_UP;
}

function integer(value: unknown): Read<number | undefined> {
  if (absent(value)) return undefined;
  return Number.isInteger(value) ? (value as number) : GIVE_UP;
}

function flag(value: unknown): Read<boolean | undefined> {
  if (absent(value)) return undefined;
  return typeof value === 'boolean' ? value : GIVE_UP;
}

function priorityOf(value: unknown): Read<MessagePriority | undefined> {
  if (absent(value)) return undefined;
  return value === -1 || value === 0 || value === 1 ? value : GIVE_UP;
}

function statusOf(value: unknown): Read<MessageStatus | undefined> {
  if (absent(value)) return undefined;
  return (typeof value === 'string' && statusNames.get(value.toLowerCase())) || GIVE_UP;
}

function attachmentsOf(value: unknown): Read<Attachment[] | undefined> {
  if (absent(value)) return undefined;
  if (!Array.isArray(value)) return GIVE_UP;
  const read: Attachment[] = [];
  for (const item of value) {
    if (!isPlainObject(item)) return GIVE_UP;
    const attachmentId = item['attachment_id'];
    const size = item['size'];
    const contentType = absent(item['content-type']) ? item['content_type'] : item['content-type'];
    if (typeof attachmentId !== 'string' || attachmentId === '' || !Number.isInteger(size) || typeof contentType !== 'string') return GIVE_UP;
    read.push({ attachment_id: attachmentId, content_type: contentType, size: size as number });
  }
  return read;
}

function dataOf(value: unknown): Read<DataElement[] | undefined> {
  if (absent(value)) return undefined;
  if (!Array.isArray(value)) return GIVE_UP;
  const read: DataElement[] = [];
  for (const item of value) {
    if (!isPlainObject(item)) return GIVE_UP;
    const { namespace, mimetype, payload } = item;
    if (typeof namespace !== 'string' || typeof mimetype !== 'string' || typeof payload !== 'string') return GIVE_UP;
    read.push({ namespace, mimetype, payload });
  }
  return read;
}
