/** Sending, reading, recalling and forwarding messages; their status, attachments and typing. */
import { ApiError } from './api-error';
import { cappedChunks, tooLarge } from './capped-body';
import { declaredLength, exchange, exchangeForReply, inOrganization, openReply, requireText, segment } from './http';
import type { CallOptions, Connection } from './http';
import { definedOnly, multipartOf } from './multipart';
import { messageSchema, messageStatusReportSchema } from './schemas';
import type {
  AttachmentStream, DataElement, DownloadedAttachment, FileUpload, Message, MessagePriority, MessageStatusReport, SentMessage,
} from './types';

/** The most of an attachment the client holds or caches, whatever size its message declares. */
export const defaultMaxAttachmentBytes = 100 * 1024 * 1024;

// An error reply is a short JSON message; more than this is not one.

export interface SendMessageInput {
  /** A user address (token, email, phone) or a group's bare token. */
  recipient: string;
  body: string;
  /** Minutes; -1 never expires. The organization may shorten it. */
  ttl?: number;
  /** Delete on read. */
  dor?: boolean;
  priority?: MessagePriority;
  senderOrganization: string;
  recipientOrganization?: string;
  data?: DataElement[];
  attachment?: FileUpload;
  /**
   * Sent as `Request-ID`: the same id on every attempt at this message, so that the server
   * stores it once however often it is sent (a repeat is answered 304, `alreadySent`).
   */
  requestId?: string;
}

export interface ForwardInput {
  recipient: string;
  senderOrganization?: string;
  recipientOrganization?: string;
  /** As for a send: the server forwards once per id, and a repeat succeeds without a second copy. */
  requestId?: string;
}

/** The call's Request-ID, refused when empty before anything is sent. */
function requestIdOf(operation: string, requestId: string | undefined): { requestId?: string } {
  return requestId === undefined ? {} : { requestId: requireText(operation, 'requestId', requestId) };
}

export interface StatusUpdate {
  delivered?: readonly string[];
  read?: readonly string[];
}

