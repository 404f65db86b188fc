import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface StoredEvent {
  seq: number;
  event_id: string;
  session_key: string;
  name: string;
  /** The payload already serialized, so replay sends it without re-encoding. */
  payload: string;
  message_token: string | null;
}

export type EventStore = ReturnType<typeof createEventStore>;

/** The per-key queues of events not yet acknowledged: the durable half of at-least-once delivery. */
export function createEventStore(db: Database) {
  const insert = db.prepare(
    'INSERT INTO events (event_id, session_key, name, payload, message_token) VALUES (?, ?, ?, ?, ?)',
  );
  const page = db.prepare<[string, number, number], StoredEvent>(
    'SELECT * FROM events WHERE session_key = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM events WHERE session_key = ?');
  // One statement per acknowledgement, however many ids: a replay is acknowledged 500 at a time.
  const ack = db.prepare('DELETE FROM events WHERE session_key = ? AND event_id IN (SELECT value FROM json_each(?))');
  const dropSession = db.prepare('DELETE FROM events WHERE session_key = ?');
  const dropMessage = db.prepare('DELETE FROM events WHERE message_token = ?');
  const dropMessageBodies = db.prepare(
    "DELETE FROM events WHERE message_token = ? AND name IN ('message', 'group_message')",
  );
  const dropMessageEventsFor = db.prepare(
    "DELETE FROM events WHERE message_token = ? AND session_key = ? AND name IN ('message', 'group_message')",
  );

  return {
    insert(eventId: string, sessionKey: string, name: string, payload: string, messageToken: string | null): void {
      insert.run(eventId, sessionKey, name, payload, messageToken);
    },
    /** The next `limit` events of the key's queue after `afterSeq`, in order. */
    page(sessionKey: string, afterSeq: number, limit: number): StoredEvent[] {
      return page.all(sessionKey, afterSeq, limit);
    },
    pendingCount(sessionKey: string): number {
      return count.get(sessionKey)?.n ?? 0;
    },
    acknowledge(sessionKey: string, eventIds: readonly string[]): number {
      return ack.run(sessionKey, JSON.stringify(eventIds)).changes;
    },
    dropSession(sessionKey: string): void {
      dropSession.run(sessionKey);
    },
    /** A message that expired or was recalled must not be replayed: its events go with it. */
    dropMessage(messageToken: string): void {
      dropMessage.run(messageToken);
    },
    /** A recalled message's body must not reach anyone who has not yet received it. */
    dropMessageBodies(messageToken: string): void {
      dropMessageBodies.run(messageToken);
    },
    dropMessageEventsFor(messageToken: string, sessionKey: string): void {
      dropMessageEventsFor.run(messageToken, sessionKey);
    },
  };
}
