import { advanceStatus } from './message-status';
import type { UserText } from '../../../i18n/user-text';
import { readStoredText, storedText } from './stored-text';
import type { MessageStatus } from './message-status';
import type { Statements } from './statements';

export type Direction = 'in' | 'out';
export type ConversationKind = 'user' | 'group' | 'list';
export type Priority = -1 | 0 | 1;

export interface AttachmentInput {
  attachmentId: string | null;
  name: string | null;
  contentType: string | null;
  size: number | null;
}

/** A message as sync (from the server) or the outbox (typed by the user) hands it over. */
export interface MessageInput {
  /** The server's message id; null for a message not yet accepted by the server. */
  token: string | null;
  /** Our own id for a message we sent (from data namespace 'tigerdesk:client-id'). */
  clientId: string | null;
  /** The id another person's app gave a message it sent (same namespace): a second server copy of it, to the same conversation, is matched on it. */
  senderClientId?: string | null;
  conversationId: string;
  conversationKind: ConversationKind;
  /** The counterparty of a new conversation (default: the conversation id, as before several organizations). */
  peerToken?: string;
  /** The organization the message was sent in; a conversation created for it is held there. */
  organizationKey?: string | null;
  direction: Direction;
  senderToken: string;
  body: string;
  createdTime: number;
  /** Minutes; null or -1 for never. */
  ttlMinutes: number | null;
  dor: boolean;
  priority: Priority;
  status: MessageStatus;
  originalSender?: string | null;
  originalTimestamp?: number | null;
  data?: unknown;
  attachments?: readonly AttachmentInput[];
}

export interface Message {
  id: number;
  token: string | null;
  clientId: string | null;
  conversationId: string;
  direction: Direction;
  senderToken: string;
  body: string;
  createdTime: number;
  ttlMinutes: number | null;
  expiresAt: number | null;
  dor: boolean;
  priority: Priority;
  status: MessageStatus;
  /** Why sending failed: what main says (stored as its JSON text, see stored-text.ts). */
  failureReason: UserText | null;
  isRecalled: boolean;
  originalSender: string | null;
  originalTimestamp: number | null;
  data: unknown;
  readAt: number | null;
}

interface MessageRecord {
  id: number;
  token: string | null;
  client_id: string | null;
  conversation_id: string;
  direction: Direction;
  sender_token: string;
  body: string;
  created_time: number;
  ttl_minutes: number | null;
  expires_at: number | null;
  dor: number;
  priority: Priority;
  status: MessageStatus;
  failure_reason: string | null;
  is_recalled: number;
  original_sender: string | null;
  original_timestamp: number | null;
  data_json: string | null;
  read_at: number | null;
}

export type UpsertOutcome = 'inserted' | 'matched-client-id' | 'unchanged';

export function expiryOf(createdTime: number, ttlMinutes: number | null): number | null {
  return ttlMinutes === null || ttlMinutes < 0 ? null : createdTime + ttlMinutes * 60_000;
}

export class Messages {
  private readonly sql: Statements;

  constructor(sql: Statements) {
    this.sql = sql;
  }

