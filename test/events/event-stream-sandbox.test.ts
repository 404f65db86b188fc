import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createEventStream, type SyncEvent } from '../../main/core/events/event-stream';
import type { Logger } from '../../main/core/log/logger';
import type { StreamState } from '../../main/core/events/stream-state';
import { newPerson } from '../sandbox/support/people';
import { useSandbox } from '../support/sandbox-fixture';
import { waitFor } from './sse-test-server';

const sandbox = useSandbox({ heartbeatMs: 100 });

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('event stream against the sandbox', () => {
  it('stores live and replayed events from the sandbox, acks them, and gets typing with is-typing', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const db = new Database(':memory:');
    db.exec('CREATE TABLE messages (message_id TEXT PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT OR IGNORE INTO messages (message_id, body) VALUES (?, ?)');
    const seen: SyncEvent[] = [];
    const states: StreamState[] = [];
    const stream = createEventStream({
      request: () => bob.client.eventStreamRequest([]),
      ack: (ids) => bob.client.ackEvents(ids),
      handle: async (events) => {
        seen.push(...events);
        db.transaction(() => {
          for (const event of events) if (event.name === 'message') insert.run(event.payload.message_id, event.payload.body);
        })();
      },
      onRemoteWipe: async () => undefined,
      log: quiet,
      heartbeatMs: 100,
      ackBatch: { maxBatch: 50, delayMs: 10 },
    });
    stream.subscribe((state) => states.push(state));
    try {
      stream.start();
      await waitFor('live', () => stream.state.kind === 'live');
      const sent = await alice.client.sendMessage({ recipient: bob.token, body: 'first', senderOrganization: sandbox.organizationKey });
      await alice.client.startTyping(bob.token);
      await waitFor('the message stored', () => db.prepare('SELECT 1 FROM messages WHERE message_id = ?').get(sent.messageId) !== undefined);
      await waitFor('the typing event', () => seen.some((event) => event.name === 'message:is_typing' && event.payload.sender_token === alice.token));
      await stream.stop();

      const whileAway = await alice.client.sendMessage({ recipient: bob.token, body: 'second', senderOrganization: sandbox.organizationKey });
      states.length = 0;
      stream.start();
      await waitFor('the replay stored', () => db.prepare('SELECT 1 FROM messages WHERE message_id = ?').get(whileAway.messageId) !== undefined);
      // Only the message sent while away comes back: the first was acknowledged.
      expect(states).toContainEqual({ kind: 'replaying', received: 0, total: 1 });
      expect(seen.filter((event) => event.name === 'message').map((event) => event.name === 'message' && event.payload.message_id)).toEqual([
        sent.messageId,
        whileAway.messageId,
      ]);
      expect(stream.malformedCount).toBe(0);
    } finally {
      await stream.stop();
      db.close();
    }
  });
});
