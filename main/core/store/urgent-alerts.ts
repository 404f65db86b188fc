import { mutedAtSql } from './mutes';
import type { Statements } from './statements';

/** An urgent message nobody has read yet, with what its alerts so far were. */
export interface PendingUrgent {
  messageId: number;
  conversationId: string;
  senderToken: string;
  createdAt: number;
  alertsSent: number;
  /** null: it has not alerted yet. */
  lastAlertAt: number | null;
}

/**
 * The urgent messages that still alert (incoming, high priority, unread, not recalled, not
 * expired) and the record of their alerts (table urgent_alerts). A message read, recalled or
 * erased stops being pending on its own; its record is dropped by `forgetSettled`.
 */
export class UrgentAlerts {
  private readonly sql: Statements;

  constructor(sql: Statements) {
    this.sql = sql;
  }

  /** Oldest first. A conversation muted with "urgent messages still alert" turned off has none. */
  pending(now: number): PendingUrgent[] {
    return this.sql
      .prepare<PendingUrgent>(
        `SELECT m.id AS messageId, m.conversation_id AS conversationId, m.sender_token AS senderToken,
                m.created_time AS createdAt, COALESCE(u.alerts_sent, 0) AS alertsSent, u.last_alert_at AS lastAlertAt
         FROM messages m LEFT JOIN urgent_alerts u ON u.message_id = m.id
         WHERE m.direction = 'in' AND m.priority = 1 AND m.read_at IS NULL AND m.is_recalled = 0
           AND (m.expires_at IS NULL OR m.expires_at > @now)
           AND NOT EXISTS (SELECT 1 FROM conversations c JOIN conversation_preferences p ON p.conversation_id = c.id
             WHERE c.id = m.conversation_id AND p.urgent_when_muted = 0 AND ${mutedAtSql('c', '@now')})
         ORDER BY m.created_time, m.id`,
      )
      .all({ now });
  }

  /** Records that these messages alerted at `at` (or that their alerts were given up, with `alerts` their last count). */
  record(messageIds: readonly number[], at: number, alerts: (messageId: number) => number): void {
    const upsert = this.sql.prepare(
      `INSERT INTO urgent_alerts (message_id, alerts_sent, last_alert_at) VALUES (?, ?, ?)
       ON CONFLICT (message_id) DO UPDATE SET alerts_sent = excluded.alerts_sent, last_alert_at = excluded.last_alert_at`,
    );
    for (const messageId of messageIds) upsert.run(messageId, alerts(messageId), at);
  }

  /** Drops the records of messages that no longer alert (read, recalled, expired); returns how many. */
  forgetSettled(now: number): number {
    return this.sql
      .prepare(
        `DELETE FROM urgent_alerts WHERE message_id NOT IN (
           SELECT id FROM messages WHERE direction = 'in' AND priority = 1 AND read_at IS NULL AND is_recalled = 0
             AND (expires_at IS NULL OR expires_at > ?))`,
      )
      .run(now).changes;
  }
}