  /**
   * Stores a message once. A server token already held changes nothing (replayed events are
   * expected); a server copy of a message we sent, recognised by its client id, gives it its
   * token and leaves the rest as it is; a second server copy of the same client id (a resend
   * the server had in fact accepted), ours or another sender's, is shown once, as the first,
   * and its token is kept as an alias of it. Call inside a transaction with the rest of the event.
   */
  upsert(input: MessageInput): { id: number; outcome: UpsertOutcome } {
    if (input.token !== null) {
      const held = this.idOfToken(input.token);
      if (held !== undefined) return { id: held, outcome: 'unchanged' };
    }
    if (input.clientId !== null) {
      const ours = this.sql.prepare<{ id: number; status: MessageStatus; token: string | null }>(
        'SELECT id, status, token FROM messages WHERE client_id = ?',
      ).get(input.clientId);
      if (ours !== undefined) {
        if (input.token === null) return { id: ours.id, outcome: 'unchanged' };
        if (ours.token !== null) {
          this.addAlias(ours.id, input.token);
          return { id: ours.id, outcome: 'unchanged' };
        }
        // The server holds it, so it was sent, even if this client had given up on it.
        const status = advanceStatus(advanceStatus(ours.status, 'queued'), 'sent');
        this.sql.prepare('UPDATE messages SET token = ?, status = ?, failure_reason = NULL WHERE id = ?').run(input.token, status, ours.id);
        return { id: ours.id, outcome: 'matched-client-id' };
      }
    }
    const senderClientId = input.senderClientId ?? null;
    if (senderClientId !== null) {
      const copy = this.sql.prepare<{ id: number }>(
        'SELECT id FROM messages WHERE sender_token = ? AND conversation_id = ? AND sender_client_id = ?',
      ).get(input.senderToken, input.conversationId, senderClientId);
      if (copy !== undefined) {
        if (input.token !== null) this.addAlias(copy.id, input.token);
        return { id: copy.id, outcome: 'unchanged' };
      }
    }
    this.touchConversation(input, input.createdTime);
    // Positional parameters: binding an object by name costs a lookup per column, per row.
    const inserted = this.sql.prepare(
      `INSERT INTO messages (token, client_id, sender_client_id, conversation_id, direction, sender_token, body, created_time,
         ttl_minutes, expires_at, dor, priority, status, original_sender, original_timestamp, data_json, organization_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      input.token,
      input.clientId,
      senderClientId,
      input.conversationId,
      input.direction,
      input.senderToken,
      input.body,
      input.createdTime,
      input.ttlMinutes,
      expiryOf(input.createdTime, input.ttlMinutes),
      input.dor ? 1 : 0,
      input.priority,
      input.status,
      input.originalSender ?? null,
      input.originalTimestamp ?? null,
      input.data === undefined ? null : JSON.stringify(input.data),
      input.organizationKey ?? null,
    );
    const id = Number(inserted.lastInsertRowid);
    (input.attachments ?? []).forEach((attachment, index) => {
      this.sql.prepare(
        `INSERT INTO attachments (message_id, position, attachment_id, name, content_type, size)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(id, index + 1, attachment.attachmentId, attachment.name, attachment.contentType, attachment.size);
    });
    return { id, outcome: 'inserted' };
  }

  byId(id: number): Message | undefined {
    return toMessage(this.sql.prepare<MessageRecord>('SELECT * FROM messages WHERE id = ?').get(id));
  }

  /** The message held under this server token, or under it as a further copy's (an alias). */
  byToken(token: string): Message | undefined {
    const id = this.idOfToken(token);
    return id === undefined ? undefined : this.byId(id);
  }

  byClientId(clientId: string): Message | undefined {
    return toMessage(this.sql.prepare<MessageRecord>('SELECT * FROM messages WHERE client_id = ?').get(clientId));
  }

  /** Moves the send state forward only (see advanceStatus); returns the resulting status. */
  setStatus(id: number, next: MessageStatus, failureReason: UserText | null = null): MessageStatus | undefined {
    const current = this.sql.prepare<{ status: MessageStatus }>('SELECT status FROM messages WHERE id = ?').get(id);
    if (current === undefined) return undefined;
    const status = advanceStatus(current.status, next);
    if (status !== current.status) {
      this.sql.prepare('UPDATE messages SET status = ?, failure_reason = ? WHERE id = ?')
        .run(status, status === 'failed' && failureReason !== null ? storedText(failureReason) : null, id);
    }
    return status;
  }

  /** Records what one recipient reported; a report older in the sequence than the held one is ignored. */
  setRecipientStatus(id: number, accountId: string, status: 'sent' | 'delivered' | 'read', timestamp: number): void {
    const held = this.sql.prepare<{ status: 'sent' | 'delivered' | 'read' }>(
      'SELECT status FROM message_recipient_status WHERE message_id = ? AND account_id = ?',
    ).get(id, accountId);
    if (held !== undefined && advanceStatus(held.status, status) === held.status) return;
    this.sql.prepare(
      `INSERT INTO message_recipient_status (message_id, account_id, status, timestamp) VALUES (?, ?, ?, ?)
       ON CONFLICT (message_id, account_id) DO UPDATE SET status = excluded.status, timestamp = excluded.timestamp`,
    ).run(id, accountId, status, timestamp);
  }

  recipientStatuses(id: number): { accountId: string; status: 'sent' | 'delivered' | 'read'; timestamp: number }[] {
    return this.sql.prepare<{ accountId: string; status: 'sent' | 'delivered' | 'read'; timestamp: number }>(
      'SELECT account_id AS accountId, status, timestamp FROM message_recipient_status WHERE message_id = ? ORDER BY account_id',
    ).all(id);
  }

  /** When the next held message expires, for the single expiry timer; null when none will. */
  nextExpiry(): number | null {
    // The IS NOT NULL lets min() read the first entry of the partial index messages_by_expiry;
    // without it every message is scanned, after every stored batch.
    return this.sql.prepare<{ at: number | null }>('SELECT min(expires_at) AS at FROM messages WHERE expires_at IS NOT NULL').get()?.at ?? null;
  }

  /** Messages whose time is up at `at`. */
  expiredIds(at: number): number[] {
    return this.sql.prepare<{ id: number }>('SELECT id FROM messages WHERE expires_at <= ? ORDER BY expires_at').all(at).map((row) => row.id);
  }

  private idOfToken(token: string): number | undefined {
    return this.sql.prepare<{ id: number }>(
      `SELECT id FROM messages WHERE token = ?
       UNION ALL SELECT message_id AS id FROM message_aliases WHERE token = ? LIMIT 1`,
    ).get(token, token)?.id;
  }

  private addAlias(id: number, token: string): void {
    this.sql.prepare('INSERT INTO message_aliases (token, message_id) VALUES (?, ?) ON CONFLICT (token) DO NOTHING').run(token, id);
  }

  /** The server tokens of the message's further copies (its aliases), not its own token: a recall must reach them all. */
  aliasTokens(id: number): string[] {
    return this.sql.prepare<{ token: string }>('SELECT token FROM message_aliases WHERE message_id = ? ORDER BY token')
      .all(id).map((row) => row.token);
  }

  private touchConversation(input: MessageInput, activity: number): void {
    this.sql.prepare(
      `INSERT INTO conversations (id, kind, peer_token, organization_key, last_activity) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET last_activity = max(last_activity, excluded.last_activity), hidden = 0`,
    ).run(input.conversationId, input.conversationKind, input.peerToken ?? input.conversationId, input.organizationKey ?? null, activity);
  }
}

function toMessage(record: MessageRecord | undefined): Message | undefined {
  if (record === undefined) return undefined;
  return {
    id: record.id,
    token: record.token,
    clientId: record.client_id,
    conversationId: record.conversation_id,
    direction: record.direction,
    senderToken: record.sender_token,
    body: record.body,
    createdTime: record.created_time,
    ttlMinutes: record.ttl_minutes,
    expiresAt: record.expires_at,
    dor: record.dor === 1,
    priority: record.priority,
    status: record.status,
    failureReason: readStoredText(record.failure_reason),
    isRecalled: record.is_recalled === 1,
    originalSender: record.original_sender,
    originalTimestamp: record.original_timestamp,
    data: record.data_json === null ? null : JSON.parse(record.data_json),
    readAt: record.read_at,
  };
}
