/**
 * A message as the server sends it, read into the row the store keeps. Pure: the signed-in
 * user's token and the receive time are passed in.
 */
import type { Message, MessageStatus as WireStatus } from '../api/types';
import type { MessageInput, MessageStatus } from '../store';
import { conversationIdOf, type ConversationIdentity } from '../store/conversation-identity';

/** The data namespace that carries our own id of a message we sent (see DESIGN.md, "Outbox first"). */
export const CLIENT_ID_NAMESPACE = 'tigerdesk:client-id';

export interface MappedMessage {
  input: MessageInput;
  /** Set when `created_time` could not be read and the receive time stands in for it. */
  badCreatedTime: boolean;
}

/** What the server says of a message; queued, sending and failed are this client's own. */
export type ServerStatus = Extract<MessageStatus, 'sent' | 'delivered' | 'read'>;

export function statusFromWire(status: WireStatus | undefined): ServerStatus {
  switch (status) {
    case 'Delivered':
      return 'delivered';
    case 'Read':
      return 'read';
    default:
      // A message the server hands out has been accepted by it: at least "sent".
      return 'sent';
  }
}

/** Whose messages these are: the signed-in user, and the organization it signed in with. */
export interface Reader {
  me: string;
  /** Where a message that names no organization belongs (see conversation-identity). */
  homeOrganization: string | null;
  /** Whether a token is a distribution list held here: a message to it is in the list's conversation. */
  isList(token: string): boolean;
}

/**
 * The conversation a message belongs to: its group; this user's own message to a distribution
 * list, the list's (its members receive it, and answer, 1:1); else the other person's, in the
 * organization this user sent or received it in (the recipient's defaults to the sender's).
 */
export function conversationOf(message: Message, reader: Reader, isGroupEvent: boolean): ConversationIdentity & { id: string } {
  const mine = message.sender_token === reader.me;
  const organizationKey = (mine ? message.sender_organization : message.recipient_organization ?? message.sender_organization) ?? reader.homeOrganization;
  const identity: ConversationIdentity = message.group_token !== undefined
    ? { kind: 'group', peer: message.group_token, organizationKey }
    : isGroupEvent
      ? { kind: 'group', peer: message.recipient_token, organizationKey }
      : mine && reader.isList(message.recipient_token)
        ? { kind: 'list', peer: message.recipient_token, organizationKey }
        : { kind: 'user', peer: mine ? message.recipient_token : message.sender_token, organizationKey };
  return { ...identity, id: conversationIdOf(identity, reader.homeOrganization) };
}

/**
 * Our own id of a message this account sent (from this or another of its devices). Another
 * sender's id, or one copied into a forward, must not match: the store would take the
 * message for the one already held under that id and drop it.
 */
export function clientIdOf(message: Message, me: string): string | null {
  return message.sender_token === me ? carriedClientId(message) : null;
}

/**
 * The id another person's app gave a message it sent: two server copies of one send carry
 * the same, and are stored as one. Matched only together with the sender's token and the
 * conversation, so no sender can make another's message, or ours, disappear.
 */
export function senderClientIdOf(message: Message, me: string): string | null {
  return message.sender_token === me ? null : carriedClientId(message);
}

/** A forward carries the original's data: it is a new message, not a copy of the original. */
function carriedClientId(message: Message): string | null {
  if (message.original_sender !== undefined) return null;
  const element = message.data.find((datum) => datum.namespace === CLIENT_ID_NAMESPACE);
  return element !== undefined && element.payload !== '' ? element.payload : null;
}

/** Milliseconds since the epoch, or null when the text is not a date. */
export function timeFromWire(text: string | undefined): number | null {
  if (text === undefined) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** Minutes until expiry, or null for never (absent, -1, or any value not above 0). */
export function ttlFromWire(ttl: number | undefined): number | null {
  return ttl === undefined || !Number.isFinite(ttl) || ttl <= 0 ? null : ttl;
}

export function toMessageInput(message: Message, reader: Reader, options: { isGroupEvent: boolean; receivedAt: number }): MappedMessage {
  const { me } = reader;
  const conversation = conversationOf(message, reader, options.isGroupEvent);
  const created = timeFromWire(message.created_time);
  const attachments = message.attachments.map((attachment, index) => ({
    attachmentId: attachment.attachment_id,
    // The wire names only the one attachment a message may carry.
    name: index === 0 ? message.attachment_name ?? null : null,
    contentType: attachment.content_type,
    size: attachment.size,
  }));
  const input: MessageInput = {
    token: message.message_id,
    clientId: clientIdOf(message, me),
    senderClientId: senderClientIdOf(message, me),
    conversationId: conversation.id,
    conversationKind: conversation.kind,
    peerToken: conversation.peer,
    organizationKey: conversation.organizationKey,
    direction: message.sender_token === me ? 'out' : 'in',
    senderToken: message.sender_token,
    body: message.is_recalled ? '' : message.body,
    createdTime: created ?? options.receivedAt,
    ttlMinutes: ttlFromWire(message.ttl),
    dor: message.dor,
    priority: message.priority,
    status: statusFromWire(message.status),
    originalSender: message.original_sender ?? null,
    originalTimestamp: timeFromWire(message.original_timestamp),
    data: message.data,
    attachments: message.is_recalled ? [] : attachments,
  };
  return { input, badCreatedTime: created === null };
}
