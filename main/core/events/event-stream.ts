/**
 * The SSE connection to `GET /v2/events`: connects, hands events to sync in order, one
 * batch at a time, acknowledges them only once sync's transaction has committed, and
 * reconnects on evidence (an error, silence past the heartbeat, a `reconnect` advisory, a
 * failed commit, or `kick()` from the shell after resume, unlock or network-up).
 *
 * Delivery is at-least-once: anything not acknowledged is replayed on the next connect, so
 * on any doubt this module drops what it holds and lets the server send it again. Sync's
 * writes are idempotent, so a replayed duplicate is a no-op.
 */
import { englishText } from '../../../i18n/english';
import { userText } from '../../../i18n/user-text';
import type { UserText } from '../../../i18n/user-text';
import { EventSource, type ErrorEvent } from 'eventsource';
import { createAckBatcher } from './ack-batcher';
import { createBackoff } from './backoff';
import { systemClock, type Clock, type TimerHandle } from '../clock';
import { parseEventData, type StreamEvent } from './event-parser';
import type { Logger } from '../log/logger';
import { createStreamFetch, type StreamResponseInfo } from './stream-fetch';
import type { TransportCause } from '../api/transport-cause';
import type { StateListener, StreamState } from './stream-state';
import { createWatchdog } from './watchdog';

/** The events sync stores; the stream handles the rest (advisories, heartbeats, wipe) itself. */
export type SyncEvent = Extract<
  StreamEvent,
  {
    name:
      | 'message'
      | 'group_message'
      | 'message:status'
      | 'group:message:status'
      | 'message:is_typing'
      | 'presence'
      | 'bang'
      | 'update'
      | 'conversation_mute'
      | 'account:settings'
      | 'friends';
  }
>;
type ControlEvent = Exclude<StreamEvent, SyncEvent>;

/** What sync handles but the server does not keep: passed on, never acknowledged. */
const unacknowledged: ReadonlySet<SyncEvent['name']> = new Set(['message:is_typing', 'presence']);

export interface StreamRequest {
  url: string;
  /** Must carry the Basic `Authorization`; never logged. */
  headers: Readonly<Record<string, string>>;
}

export interface BackoffSettings {
  baseMs: number;
  capMs: number;
}

export interface EventStreamOptions {
  /** Built afresh for every connect, so new credentials are picked up. */
  request: () => StreamRequest | Promise<StreamRequest>;
  /** `POST /v2/events/ack`. */
  ack: (ids: string[]) => Promise<void>;
  /** Sync: stores the events; resolves only after its transaction has committed. */
  handle: (events: SyncEvent[]) => Promise<void>;
  /** Erases local data; resolves once it is gone. */
  onRemoteWipe: () => Promise<void>;
  log: Logger;
  /** How often the server is expected to send something, in ms. */
  heartbeatMs: number;
  /** Silence longer than `heartbeatMs * silenceFactor` counts as a dead connection. Default 2.5. */
  silenceFactor?: number;
  /** A connection open this long counts as healthy and resets the backoff. Default 10 s. */
  healthyAfterMs?: number;
  reconnectBackoff?: BackoffSettings;
  ackBackoff?: BackoffSettings;
  /** Default: as many ids a request as a stored batch holds (2,000), 250 ms for company, 4 requests in flight. */
  ackBatch?: { maxBatch: number; delayMs: number; maxInFlight?: number };
  /** The most events given to `handle` at once. Default 2,000. */
  maxHandleBatch?: number;
  /**
   * Reading from the server pauses while this many events wait to be stored (default: two
   * batches), so a large replay is held by the socket rather than all at once in memory.
   */
  maxQueued?: number;
  /**
   * The longest line and the largest event the server may send; past it the connection is
   * closed with a logged error and reconnected through the backoff. Default 4 MB.
   */
  maxEventBytes?: number;
  /** Sent in `TT-X-Features`. Default `['is-typing']`. */
  features?: readonly string[];
  random?: () => number;
  clock?: Clock;
  fetch?: typeof fetch;
}

