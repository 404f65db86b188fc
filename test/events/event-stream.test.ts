import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it, onTestFinished } from 'vitest';
import { userText } from '../../i18n/user-text';
import { createEventStream, type EventStreamOptions, type SyncEvent } from '../../main/core/events/event-stream';
import type { LogFields, Logger } from '../../main/core/log/logger';
import type { StreamState } from '../../main/core/events/stream-state';
import { PREFIX, basicAuth, sleep, startTestEventServer, waitFor, type TestEventServer } from './sse-test-server';

const KEY = 'key-1';
const SECRET = 'secret-never-logged';
const BODY_MARKER = 'BODY-bed-4-potassium';

function messageEvent(n: number) {
  return {
    event_id: `ev-${n}`,
    event: {
      [`${PREFIX}message`]: {
        message_id: `msg-${n}`,
        sender_token: 'alice',
        recipient_token: 'bob',
        body: `${BODY_MARKER} #${n}`,
        created_time: new Date(Date.UTC(2026, 10, 26, 6, 0, n)).toISOString(),
      },
    },
  };
}

async function startServer(): Promise<TestEventServer> {
  const server = await startTestEventServer({ key: KEY, secret: SECRET });
  onTestFinished(() => server.close());
  return server;
}

/** A real SQLite store standing in for sync: one transaction per batch, idempotent by message id. */
function createStore() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE messages (message_id TEXT PRIMARY KEY, event_id TEXT NOT NULL, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT OR IGNORE INTO messages (message_id, event_id, body) VALUES (?, ?, ?)');
  const committed = new Set<string>();
  const store = {
    db,
    /** Makes the next transaction fail just before it commits. */
    failNextCommit: false,
    handled: [] as SyncEvent[][],
    inFlight: 0,
    maxInFlight: 0,
    delayMs: 0,
    handle: async (events: SyncEvent[]) => {
      store.inFlight += 1;
      store.maxInFlight = Math.max(store.maxInFlight, store.inFlight);
      try {
        store.handled.push(events);
        if (store.delayMs > 0) await sleep(store.delayMs);
        db.transaction(() => {
          for (const event of events) {
            if (event.name === 'message') insert.run(event.payload.message_id, event.eventId, event.payload.body);
          }
          if (store.failNextCommit) {
            store.failNextCommit = false;
            throw new Error('SQLITE_IOERR: disk I/O error');
          }
        })();
        for (const event of events) committed.add(event.eventId);
      } finally {
        store.inFlight -= 1;
      }
    },
    storedEventIds: () => (db.prepare('SELECT event_id FROM messages ORDER BY message_id').all() as { event_id: string }[]).map((r) => r.event_id),
    /** Whether a transaction holding this event has committed (a later wipe may have erased it since). */
    hasCommitted: (eventId: string) => committed.has(eventId),
  };
  onTestFinished(() => {
    db.close();
  });
  return store;
}

type Store = ReturnType<typeof createStore>;

