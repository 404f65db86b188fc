import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../sandbox/db/schema';
import { EventHub, frame } from '../../sandbox/hub';
import { createEventStore } from '../../sandbox/store/events';
import { useTempFolder } from '../support/temp-folder';

const folder = useTempFolder('tigerdesk-hub-');
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** Reads the SSE text until `done` says it has all it waits for. */
async function readUntil(url: string, done: (text: string) => boolean): Promise<string> {
  const response = await fetch(url);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

describe('the replay of a long backlog', () => {
  it('sends an event stored while the replay is under way once, through the replay, after the backlog', async () => {
    const db = openDatabase(join(folder(), 'sandbox.db'));
    const events = createEventStore(db);
    const hub = new EventHub({ events, heartbeatMs: 60_000, streamLifetimeMs: 60_000, now: Date.now });
    const key = 'key-1';
    const backlog = 1_200;
    db.transaction(() => {
      for (let n = 0; n < backlog; n += 1) events.insert(randomUUID(), key, 'message', JSON.stringify({ body: `queued ${n}` }), null);
    })();
    const lateId = randomUUID();
    const server = createServer((_, response) => {
      hub.open(key, new Set(), response);
      // The same turn: the first page is written, the rest not yet read. Stored and pushed as
      // the sandbox's fan-out does after a commit.
      const payload = JSON.stringify({ body: 'stored while replaying' });
      events.insert(lateId, key, 'message', payload, null);
      hub.push(key, frame(lateId, 'message', payload));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => {
      hub.close();
      server.close();
      db.close();
    });

    const text = await readUntil(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, (sofar) => sofar.includes('replay_stop'));
    const bodies = [...text.matchAll(/"body":"([^"]+)"/g)].map((match) => match[1]);
    expect(bodies).toEqual([...Array.from({ length: backlog }, (_, n) => `queued ${n}`), 'stored while replaying']);
    expect(text.split(lateId)).toHaveLength(2);
    expect(text).toContain(`"replay_message_count":${backlog}`);
  });
});