export interface EventStream {
  start(): void;
  /**
   * Closes the connection and sends the acks it can. A commit still in progress finishes
   * but is not acknowledged: the server replays it, and storing it again is a no-op. Safe to
   * call from `onRemoteWipe` or a state listener.
   */
  stop(): Promise<void>;
  /** Reconnects now, whatever the state claims (after resume, unlock, network-up). */
  kick(): void;
  readonly state: StreamState;
  subscribe(listener: StateListener): () => void;
  /** Events skipped as malformed or unknown since creation. */
  readonly malformedCount: number;
}

interface Queued {
  generation: number;
  event: StreamEvent;
}

const SYNC_NAMES: ReadonlySet<string> = new Set<SyncEvent['name']>([
  'message', 'group_message', 'message:status', 'group:message:status',
  'message:is_typing', 'presence', 'bang', 'update', 'conversation_mute', 'account:settings', 'friends',
]);

function isSyncEvent(event: StreamEvent): event is SyncEvent {
  return SYNC_NAMES.has(event.name);
}

/**
 * A message's text, its metadata and one event's envelope are a few KB; 4 MB is far past any
 * honest event and still small enough to hold.
 */
export const defaultMaxEventBytes = 4 * 1024 * 1024;

/** How many times a replay batch waits for reads already in flight before it is stored. */
const maxGatherRounds = 16;

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