function recordingLog() {
  const lines: { level: string; message: string; fields: LogFields | undefined }[] = [];
  const log: Logger = {
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
  return { log, lines, text: () => JSON.stringify(lines) };
}

/** Fails the test if the server ever receives an ack for a message event not yet committed. */
function checkAckAfterCommit(server: TestEventServer, store: Store) {
  const violations: string[] = [];
  server.onAck = (ids) => {
    for (const id of ids) if (id.startsWith('ev-') && !store.hasCommitted(id)) violations.push(id);
  };
  return violations;
}

function openStream(server: TestEventServer, store: Store, overrides: Partial<EventStreamOptions> = {}) {
  const logs = recordingLog();
  const wipes: number[] = [];
  const stream = createEventStream({
    request: () => ({ url: server.url, headers: { Authorization: basicAuth(KEY, SECRET) } }),
    ack: async (ids) => {
      const response = await fetch(server.ackUrl, {
        method: 'POST',
        headers: { Authorization: basicAuth(KEY, SECRET), 'Content-Type': 'application/json' },
        body: JSON.stringify({ events: ids }),
      });
      if (response.status !== 204) throw new Error(`ack refused with ${response.status}`);
    },
    handle: store.handle,
    onRemoteWipe: async () => {
      wipes.push(Date.now());
    },
    log: logs.log,
    heartbeatMs: 2_000,
    healthyAfterMs: 100,
    reconnectBackoff: { baseMs: 20, capMs: 200 },
    ackBatch: { maxBatch: 50, delayMs: 10 },
    ackBackoff: { baseMs: 20, capMs: 200 },
    random: () => 0.5,
    ...overrides,
  });
  const states: StreamState[] = [];
  stream.subscribe((state) => states.push(state));
  onTestFinished(() => stream.stop());
  return { stream, states, logs, wipes };
}

/** A stream over a new server and store, started and live. */
async function liveStream(overrides: Partial<EventStreamOptions> = {}) {
  const server = await startServer();
  const store = createStore();
  const opened = openStream(server, store, overrides);
  opened.stream.start();
  await waitFor('live', () => opened.stream.state.kind === 'live');
  return { server, store, ...opened };
}

const acked = (server: TestEventServer) => server.ackRequests.flat();

describe('event stream', () => {
  it('connects with the Basic header, is-typing and the SSE accept header', async () => {
    const server = await startServer();
    const store = createStore();
    const { stream } = openStream(server, store, {
      request: () => ({ url: server.url, headers: { Authorization: basicAuth(KEY, SECRET), 'TT-X-Features': 'receipts' } }),
    });
    stream.start();
    await waitFor('a connection', () => server.connections.length === 1);
    const headers = server.connections[0]?.headers;
    expect(headers?.authorization).toBe(basicAuth(KEY, SECRET));
    expect(headers?.['tt-x-features']).toBe('receipts,is-typing');
    expect(headers?.accept).toBe('text/event-stream');
  });

  it('replays what was not acknowledged, stores it, and acks only after the commit', async () => {
    const server = await startServer();
    const store = createStore();
    const violations = checkAckAfterCommit(server, store);
    for (let n = 1; n <= 3; n++) server.publish(messageEvent(n));
    const { stream, states } = openStream(server, store);
    stream.start();
    await waitFor('replayed events acknowledged', () => server.unacked().length === 0);
    expect(store.storedEventIds()).toEqual(['ev-1', 'ev-2', 'ev-3']);
    expect(violations).toEqual([]);
    expect(states).toEqual([
      { kind: 'connecting' },
      { kind: 'live' },
      { kind: 'replaying', received: 0, total: 3 },
      { kind: 'replaying', received: 3, total: 3 },
      { kind: 'live' },
    ]);
    expect(acked(server)).toEqual(expect.arrayContaining(['adv-1', 'ev-1', 'ev-2', 'ev-3', 'adv-2']));

    server.publish(messageEvent(4));
    await waitFor('the live event acknowledged', () => acked(server).includes('ev-4'));
    expect(store.storedEventIds()).toEqual(['ev-1', 'ev-2', 'ev-3', 'ev-4']);
    expect(violations).toEqual([]);
  });

  it('hands events to sync in order, one batch at a time', async () => {
    const server = await startServer();
    const store = createStore();
    store.delayMs = 15;
    const { stream } = openStream(server, store, { maxHandleBatch: 4 });
    stream.start();
    await waitFor('live', () => stream.state.kind === 'live');
    for (let n = 1; n <= 20; n++) server.publish(messageEvent(n));
    await waitFor('all acknowledged', () => server.unacked().length === 0);
    expect(store.handled.flat().map((e) => e.eventId)).toEqual(Array.from({ length: 20 }, (_, i) => `ev-${i + 1}`));
    expect(store.maxInFlight).toBe(1);
    expect(Math.max(...store.handled.map((batch) => batch.length))).toBeLessThanOrEqual(4);
  });

  it('reads no further from the server while two batches wait to be stored, and then stores the whole replay', async () => {
    const server = await startServer();
    const store = createStore();
    const count = 4_000;
    for (let n = 1; n <= count; n++) server.publish(messageEvent(n));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handle = store.handle;
    let read = 0;
    const countingFetch: typeof fetch = async (url, init) => {
      const response = await fetch(url, init);
      const counted = response.body?.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          read += chunk.byteLength;
          controller.enqueue(chunk);
        },
      }));
      return new Response(counted ?? null, { status: response.status, headers: response.headers });
    };
    const { stream } = openStream(server, store, {
      fetch: countingFetch,
      maxHandleBatch: 10,
      handle: async (events) => {
        await gate;
        await handle(events);
      },
    });
    stream.start();
    await waitFor('the first batch handed over', () => store.handled.length > 0 || read > 0);
    await sleep(200);
    const replayBytes = count * JSON.stringify(messageEvent(count)).length;
    // Twenty events and the buffers of one read, not the whole replay.
    expect(read).toBeLessThan(replayBytes / 4);
    release();
    await waitFor('the replay stored and acknowledged', () => server.unacked().length === 0, 10_000);
    expect(store.storedEventIds()).toHaveLength(count);
  });

  it('does not ack a batch whose commit failed, reconnects, and stores the replay once', async () => {
    const server = await startServer();
    const store = createStore();
    const violations = checkAckAfterCommit(server, store);
    const { stream, logs } = openStream(server, store);
    stream.start();
    await waitFor('live', () => stream.state.kind === 'live');
    store.failNextCommit = true;
    server.publish(messageEvent(1));
    await waitFor('a second connection', () => server.connections.length === 2);
    await waitFor('the replay acknowledged', () => acked(server).includes('ev-1'));
    expect(store.handled.flat().filter((e) => e.eventId === 'ev-1')).toHaveLength(2);
    expect(store.storedEventIds()).toEqual(['ev-1']);
    expect(violations).toEqual([]);
    const failure = logs.lines.find((line) => line.level === 'error');
    expect(failure?.fields?.['eventIds']).toEqual(['ev-1']);
    expect(logs.text()).not.toContain(BODY_MARKER);
  });

  it('after a crash before the commit, the next run gets the events again and stores them once', async () => {
    const server = await startServer();
    const store = createStore();
    const violations = checkAckAfterCommit(server, store);
    let release: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    let committing = false;
    const first = openStream(server, store, {
      handle: async () => {
        committing = true;
        await stuck;
        throw new Error('the process died mid-transaction');
      },
    });
    first.stream.start();
    server.publish(messageEvent(1));
    server.publish(messageEvent(2));
    await waitFor('the first run to be mid-commit', () => committing);
    await first.stream.stop();
    release();
    expect(acked(server).filter((id) => id.startsWith('ev-'))).toEqual([]);

    const second = openStream(server, store);
    second.stream.start();
    await waitFor('the replay acknowledged', () => server.unacked().length === 0);
    expect(store.storedEventIds()).toEqual(['ev-1', 'ev-2']);
    expect(violations).toEqual([]);
  });

  it('stops for good on 401: auth-failed, and no further attempts, even when kicked', async () => {
    const server = await startServer();
    const store = createStore();
    const { stream, states } = openStream(server, store, {
      request: () => ({ url: server.url, headers: { Authorization: basicAuth(KEY, 'revoked') } }),
    });
    stream.start();
    await waitFor('auth-failed', () => stream.state.kind === 'auth-failed');
    stream.kick();
    await sleep(200);
    expect(server.attempts).toEqual([expect.objectContaining({ status: 401 })]);
    expect(states).toEqual([{ kind: 'connecting' }, { kind: 'auth-failed' }]);
  });

  it('reconnects a stream that has gone silent for longer than the heartbeat allows', async () => {
    const server = await startServer();
    const store = createStore();
    const { stream, states } = openStream(server, store, { heartbeatMs: 100, silenceFactor: 2 });
    stream.start();
    await waitFor('a connection', () => server.connections.length === 1);
    await waitFor('a reconnection', () => server.connections.length === 2, 2_000);
    const gap = (server.connections[1]?.openedAt ?? 0) - (server.connections[0]?.openedAt ?? 0);
    expect(gap).toBeGreaterThanOrEqual(195);
    expect(server.connections[0]?.closed).toBe(true);
    expect(states).toContainEqual(expect.objectContaining({ kind: 'offline', reason: userText('connection.silent', { ms: 200 }) }));
  });

  it('keeps a stream alive while heartbeats or mere comments arrive, and never acknowledges a heartbeat', async () => {
    const { server, stream } = await liveStream({ heartbeatMs: 100, silenceFactor: 3 });
    for (let i = 0; i < 14; i++) {
      await sleep(50);
      if (i % 2 === 0) server.publish({ event_id: `hb-${i}`, event: { [`${PREFIX}sse:heartbeat`]: {} } });
      else server.connections[0]?.comment('keep-alive');
    }
    expect(server.connections).toHaveLength(1);
    expect(stream.state.kind).toBe('live');
    // API.md: never acknowledge typing, presence or heartbeats.
    server.publish(messageEvent(1));
    await waitFor('the message after them acknowledged', () => acked(server).includes('ev-1'));
    expect(acked(server).filter((id) => id.startsWith('hb-'))).toEqual([]);
  });

  it('passes typing and presence on to sync but never acknowledges them', async () => {
    const { server, store } = await liveStream();
    server.publish({ event_id: 'typing-1', event: { [`${PREFIX}message:is_typing`]: { sender_token: 'u-ann', status: 'typing' } } });
    server.publish({ event_id: 'presence-1', event: { [`${PREFIX}presence`]: { from: 'u-ann', type: 'available' } } });
    server.publish(messageEvent(1));
    await waitFor('the message acknowledged', () => acked(server).includes('ev-1'));
    const handled = store.handled.flat().map((event) => event.eventId);
    expect(handled).toEqual(expect.arrayContaining(['typing-1', 'presence-1', 'ev-1']));
    expect(acked(server)).not.toContain('typing-1');
    expect(acked(server)).not.toContain('presence-1');
  });

  it('reconnects at once on kick(), whatever the backoff says', async () => {
    const { server, stream } = await liveStream({ reconnectBackoff: { baseMs: 60_000, capMs: 60_000 } });
    const kickedAt = Date.now();
    stream.kick();
    await waitFor('a second connection', () => server.connections.length === 2, 1_000);
    expect(Date.now() - kickedAt).toBeLessThan(1_000);
    await waitFor('the first connection closed', () => server.connections[0]?.closed === true);
    await waitFor('live again', () => stream.state.kind === 'live');
  });

  it('on kick() while offline, connects at once instead of waiting for the retry', async () => {
    const server = await startServer();
    const store = createStore();
    server.refusals.push({ status: 500 });
    const { stream } = openStream(server, store, { reconnectBackoff: { baseMs: 60_000, capMs: 60_000 } });
    stream.start();
    await waitFor('offline', () => stream.state.kind === 'offline');
    expect(stream.state).toMatchObject({ kind: 'offline', reason: userText('connection.http', { status: 500 }) });
    stream.kick();
    await waitFor('live', () => stream.state.kind === 'live', 1_000);
    expect(server.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
  });

  it('gives up on a connect that never gets an answer and tries again', async () => {
    const server = await startServer();
    const store = createStore();
    server.refusals.push({ status: 0 });
    const { stream, states } = openStream(server, store, { heartbeatMs: 100, silenceFactor: 2 });
    stream.start();
    await waitFor('live', () => stream.state.kind === 'live', 2_000);
    expect(server.attempts.map((attempt) => attempt.status)).toEqual([0, 200]);
    expect(states.slice(0, 2)).toEqual([{ kind: 'connecting' }, expect.objectContaining({ kind: 'offline', reason: userText('connection.silent', { ms: 200 }) })]);
  });

  it('skips, counts and acks malformed or unknown events, logging the id and reason but not the body', async () => {
    const { server, store, stream, logs } = await liveStream();
    server.broadcast('this is not JSON');
    server.broadcast(JSON.stringify({ event_id: 'bad-1', event: { [`${PREFIX}telepathy`]: { body: BODY_MARKER } } }));
    server.broadcast(
      [
        JSON.stringify({ event_id: 'bad-2', event: { [`${PREFIX}message`]: { body: BODY_MARKER, sender_token: 'alice' } } }),
        JSON.stringify(messageEvent(1)),
      ].join('\n'),
    );
    server.publish(messageEvent(2));
    await waitFor('the good events stored', () => store.storedEventIds().length === 2);
    await waitFor('the malformed acknowledged', () => acked(server).includes('bad-1') && acked(server).includes('bad-2'));
    expect(stream.malformedCount).toBe(3);
    expect(store.handled.flat().map((e) => e.eventId)).toEqual(['ev-1', 'ev-2']);
    const skipped = logs.lines.filter((line) => line.message === 'skipped a malformed event').map((line) => line.fields);
    expect(skipped).toEqual([
      { eventId: '(none)', reason: 'not valid JSON' },
      { eventId: 'bad-1', reason: 'unknown event "telepathy"' },
      { eventId: 'bad-2', reason: 'message: created_time: missing' },
    ]);
    expect(logs.text()).not.toContain(BODY_MARKER);
    expect(logs.text()).not.toContain(SECRET);
    expect(server.connections).toHaveLength(1);
  });

  it('waits out the backoff between failed connects, and honours Retry-After', async () => {
    const server = await startServer();
    const store = createStore();
    server.refusals.push({ status: 500 }, { status: 500 }, { status: 500 }, { status: 503, headers: { 'Retry-After': '1' } });
    const delays: number[] = [];
    const { stream } = openStream(server, store, { reconnectBackoff: { baseMs: 80, capMs: 10_000 } });
    stream.subscribe((state) => {
      if (state.kind === 'offline') delays.push(state.nextRetryAt - Date.now());
    });
    stream.start();
    await waitFor('four refusals', () => delays.length === 4, 3_000);
    // random() = 0.5 with full jitter: half of 80, 160, 320; then Retry-After's second wins.
    const expected = [40, 80, 160, 1_000];
    delays.forEach((delay, i) => expect(Math.abs(delay - (expected[i] as number))).toBeLessThanOrEqual(3));
    const gaps = server.attempts.slice(1).map((attempt, i) => attempt.at - (server.attempts[i]?.at ?? 0));
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual((expected[i] as number) - 2));
    expect(stream.state).toMatchObject({ kind: 'offline', reason: userText('connection.http', { status: 503 }) });
  });

  it('resets the backoff only after a connection stayed healthy', async () => {
    const server = await startServer();
    const store = createStore();
    const delays: number[] = [];
    // healthyAfterMs is long enough that a drop at once never counts as healthy on a loaded machine.
    const { stream } = openStream(server, store, { reconnectBackoff: { baseMs: 40, capMs: 10_000 }, healthyAfterMs: 1_000 });
    stream.subscribe((state) => {
      if (state.kind === 'offline') delays.push(state.nextRetryAt - Date.now());
    });
    stream.start();
    // Dropped at once twice: not healthy, so the delay grows; then dropped after a healthy spell.
    await waitFor('first connection', () => server.connections.length === 1);
    server.connections[0]?.end();
    await waitFor('second connection', () => server.connections.length === 2);
    server.connections[1]?.end();
    await waitFor('third connection', () => server.connections.length === 3);
    await sleep(1_300);
    server.connections[2]?.end();
    await waitFor('three drops', () => delays.length === 3);
    [20, 40, 20].forEach((expected, i) => expect(Math.abs((delays[i] as number) - expected), JSON.stringify(delays)).toBeLessThanOrEqual(3));
  });

  it('obeys a reconnect advisory and acks it', async () => {
    const { server, states } = await liveStream();
    await sleep(150);
    server.publish({ event_id: 'rc-1', event: { [`${PREFIX}reconnect`]: {} } });
    await waitFor('a second connection', () => server.connections.length === 2);
    await waitFor('the advisory acknowledged', () => acked(server).includes('rc-1'));
    expect(server.unacked()).toEqual([]);
    // A healthy connection reconnects at once, without going offline.
    expect(states.some((state) => state.kind === 'offline')).toBe(false);
  });

  it('erases local data on remote_wipe after storing what came before, acks it and stops', async () => {
    const server = await startServer();
    const store = createStore();
    const violations = checkAckAfterCommit(server, store);
    let rowsAtWipe = -1;
    const { stream } = openStream(server, store, {
      onRemoteWipe: async () => {
        rowsAtWipe = store.storedEventIds().length;
        store.db.exec('DELETE FROM messages');
      },
    });
    stream.start();
    await waitFor('live', () => stream.state.kind === 'live');
    server.publish(messageEvent(1));
    server.publish({ event_id: 'wipe-1', event: { [`${PREFIX}remote_wipe`]: {} } });
    server.publish(messageEvent(2));
    await waitFor('stopped', () => stream.state.kind === 'stopped');
    expect(rowsAtWipe).toBe(1);
    expect(store.storedEventIds()).toEqual([]);
    expect(acked(server)).toContain('wipe-1');
    expect(acked(server)).not.toContain('ev-2');
    expect(violations).toEqual([]);
    await sleep(100);
    expect(server.connections).toHaveLength(1);
  });

  it('stops cleanly and can start again', async () => {
    const { server, store, stream, states } = await liveStream();
    await stream.stop();
    await waitFor('the connection closed', () => server.connections[0]?.closed === true);
    expect(stream.state).toEqual({ kind: 'stopped' });
    server.publish(messageEvent(1));
    stream.start();
    await waitFor('the replay stored', () => store.storedEventIds().length === 1);
    expect(states.filter((state) => state.kind === 'connecting')).toHaveLength(2);
  });
});

