import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface MessageRow {
  token: string;
  sender_token: string;
  recipient_token: string;
  group_token: string | null;
  sender_organization: string;
  recipient_organization: string;
  body: string;
  created_time: number;
  ttl: number;
  expires_at: number | null;
  dor: number;
  priority: number;
  /** The `data` elements as sent, serialized. */
  data: string;
  attachment_type: string | null;
  attachment_size: number | null;
  attachment_name: string | null;
  original_sender: string | null;
  original_timestamp: number | null;
  is_recalled: number;
  /** On a 1:1 copy of a message sent to a distribution list: that list's token. */
  distribution_list: string | null;
}

/** Wire status names, in the only order a recipient's status may move. */
export const STATUS_NAMES = ['New', 'Delivered', 'Read'] as const;
export type StatusName = (typeof STATUS_NAMES)[number];
export const DELIVERED = 1;
export const READ = 2;

export interface StatusRow {
  message_token: string;
  account_token: string;
  status: number;
  timestamp: number;
}

export type MessageStore = ReturnType<typeof createMessageStore>;

export function createMessageStore(db: Database) {
  const insert = db.prepare(
    `INSERT INTO messages (token, sender_token, recipient_token, group_token, sender_organization,
       recipient_organization, body, created_time, ttl, expires_at, dor, priority, data, attachment_type,
       attachment_size, attachment_name, original_sender, original_timestamp, is_recalled, distribution_list)
     VALUES (@token, @sender_token, @recipient_token, @group_token, @sender_organization,
       @recipient_organization, @body, @created_time, @ttl, @expires_at, @dor, @priority, @data, @attachment_type,
       @attachment_size, @attachment_name, @original_sender, @original_timestamp, @is_recalled, @distribution_list)`,
  );
  const byToken = db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE token = ?');
  const recall = db.prepare(
    "UPDATE messages SET is_recalled = 1, body = '', data = '[]', attachment_type = NULL, attachment_size = NULL, attachment_name = NULL WHERE token = ?",
  );
  const remove = db.prepare('DELETE FROM messages WHERE token = ?');
  const expired = db.prepare<[number], { token: string; has_attachment: number }>(
    'SELECT token, attachment_type IS NOT NULL AS has_attachment FROM messages WHERE expires_at IS NOT NULL AND expires_at <= ?',
  );
  const insertStatus = db.prepare(
    'INSERT OR IGNORE INTO message_statuses (message_token, account_token, status, timestamp) VALUES (?, ?, 0, ?)',
  );
  const raiseStatus = db.prepare(
    'UPDATE message_statuses SET status = ?, timestamp = ? WHERE message_token = ? AND account_token = ? AND status < ?',
  );
  const statuses = db.prepare<[string], StatusRow>(
    'SELECT * FROM message_statuses WHERE message_token = ? ORDER BY account_token',
  );
  const statusOf = db.prepare<[string, string], StatusRow>(
    'SELECT * FROM message_statuses WHERE message_token = ? AND account_token = ?',
  );
  const unread = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM message_statuses WHERE message_token = ? AND status < 2',
  );
  const hide = db.prepare('INSERT OR IGNORE INTO hidden_messages (account_token, message_token) VALUES (?, ?)');
  const isHidden = db.prepare<[string, string], { n: number }>(
    'SELECT count(*) AS n FROM hidden_messages WHERE account_token = ? AND message_token = ?',
  );
  const conversation = db.prepare<{ me: string; other: string; organization: string }, MessageRow>(
    `SELECT * FROM messages WHERE group_token IS NULL
       AND ((sender_token = @me AND recipient_token = @other AND sender_organization = @organization)
         OR (sender_token = @other AND recipient_token = @me AND recipient_organization = @organization))`,
  );
  const groupHistory = db.prepare<[string], MessageRow>(
    'SELECT * FROM messages WHERE group_token = ? AND is_recalled = 0 ORDER BY created_time, rowid',
  );
  const recentFor = db.prepare<[string, string, string, number], MessageRow>(
    `SELECT * FROM (
       SELECT m.*, m.rowid AS r FROM messages m
       WHERE m.is_recalled = 0
         AND ((m.sender_token = ? AND m.distribution_list IS NULL)
           OR m.token IN (SELECT message_token FROM message_statuses WHERE account_token = ?))
         AND m.token NOT IN (SELECT message_token FROM hidden_messages WHERE account_token = ?)
       ORDER BY m.created_time DESC, r DESC LIMIT ?)
     ORDER BY created_time, r`,
  );
  return {
    insert(row: MessageRow): void {
      insert.run(row);
    },
    get(token: string): MessageRow | undefined {
      return byToken.get(token);
    },
    recall(token: string): void {
      recall.run(token);
    },
    remove(token: string): void {
      remove.run(token);
    },
    expiredAt(now: number): { token: string; has_attachment: number }[] {
      return expired.all(now);
    },
    addRecipient(messageToken: string, accountToken: string, now: number): void {
      insertStatus.run(messageToken, accountToken, now);
    },
    /** Raises a recipient's status; false when it was already at or past that status. */
    raiseStatus(messageToken: string, accountToken: string, status: number, now: number): boolean {
      return raiseStatus.run(status, now, messageToken, accountToken, status).changes > 0;
    },
    statuses(messageToken: string): StatusRow[] {
      return statuses.all(messageToken);
    },
    statusOf(messageToken: string, accountToken: string): StatusRow | undefined {
      return statusOf.get(messageToken, accountToken);
    },
    allRead(messageToken: string): boolean {
      return unread.get(messageToken)!.n === 0;
    },
    hide(accountToken: string, messageToken: string): void {
      hide.run(accountToken, messageToken);
    },
    isHidden(accountToken: string, messageToken: string): boolean {
      return isHidden.get(accountToken, messageToken)!.n > 0;
    },
    /** The 1:1 messages between two people in one organization, as `me` sent or received them there. */
    conversation(me: string, other: string, organizationKey: string): MessageRow[] {
      return conversation.all({ me, other, organization: organizationKey });
    },
    groupHistory(groupToken: string): MessageRow[] {
      return groupHistory.all(groupToken);
    },
    /**
     * The latest messages a person sent or received, oldest first: the history a new device
     * receives. Group messages from before the person joined count only with replay_history;
     * the 1:1 copies of what they sent to a distribution list do not count for the sender.
     */
    recentFor(accountToken: string, limit: number): MessageRow[] {
      return recentFor.all(accountToken, accountToken, accountToken, limit);
    },
  };
}