export function createEventStream(options: EventStreamOptions): EventStream {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const log = options.log;
  const silenceMs = options.heartbeatMs * (options.silenceFactor ?? 2.5);
  const healthyAfterMs = options.healthyAfterMs ?? 10_000;
  // Each commit waits for the disk and rewrites the index pages it touched: a replay is
  // stored in few, large ones (a batch of 2,000 takes a few hundred ms on a large store).
  const maxHandleBatch = options.maxHandleBatch ?? 2_000;
  const maxQueued = options.maxQueued ?? 2 * maxHandleBatch;
  const features = options.features ?? ['is-typing'];
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const maxEventBytes = options.maxEventBytes ?? defaultMaxEventBytes;

  const reconnectSettings = options.reconnectBackoff ?? { baseMs: 1_000, capMs: 60_000 };
  const reconnectBackoff = createBackoff({ ...reconnectSettings, random });
  const ackSettings = options.ackBackoff ?? { baseMs: 1_000, capMs: 60_000 };
  const batcher = createAckBatcher({
    ack: options.ack,
    // One request acknowledges a whole stored batch: at 500 a request the acks of a replay fell
    // behind its commits (a process busy storing reads their answers only between batches),
    // and the end of the replay waited for the backlog.
    maxBatch: options.ackBatch?.maxBatch ?? maxHandleBatch,
    delayMs: options.ackBatch?.delayMs ?? 250,
    maxInFlight: options.ackBatch?.maxInFlight ?? 4,
    backoff: createBackoff({ ...ackSettings, random }),
    clock,
    log,
  });

  let state: StreamState = { kind: 'stopped' };
  const listeners = new Set<StateListener>();
  // Every connect and every teardown bumps it; callbacks of an older connection see the
  // mismatch and do nothing.
  let generation = 0;
  let source: EventSource | undefined;
  let lastResponse: StreamResponseInfo | undefined;
  let retryTimer: TimerHandle | undefined;
  let healthyTimer: TimerHandle | undefined;
  let healthy = false;
  let queue: Queued[] = [];
  /** Readers of the stream paused until the queue is short again. */
  let paused: (() => void)[] = [];
  let draining = false;
  let malformedCount = 0;
  /** Why the current connection is closing after an oversized line or event, while what came before it is stored. */
  let closingFor: UserText | undefined;
  /** What stopped the current connection (a certificate, a proxy): EventSource passes on only its English text. */
  let stoppedBy: TransportCause | undefined;
  /** The oversized connection's stream has ended: all it carried before the cap has been parsed. */
  let closingEnded = false;

  const watchdog = createWatchdog({
    silenceMs,
    clock,
    onSilence: () => fail(generation, userText('connection.silent', { ms: silenceMs })),
  });

  function setState(next: StreamState): void {
    state = next;
    for (const listener of listeners) {
      try {
        listener(next);
      } catch (error) {
        log.error('event stream state listener failed', { error: errorName(error) });
      }
    }
  }

  function running(): boolean {
    return state.kind !== 'stopped' && state.kind !== 'auth-failed';
  }

  /** Drops the connection and everything not yet handed to sync: the server will replay it. */
  function teardown(): void {
    generation += 1;
    source?.close();
    source = undefined;
    lastResponse = undefined;
    watchdog.stop();
    if (healthyTimer !== undefined) clock.clearTimeout(healthyTimer);
    if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
    healthyTimer = undefined;
    retryTimer = undefined;
    healthy = false;
    closingFor = undefined;
    closingEnded = false;
    queue = [];
    resumeReading();
  }

  /** Lets the stream be read again once the queue has room (at once after a teardown). */
  function resumeReading(): void {
    if (queue.length >= maxQueued || paused.length === 0) return;
    const waiting = paused;
    paused = [];
    for (const resume of waiting) resume();
  }

  function readyForMore(): Promise<void> | undefined {
    if (queue.length < maxQueued) return undefined;
    return new Promise<void>((resolve) => paused.push(resolve));
  }

  async function connect(): Promise<void> {
    teardown();
    const myGeneration = generation;
    setState({ kind: 'connecting' });
    // Armed before the request: a connect that hangs is as dead as a silent stream.
    watchdog.start();
    let request: StreamRequest;
    try {
      request = await options.request();
    } catch (error) {
      fail(myGeneration, userText('connection.request-unprepared', { error: errorName(error) }));
      return;
    }
    if (myGeneration !== generation) return;
    const streamFetch = createStreamFetch({
      fetch: fetchImpl,
      headers: request.headers,
      features,
      now: () => clock.now(),
      onResponse: (info) => {
        if (myGeneration === generation) lastResponse = info;
      },
      onChunk: () => {
        if (myGeneration === generation) watchdog.feed();
      },
      ready: () => (myGeneration === generation ? readyForMore() : undefined),
      maxEventBytes,
      onOversize: (reason) => oversize(myGeneration, reason),
      onTransportCause: (cause) => {
        if (myGeneration === generation) stoppedBy = cause;
      },
    });
    let es: EventSource;
    try {
      es = new EventSource(request.url, { fetch: streamFetch });
    } catch (error) {
      fail(myGeneration, userText('connection.invalid-url', { error: errorName(error) }));
      return;
    }
    source = es;
    es.onopen = () => onOpen(myGeneration);
    es.onmessage = (message: MessageEvent) => onData(myGeneration, String(message.data));
    es.onerror = (error: ErrorEvent) => onError(myGeneration, error);
  }

  function onOpen(myGeneration: number): void {
    if (myGeneration !== generation) return;
    watchdog.feed();
    setState({ kind: 'live' });
    healthyTimer = clock.setTimeout(() => {
      healthyTimer = undefined;
      // A connection being closed for an oversized event has not proven anything.
      if (closingFor !== undefined) return;
      healthy = true;
      reconnectBackoff.reset();
    }, healthyAfterMs);
  }

  function onError(myGeneration: number, error: ErrorEvent): void {
    if (myGeneration !== generation) return;
    if (closingFor !== undefined) {
      // The end of the stream cut at the cap: not a failure of its own.
      source?.close();
      source = undefined;
      closingEnded = true;
      if (!draining) reconnectAfterOversize();
      return;
    }
    if (error.code === 401) {
      teardown();
      batcher.close();
      log.warn('event stream: credentials rejected (401); not retrying');
      setState({ kind: 'auth-failed' });
      return;
    }
    // A certificate or a proxy is said in the user's words; the stream library's (or the
    // system's) own message is in English only, and passes as it is.
    const cause = stoppedBy !== undefined && error.message === stoppedBy.text ? stoppedBy : undefined;
    stoppedBy = undefined;
    const reason = error.code !== undefined
      ? userText('connection.http', { status: error.code })
      : cause !== undefined ? cause.said : error.message ? userText('said.english', { text: error.message }) : userText('connection.closed');
    const waitAtLeast = lastResponse?.status === 429 || lastResponse?.status === 503 ? lastResponse.retryAfterMs : undefined;
    fail(myGeneration, reason, waitAtLeast);
  }

  /**
   * The server sent a line or an event past the cap. What was stored before it stays stored and
   * acknowledged; the oversized event is not, so the server sends it again on the next connect.
   * An honest server with one huge event would do so each time: the reconnects go through the
   * backoff, which grows while the connections are short, and each is logged. (A connection that
   * stored a long backlog first lasted long enough to be called healthy: the backoff starts
   * again, but then each round takes at least that long, never a hot loop.)
   */
  function oversize(myGeneration: number, reason: UserText): void {
    if (myGeneration !== generation || !running() || closingFor !== undefined) return;
    // Nothing more is read. The events that came before the oversized one are parsed and
    // stored (and acknowledged) before the reconnect, or a replay that reaches the oversized
    // event would never get past the events before it either.
    closingFor = reason;
  }

  /** Once the cut stream has ended and what it carried is stored. */
  function reconnectAfterOversize(): void {
    const reason = closingFor;
    if (reason === undefined || !closingEnded) return;
    const attempt = reconnectBackoff.attempts + 1;
    const delay = fail(generation, reason);
    log.error('event stream: the server sent more than the client holds; closed the connection, reconnecting with backoff', {
      reason: englishText(reason),
      capBytes: maxEventBytes,
      attempt,
      retryInMs: delay,
    });
  }

  /** The connection failed: drop it and try again after the backoff. Returns the delay, or undefined when it was not this connection's to fail. */
  function fail(myGeneration: number, reason: UserText, waitAtLeastMs = 0): number | undefined {
    if (myGeneration !== generation || !running()) return undefined;
    teardown();
    const delay = Math.max(reconnectBackoff.next(), waitAtLeastMs);
    const nextRetryAt = clock.now() + delay;
    log.warn('event stream disconnected', { reason: englishText(reason), retryInMs: delay });
    setState({ kind: 'offline', nextRetryAt, reason });
    retryTimer = clock.setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, delay);
    return delay;
  }

  function onData(myGeneration: number, data: string): void {
    if (myGeneration !== generation) return;
    watchdog.feed();
    for (const parsed of parseEventData(data)) {
      if (parsed.ok) {
        queue.push({ generation: myGeneration, event: parsed });
        continue;
      }
      malformedCount += 1;
      log.warn('skipped a malformed event', { eventId: parsed.eventId ?? '(none)', reason: parsed.reason });
      // Nothing of it will ever be stored: acknowledge it so it is not replayed forever.
      if (parsed.eventId !== undefined) batcher.committed([parsed.eventId]);
    }
    drain();
  }

  function drain(): void {
    if (draining) return;
    draining = true;
    void (async () => {
      try {
        // The parser hands over one SSE message at a time while it reads a chunk: start after
        // the whole chunk is queued, so it is stored in one transaction and not one by one.
        await Promise.resolve();
        while (queue.length > 0) {
          resumeReading();
          await gatherReplay();
          // A teardown while gathering emptied the queue: what it held will be replayed.
          const head = queue[0];
          if (head === undefined) break;
          if (isSyncEvent(head.event)) {
            const run = takeSyncRun();
            // Room in the queue again: the stream is read on while this batch is stored.
            resumeReading();
            await store(run);
          } else {
            queue.shift();
            resumeReading();
            await control(head.generation, head.event as ControlEvent);
          }
        }
        resumeReading();
        // Nothing more is coming for now: acknowledge at once rather than after the batching
        // delay, so the server can forget what is stored (and a replay ends with its acks).
        if (batcher.pending > 0) void batcher.flush();
        reconnectAfterOversize();
      } catch (error) {
        log.error('event stream: handling events failed', { error: errorName(error) });
        fail(generation, userText('connection.handling-failed'));
      } finally {
        // Cleared in the same turn as the last emptiness check, so an event queued at any
        // moment either is seen by this loop or starts a new one.
        draining = false;
      }
    })();
  }

  /**
   * During a replay the server sends a backlog as fast as it can: let the reads already
   * waiting in the socket join the batch, so a backlog costs few commits (each one waits for
   * the disk) instead of one per network read. Live events go through at once, and so does
   * a run already ended by a control event (the replay's stop, above all): nothing read later
   * can join it, so waiting would only hold the last commit and its acks back.
   */
  async function gatherReplay(): Promise<void> {
    const runEnded = () => {
      const last = queue[queue.length - 1];
      return last !== undefined && !isSyncEvent(last.event);
    };
    for (let round = 0; round < maxGatherRounds && state.kind === 'replaying' && queue.length < maxHandleBatch && !runEnded(); round += 1) {
      const before = queue.length;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (queue.length === before) return;
    }
  }

  function takeSyncRun(): { generation: number; events: SyncEvent[] } {
    const myGeneration = (queue[0] as Queued).generation;
    let length = 0;
    while (length < maxHandleBatch && length < queue.length && isSyncEvent((queue[length] as Queued).event)) length += 1;
    // One splice: shifting a queue of thousands one event at a time costs a copy per event.
    const events = queue.splice(0, length).map((queued) => queued.event as SyncEvent);
    return { generation: myGeneration, events };
  }

  async function store(run: { generation: number; events: SyncEvent[] }): Promise<void> {
    const ids = run.events.map((event) => event.eventId);
    try {
      await options.handle(run.events);
    } catch (error) {
      log.error('storing events failed; reconnecting so the server replays them', {
        eventIds: ids,
        error: errorName(error),
      });
      fail(run.generation, userText('connection.storing-failed'));
      return;
    }
    // Typing and presence are never acknowledged (API.md's client conventions): the server keeps
    // neither for replay, and an ack per keystroke burst would be a request of its own.
    batcher.committed(run.events.filter((event) => !unacknowledged.has(event.name)).map((event) => event.eventId));
    if (run.generation === generation && state.kind === 'replaying') {
      setState({ ...state, received: state.received + run.events.length });
    }
  }

  async function control(myGeneration: number, event: ControlEvent): Promise<void> {
    switch (event.name) {
      case 'client_advisory': {
        batcher.committed([event.eventId]);
        if (myGeneration !== generation) return;
        const advisory = event.payload.advisory;
        if (advisory.name === 'replay_start') {
          setState({ kind: 'replaying', received: 0, total: advisory.replay_message_count ?? 0 });
        } else if (advisory.name === 'replay_stop') {
          setState({ kind: 'live' });
        } else {
          log.info('event stream advisory', { eventId: event.eventId, advisory: printable(advisory.name) });
        }
        return;
      }
      case 'sse:heartbeat':
        // Never acknowledged (API.md's client conventions): the server does not keep them, and
        // an ack per heartbeat would be a request, its timers and a wake-up every 25 s of idle.
        return;
      case 'reconnect':
        batcher.committed([event.eventId]);
        if (myGeneration !== generation) return;
        log.info('event stream: server asked to reconnect', { eventId: event.eventId });
        // Acknowledged before leaving, or the next connect would replay it and leave again.
        await batcher.flush();
        if (myGeneration !== generation) return;
        // At once from a proven connection; through the backoff otherwise, so a server
        // that repeats the advisory on every connect cannot make us spin.
        if (healthy) void connect();
        else fail(myGeneration, userText('connection.server-reconnect'));
        return;
      case 'remote_wipe':
        await remoteWipe(myGeneration, event.eventId);
        return;
    }
  }

  async function remoteWipe(myGeneration: number, eventId: string): Promise<void> {
    log.warn('event stream: remote wipe requested', { eventId });
    try {
      await options.onRemoteWipe();
    } catch (error) {
      log.error('remote wipe failed; the server will send it again', { eventId, error: errorName(error) });
      fail(myGeneration, userText('connection.wipe-failed'));
      return;
    }
    // Acknowledged only after the wipe, so a wipe cut short by a crash comes back; and
    // directly, not through the batcher, which the wipe's sign-out may already have closed.
    // Left unacknowledged, it would wipe every later session on this key as it starts.
    try {
      await options.ack([eventId]);
    } catch (error) {
      log.warn('could not acknowledge the remote wipe', { eventId, error: errorName(error) });
    }
    if (running()) await halt();
  }

  /** Stops for good (until start): acks what was committed, forgets the rest. */
  async function halt(): Promise<void> {
    teardown();
    if (state.kind !== 'stopped') setState({ kind: 'stopped' });
    await batcher.flush();
    batcher.close();
  }

  return {
    start() {
      if (running()) return;
      batcher.open();
      void connect();
    },
    stop: halt,
    kick() {
      if (!running()) return;
      log.info('event stream: reconnecting now');
      void connect();
    },
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    get malformedCount() {
      return malformedCount;
    },
  };
}

/** Advisory names come from the server: log only a short, plain rendering. */
function printable(name: string): string {
  return /^[\w:.-]{1,64}$/.test(name) ? name : '(unprintable)';
}