describe('event stream size caps', () => {
  const cap = 32 * 1024;
  const oversized = (logs: ReturnType<typeof recordingLog>) =>
    logs.lines.filter((line) => line.level === 'error' && line.message.startsWith('event stream: the server sent more than the client holds'));

  it('closes a stream whose line never ends, logs the cap (not the content) and reconnects', async () => {
    const { server, store, logs } = await liveStream({ maxEventBytes: cap });
    server.publish(messageEvent(1));
    await waitFor('the event before acknowledged', () => acked(server).includes('ev-1'));
    const pouring = server.connections[0]!.endlessLine();
    await waitFor('the connection closed by the client', () => server.connections[0]?.closed === true);
    const written = await pouring.finished;
    // The cap, plus what the sockets' buffers took before the client stopped reading: never all of it.
    expect(written).toBeLessThan(8 * 1024 * 1024);
    await waitFor('a new connection', () => server.connections.length === 2);
    expect(oversized(logs)[0]?.fields).toMatchObject({
      reason: `a line of the event stream is longer than the cap of ${cap} bytes`,
      capBytes: cap,
      attempt: 1,
    });
    expect(logs.text()).not.toContain('xxxxxxxx');
    expect(store.storedEventIds()).toEqual(['ev-1']);
  });

  it('stores and acks the events before an oversized one, never that one, and reconnects with a growing delay each time it comes again', async () => {
    const server = await startServer();
    const store = createStore();
    const violations = checkAckAfterCommit(server, store);
    server.publish(messageEvent(1));
    server.publish(messageEvent(2));
    // Past the cap, and replayed on every connect as an honest server would (it is never acknowledged).
    const huge = messageEvent(3);
    huge.event[`${PREFIX}message`].body = 'z'.repeat(2 * cap);
    server.publish(huge);
    const { stream, logs } = openStream(server, store, {
      maxEventBytes: cap,
      // Long enough that no connection here counts as healthy, so only the backoff sets the pace.
      healthyAfterMs: 10_000,
      reconnectBackoff: { baseMs: 40, capMs: 10_000 },
    });
    stream.start();
    await waitFor('four oversized connections', () => oversized(logs).length >= 4, 5_000);
    await stream.stop();
    expect(store.storedEventIds()).toEqual(['ev-1', 'ev-2']);
    expect(acked(server)).toEqual(expect.arrayContaining(['ev-1', 'ev-2']));
    expect(acked(server)).not.toContain('ev-3');
    expect(server.unacked()).toEqual(['ev-3']);
    expect(violations).toEqual([]);
    const logged = oversized(logs).slice(0, 4).map((line) => line.fields);
    // random() = 0.5 with full jitter: half of 40, 80, 160, 320.
    expect(logged.map((fields) => fields?.retryInMs)).toEqual([20, 40, 80, 160]);
    expect(logged.map((fields) => fields?.attempt)).toEqual([1, 2, 3, 4]);
    expect(logged[0]?.reason).toBe(`a line of the event stream is longer than the cap of ${cap} bytes`);
    const gaps = server.attempts.slice(1, 4).map((attempt, i) => attempt.at - server.attempts[i]!.at);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual([20, 40, 80][i]! - 2));
  });

  it('closes a stream whose event of many short lines passes the cap', async () => {
    const { server, store, logs } = await liveStream({ maxEventBytes: cap });
    server.publish(messageEvent(1));
    // Not stored, so not replayed: sent once, as lines of `data:` that are each short.
    server.broadcast(Array.from({ length: 2_000 }, (_, n) => `line ${n} of a very long event`).join('\n'));
    await waitFor('a new connection', () => server.connections.length === 2);
    expect(oversized(logs)[0]?.fields?.reason).toBe(`an event of the event stream is larger than the cap of ${cap} bytes`);
    expect(store.storedEventIds()).toEqual(['ev-1']);
  });

  it('passes events up to the cap', async () => {
    const { server, store } = await liveStream({ maxEventBytes: cap });
    const large = messageEvent(1);
    large.event[`${PREFIX}message`].body = 'y'.repeat(cap - 1_000);
    server.publish(large);
    await waitFor('the large event acknowledged', () => acked(server).includes('ev-1'));
    expect(store.storedEventIds()).toEqual(['ev-1']);
  });
});
