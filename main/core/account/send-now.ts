/**
 * Sending straight through the API, the one place the runtime sends. The outbox (the next
 * issue) replaces this with a persisted job, written with the message before any network
 * call; until then a send that fails is reported to the caller and not retried.
 */
import { randomUUID } from 'node:crypto';
import type { Priority } from '../../../preload/contract';
import type { ApiClient, FileUpload, MessagePriority, SentMessage } from '../api';
import type { AccountSummary } from '../session';

export const clientIdNamespace = 'tigerdesk:client-id';

export interface OutgoingMessage {
  /** A user token, email address or phone number, or a group's token. */
  recipient: string;
  body: string;
  /** Minutes until it expires; -1 never. The organization may shorten it. */
  ttlMinutes?: number;
  deleteOnRead?: boolean;
  priority?: Priority;
  attachment?: FileUpload;
}

export interface SentWithClientId extends SentMessage {
  /** Sent in the message's data, so that the server's copy can be matched to this send. */
  clientId: string;
}

const wirePriority: Record<Priority, MessagePriority> = { low: -1, normal: 0, high: 1 };

export async function sendNow(api: ApiClient, account: AccountSummary, message: OutgoingMessage): Promise<SentWithClientId> {
  const clientId = randomUUID();
  const sent = await api.sendMessage({
    recipient: message.recipient,
    body: message.body,
    senderOrganization: account.organization.token,
    recipientOrganization: account.organization.token,
    data: [{ namespace: clientIdNamespace, mimetype: 'text/plain', payload: clientId }],
    ...(message.ttlMinutes === undefined ? {} : { ttl: message.ttlMinutes }),
    ...(message.deleteOnRead === undefined ? {} : { dor: message.deleteOnRead }),
    ...(message.priority === undefined ? {} : { priority: wirePriority[message.priority] }),
    ...(message.attachment === undefined ? {} : { attachment: message.attachment }),
  });
  return { ...sent, clientId };
}