export function messageOperations(connection: Connection) {
  const messagePath = (operation: string, token: string, rest = '/') =>
    `/message/${segment(operation, 'token', token)}${rest}`;

  /**
   * The raw file of the message's one attachment, as it arrives: read no further than
   * `maxBytes` (the size its message declared, or a cap), past which the chunks end with a
   * 'too-large' ApiError and the rest of the reply is not read.
   */
  async function getAttachmentStream(token: string, options: CallOptions & { maxBytes: number }): Promise<AttachmentStream> {
    const operation = 'getAttachment';
    const call = { operation, method: 'GET', path: messagePath(operation, token, '/attachment/1/'), accept: '*/*', signal: options.signal } as const;
    const reply = await openReply(connection, call);
    const contentType = reply.response.headers.get('content-type') ?? 'application/octet-stream';
    const body = reply.response.body;
    // A server that says up front it will send more is refused before a byte is read.
    if (declaredLength(reply.response) > options.maxBytes) {
      await body?.cancel().catch(() => undefined);
      throw tooLarge(operation, options.maxBytes);
    }
    async function* chunks() {
      if (body === null) return;
      try {
        yield* cappedChunks(body, options.maxBytes, operation);
      } catch (error) {
        throw reply.failure(error);
      }
    }
    // A reader that stops before the chunks were asked for (its disk failed) lets the reply go at once.
    const cancel = async () => {
      if (body !== null && !body.locked) await body.cancel().catch(() => undefined);
    };
    return { contentType, chunks: chunks(), cancel };
  }

  return {
    /** Resolves once the server has the message: its token comes from `TT-X-Message-Id`. */
    async sendMessage(input: SendMessageInput, options: CallOptions = {}): Promise<SentMessage> {
      const operation = 'sendMessage';
      requireText(operation, 'recipient', input.recipient);
      requireText(operation, 'senderOrganization', input.senderOrganization);
      const fields = {
        recipient: input.recipient,
        body: input.body,
        ttl: input.ttl,
        dor: input.dor,
        priority: input.priority,
        sender_organization: input.senderOrganization,
        recipient_organization: input.recipientOrganization,
      };
      const body = input.attachment
        ? { form: multipartOf({ ...fields, data: input.data && JSON.stringify(input.data) }, 'attachment', input.attachment) }
        : { json: definedOnly({ ...fields, data: input.data }) };
      const reply = await exchange(connection, {
        operation, method: 'POST', path: '/message/', body, ...requestIdOf(operation, input.requestId), signal: options.signal,
      });
      const messageId = reply.headers.get('tt-x-message-id')?.trim();
      if (!messageId) {
        throw new ApiError({ kind: 'bad-response', operation, detail: 'header TT-X-Message-Id: missing' });
      }
      const repeat = reply.status === 304 ? { alreadySent: true as const } : {};
      // The message is already sent: an unreadable TTL header is dropped rather than failing the send.
      const ttlText = reply.headers.get('tt-x-msg-ttl')?.trim() ?? '';
      return /^-?\d+$/.test(ttlText) ? { messageId, ttl: Number(ttlText), ...repeat } : { messageId, ...repeat };
    },

    async getMessage(token: string, options: CallOptions = {}): Promise<Message> {
      return exchangeForReply(
        connection,
        { operation: 'getMessage', method: 'GET', path: messagePath('getMessage', token), signal: options.signal },
        messageSchema,
      );
    },

    /** Idempotent: recalling a recalled message succeeds. */
    async recallMessage(token: string, options: CallOptions = {}): Promise<void> {
      await exchange(connection, {
        operation: 'recallMessage',
        method: 'DELETE',
        path: messagePath('recallMessage', token),
        signal: options.signal,
      });
    },

    async forwardMessage(token: string, input: ForwardInput, options: CallOptions = {}): Promise<void> {
      const path = messagePath('forwardMessage', token, '/forward/');
      requireText('forwardMessage', 'recipient', input.recipient);
      const json = definedOnly({
        recipient: input.recipient,
        sender_organization: input.senderOrganization,
        recipient_organization: input.recipientOrganization,
      });
      await exchange(connection, {
        operation: 'forwardMessage', method: 'POST', path, body: { json }, ...requestIdOf('forwardMessage', input.requestId), signal: options.signal,
      });
    },

    async getMessageStatus(token: string, options: CallOptions = {}): Promise<MessageStatusReport> {
      const path = messagePath('getMessageStatus', token, '/status');
      return exchangeForReply(
        connection,
        { operation: 'getMessageStatus', method: 'GET', path, signal: options.signal },
        messageStatusReportSchema,
      );
    },

    async updateMessageStatus(update: StatusUpdate, options: CallOptions = {}): Promise<void> {
      const operation = 'updateMessageStatus';
      const tokens = [...(update.delivered ?? []), ...(update.read ?? [])];
      if (tokens.length === 0) throw new TypeError(`${operation}: no message tokens to update`);
      if (tokens.some((token) => typeof token !== 'string' || token === '')) {
        throw new TypeError(`${operation}: every message token must be a non-empty string`);
      }
      const json = definedOnly({ delivered: update.delivered, read: update.read });
      await exchange(connection, { operation, method: 'PUT', path: '/message/status/', body: { json }, signal: options.signal });
    },

    /** The raw file of the message's one attachment, whole (at most `maxBytes`, 100 MB by default). */
    async getAttachment(token: string, options: CallOptions & { maxBytes?: number } = {}): Promise<DownloadedAttachment> {
      const download = await getAttachmentStream(token, { ...options, maxBytes: options.maxBytes ?? defaultMaxAttachmentBytes });
      const chunks: Uint8Array[] = [];
      for await (const chunk of download.chunks) chunks.push(chunk);
      return { bytes: Buffer.concat(chunks), contentType: download.contentType };
    },

    getAttachmentStream,

    async startTyping(recipient: string, options: CallOptions = {}): Promise<void> {
      requireText('startTyping', 'recipient', recipient);
      await exchange(connection, {
        operation: 'startTyping',
        method: 'GET',
        path: '/message/typing/',
        query: { recipient },
        ...inOrganization(options),
        signal: options.signal,
      });
    },

    async stopTyping(recipient: string, options: CallOptions = {}): Promise<void> {
      await exchange(connection, {
        operation: 'stopTyping',
        method: 'DELETE',
        path: `/message/typing/${segment('stopTyping', 'recipient', recipient)}/`,
        ...inOrganization(options),
        signal: options.signal,
      });
    },
  };
}
