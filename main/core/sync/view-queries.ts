/**
 * The reads behind the views: messages with their first attachment, conversation summaries
 * with names, avatars, unread counts and newest message. A query module of its own area on
 * the store's shared statements (see Store.statements).
 */
import { knownNameSql } from '../store/display-name';
import { mutedUntilSql } from '../store/mutes';
import type { Statements } from '../store/statements';
import type { MessageViewRow, SummaryRow } from './views';

const messageColumns = `
  m.id, m.token, m.conversation_id, m.direction, m.sender_token, ${knownNameSql('s')} AS sender_name, m.body,
  m.created_time, m.status, m.failure_reason, m.priority, m.expires_at, m.dor, m.is_recalled, m.original_sender,
  ${knownNameSql('f')} AS original_sender_name, m.original_timestamp,
  m.read_at, (a.message_id IS NOT NULL) AS has_attachment, a.name AS attachment_name,
  a.content_type AS attachment_type, a.size AS attachment_size
FROM messages m LEFT JOIN attachments a ON a.message_id = m.id AND a.position = 1
LEFT JOIN users s ON s.token = m.sender_token
LEFT JOIN users f ON f.token = m.original_sender`;

// Unread counts use the partial index messages_unread; the newest message is kept beside the
// conversation (conversation_last_message, migration 15), so the roster reads no message rows.
const summaryColumns = `
  c.id, c.kind, coalesce(c.peer_token, c.id) AS peer_token, c.organization_key, c.name AS conversation_name, c.last_activity,
  u.display_name, u.first_name, u.last_name, u.username, u.avatar AS user_avatar,
  g.name AS group_name, g.avatar AS group_avatar,
  d.name AS list_name, d.avatar AS list_avatar, d.total_members AS list_members,
  (SELECT count(*) FROM messages x INDEXED BY messages_unread
     WHERE x.conversation_id = c.id AND x.direction = 'in' AND x.read_at IS NULL AND x.is_recalled = 0) AS unread,
  (SELECT count(*) FROM messages x INDEXED BY messages_unread
     WHERE x.conversation_id = c.id AND x.direction = 'in' AND x.read_at IS NULL AND x.is_recalled = 0
       AND x.priority = 1) AS unread_priority,
  m.message_id AS last_id, m.sender_token AS last_sender, m.direction AS last_direction, m.body AS last_body,
  m.priority AS last_priority, m.status AS last_status, m.is_recalled AS last_recalled,
  (a.message_id IS NOT NULL) AS last_has_attachment, a.name AS last_attachment_name,
  ${mutedUntilSql('c')} AS muted_until, p.pinned_at, coalesce(p.urgent_when_muted, 1) AS urgent_when_muted
FROM conversations c
LEFT JOIN conversation_preferences p ON p.conversation_id = c.id
LEFT JOIN users u ON c.kind = 'user' AND u.token = c.peer_token
LEFT JOIN groups g ON c.kind = 'group' AND g.token = c.peer_token
LEFT JOIN distribution_lists d ON c.kind = 'list' AND d.token = c.peer_token
LEFT JOIN conversation_last_message m ON m.conversation_id = c.id
LEFT JOIN attachments a ON a.message_id = m.message_id AND a.position = 1`;

export interface UnreadTallyRow {
  id: string;
  unread: number;
  unread_priority: number;
  muted_until: number | null;
}

export interface Cursor {
  createdTime: number;
  id: number;
}

export class ViewQueries {
  private readonly sql: Statements;

  constructor(sql: Statements) {
    this.sql = sql;
  }

  messages(ids: readonly number[]): MessageViewRow[] {
    if (ids.length === 0) return [];
    return this.sql.prepare<MessageViewRow>(
      `SELECT ${messageColumns} WHERE m.id IN (SELECT value FROM json_each(?)) ORDER BY m.created_time, m.id`,
    ).all(JSON.stringify(ids));
  }

  /**
   * Of these messages, per conversation the newest a notification could name: incoming,
   * unread, not recalled and not urgent (urgent ones alert on their own). At most one each.
   */
  newestNotifiable(ids: readonly number[]): MessageViewRow[] {
    if (ids.length === 0) return [];
    return this.sql.prepare<MessageViewRow>(
      `SELECT ${messageColumns} WHERE m.id IN (
         SELECT id FROM (
           SELECT id, row_number() OVER (PARTITION BY conversation_id ORDER BY created_time DESC, id DESC) AS rank
           FROM messages WHERE id IN (SELECT value FROM json_each(?))
             AND direction = 'in' AND read_at IS NULL AND is_recalled = 0 AND priority <= 0)
         WHERE rank = 1)
       ORDER BY m.created_time, m.id`,
    ).all(JSON.stringify(ids));
  }

