import type { ConversationKind } from './messages';
import type { MessageStatus } from './message-status';
import type { Statements } from './statements';

/** One roster line: the conversation, its counts and its newest message. */
export interface RosterEntry {
  id: string;
  kind: ConversationKind;
  name: string | null;
  lastActivity: number;
  muted: boolean;
  unreadCount: number;
  unreadPriorityCount: number;
  lastMessage: {
    id: number;
    senderToken: string;
    body: string;
    createdTime: number;
    status: MessageStatus;
    isRecalled: boolean;
  } | null;
}

interface RosterRecord {
  id: string;
  kind: ConversationKind;
  name: string | null;
  last_activity: number;
  muted: number;
  unread_count: number;
  unread_priority_count: number;
  last_id: number | null;
  last_sender: string | null;
  last_body: string | null;
  last_created: number | null;
  last_status: MessageStatus | null;
  last_recalled: number | null;
}

// Unread counts come from the partial index messages_unread and the newest message from
// messages_by_conversation, so a page of the roster costs a few index probes per line.
export const rosterSql = `
SELECT c.id, c.kind, c.name, c.last_activity, c.muted,
  (SELECT count(*) FROM messages u INDEXED BY messages_unread
     WHERE u.conversation_id = c.id AND u.direction = 'in' AND u.read_at IS NULL AND u.is_recalled = 0) AS unread_count,
  (SELECT count(*) FROM messages u INDEXED BY messages_unread
     WHERE u.conversation_id = c.id AND u.direction = 'in' AND u.read_at IS NULL AND u.is_recalled = 0
       AND u.priority = 1) AS unread_priority_count,
  m.id AS last_id, m.sender_token AS last_sender, m.body AS last_body, m.created_time AS last_created,
  m.status AS last_status, m.is_recalled AS last_recalled
FROM conversations c
LEFT JOIN messages m ON m.id = (
  SELECT l.id FROM messages l WHERE l.conversation_id = c.id ORDER BY l.created_time DESC, l.id DESC LIMIT 1)
WHERE c.hidden = 0
ORDER BY c.last_activity DESC, c.id
LIMIT ? OFFSET ?`;

export class Conversations {
  private readonly sql: Statements;

  constructor(sql: Statements) {
    this.sql = sql;
  }

  /** Adds a roster entry, or refreshes its name; activity and flags are left as they are. */
  upsert(entry: { id: string; kind: ConversationKind; name?: string | null; organizationKey?: string | null }): void {
    this.sql.prepare(
      `INSERT INTO conversations (id, kind, name, organization_key) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = coalesce(excluded.name, name),
         organization_key = coalesce(excluded.organization_key, organization_key)`,
    ).run(entry.id, entry.kind, entry.name ?? null, entry.organizationKey ?? null);
  }

  /** Visible conversations, most recently active first. */
  roster(limit: number, offset = 0): RosterEntry[] {
    return this.sql.prepare<RosterRecord>(rosterSql).all(limit, offset).map(toRosterEntry);
  }

  setMuted(id: string, muted: boolean): void {
    this.sql.prepare('UPDATE conversations SET muted = ? WHERE id = ?').run(muted ? 1 : 0, id);
  }

  /** Hidden conversations come back when a new message arrives in them. */
  setHidden(id: string, hidden: boolean): void {
    this.sql.prepare('UPDATE conversations SET hidden = ? WHERE id = ?').run(hidden ? 1 : 0, id);
  }

  /** Every unread incoming message across conversations that are not muted: the badge. */
  unreadTotal(): number {
    return this.sql.prepare<{ n: number }>(
      `SELECT count(*) AS n FROM messages m INDEXED BY messages_unread JOIN conversations c ON c.id = m.conversation_id
       WHERE m.direction = 'in' AND m.read_at IS NULL AND m.is_recalled = 0 AND c.muted = 0`,
    ).get()!.n;
  }
}

function toRosterEntry(record: RosterRecord): RosterEntry {
  return {
    id: record.id,
    kind: record.kind,
    name: record.name,
    lastActivity: record.last_activity,
    muted: record.muted === 1,
    unreadCount: record.unread_count,
    unreadPriorityCount: record.unread_priority_count,
    lastMessage: record.last_id === null
      ? null
      : {
        id: record.last_id,
        senderToken: record.last_sender!,
        body: record.last_body!,
        createdTime: record.last_created!,
        status: record.last_status!,
        isRecalled: record.last_recalled === 1,
      },
  };
}