  /** Where a message sits in its conversation's order, to page from it. */
  cursorOf(id: number, conversationId: string): Cursor | undefined {
    return this.sql.prepare<Cursor>('SELECT created_time AS createdTime, id FROM messages WHERE id = ? AND conversation_id = ?')
      .get(id, conversationId);
  }

  /** The `limit` newest messages older than `before` (or the newest of all), newest first. */
  olderThan(conversationId: string, limit: number, before?: Cursor): MessageViewRow[] {
    return before === undefined
      ? this.sql.prepare<MessageViewRow>(
        `SELECT ${messageColumns} WHERE m.conversation_id = ? ORDER BY m.created_time DESC, m.id DESC LIMIT ?`,
      ).all(conversationId, limit)
      : this.sql.prepare<MessageViewRow>(
        `SELECT ${messageColumns} WHERE m.conversation_id = ? AND (m.created_time, m.id) < (?, ?)
         ORDER BY m.created_time DESC, m.id DESC LIMIT ?`,
      ).all(conversationId, before.createdTime, before.id, limit);
  }

  /** The `limit` oldest messages newer than `after`, oldest first. */
  newerThan(conversationId: string, limit: number, after: Cursor): MessageViewRow[] {
    return this.sql.prepare<MessageViewRow>(
      `SELECT ${messageColumns} WHERE m.conversation_id = ? AND (m.created_time, m.id) > (?, ?)
       ORDER BY m.created_time, m.id LIMIT ?`,
    ).all(conversationId, after.createdTime, after.id, limit);
  }

  /**
   * Visible conversations, most recently active first (the order the index keeps; the roster
   * puts the pinned ones first, see pinnedFirst).
   */
  summaries(): SummaryRow[] {
    return this.sql.prepare<SummaryRow>(`SELECT ${summaryColumns} WHERE c.hidden = 0 ORDER BY c.last_activity DESC, c.id`).all();
  }

  /**
   * One roster page: the `limit` visible conversations after `after` in the activity order
   * (newest first, then id), read along conversations_by_activity (hidden, last_activity DESC,
   * id) from the cursor on, so a page costs its own rows however long the roster is.
   */
  summariesPage(limit: number, after?: { lastActivity: number; id: string }): SummaryRow[] {
    if (after === undefined) {
      return this.sql.prepare<SummaryRow>(`SELECT ${summaryColumns} WHERE c.hidden = 0 ORDER BY c.last_activity DESC, c.id LIMIT ?`).all(limit);
    }
    return this.sql.prepare<SummaryRow>(
      `SELECT ${summaryColumns} WHERE c.hidden = 0 AND c.last_activity <= ?
         AND (c.last_activity < ? OR c.id > ?)
       ORDER BY c.last_activity DESC, c.id LIMIT ?`,
    ).all(after.lastActivity, after.lastActivity, after.id, limit);
  }

  /**
   * What the badge counts, for the visible conversations with something unread: read from the
   * unread index alone, without the roster's names and last messages (a year holds 20,000
   * conversations, and the badge needs only these four columns of the few that are unread).
   */
  unreadTallies(): UnreadTallyRow[] {
    return this.sql.prepare<UnreadTallyRow>(
      `SELECT c.id, t.unread, t.unread_priority, ${mutedUntilSql('c')} AS muted_until
       FROM (SELECT x.conversation_id, count(*) AS unread, sum(x.priority = 1) AS unread_priority
             FROM messages x INDEXED BY messages_unread
             WHERE x.direction = 'in' AND x.read_at IS NULL AND x.is_recalled = 0
             GROUP BY x.conversation_id) t
       JOIN conversations c ON c.id = t.conversation_id
       WHERE +c.hidden = 0`,
    ).all();
  }

  /** The visible pinned conversations (a few: pins are chosen by hand), most recently active first. */
  pinnedSummaries(): SummaryRow[] {
    return this.sql.prepare<SummaryRow>(
      `SELECT ${summaryColumns} WHERE +c.hidden = 0
         AND c.id IN (SELECT conversation_id FROM conversation_preferences WHERE pinned_at IS NOT NULL)
       ORDER BY c.last_activity DESC, c.id`,
    ).all();
  }

  /**
   * The visible ones among these conversations. Looked up by id: `+c.hidden` keeps the planner
   * off the activity index, which would walk every visible conversation to find these few.
   */
  summariesOf(ids: readonly string[]): SummaryRow[] {
    if (ids.length === 0) return [];
    return this.sql.prepare<SummaryRow>(
      `SELECT ${summaryColumns} WHERE +c.hidden = 0 AND c.id IN (SELECT value FROM json_each(?))
       ORDER BY c.last_activity DESC, c.id`,
    ).all(JSON.stringify(ids));
  }
}
