import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { EventStore, StoredEvent } from './store/events';

const PREFIX = 'tigertext:iq:';

interface Stream {
  key: string;
  features: ReadonlySet<string>;
  response: ServerResponse;
  lifetime: NodeJS.Timeout;
  /**
   * While true the backlog is still being written: events stored meanwhile are not pushed to
   * this stream, because they come later in the queue it is reading, and would arrive twice.
   */
  replaying: boolean;
}

/** Told when a key's stream opens or closes (presence is built on it). */
export interface StreamListener {
  opened(key: string): void;
  closed(key: string): void;
}

export interface HubOptions {
  events: EventStore;
  heartbeatMs: number;
  /** As the real service does, a stream is ended after this long, with a `reconnect` event first. */
  streamLifetimeMs: number;
  now: () => number;
}

/** One SSE message: unnamed (data lines only), the payload already serialized. */
export function frame(eventId: string, name: string, payloadJson: string): string {
  return `data: {"event_id":"${eventId}","event":{"${PREFIX}${name}":${payloadJson}}}\n\n`;
}

/** Replay reads and writes this many frames at a time, so a large backlog is never held whole. */
const REPLAY_CHUNK = 500;

/**
 * The open event streams, by session key. Stored events reach a stream either by replay when it
 * connects or live afterwards. The replay reads the queue a page at a time, in order, giving
 * way to other requests (acks) between pages and waiting for the socket to drain; events
 * stored meanwhile join the queue behind the page being read, so they are read by the replay,
 * not pushed. The step that reads the last page ends the replay and makes the stream live, so
 * an event is never missed nor sent twice between the two.
 */
export class EventHub {
  private readonly streams = new Map<string, Set<Stream>>();
  private readonly heartbeat: NodeJS.Timeout;
  private listener: StreamListener | undefined;

  constructor(private readonly options: HubOptions) {
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  listen(listener: StreamListener): void {
    this.listener = listener;
  }

  /** Reads the first page of the backlog before writing anything, so a failure here can still answer as an error. */
  open(key: string, features: ReadonlySet<string>, response: ServerResponse): void {
    const first = this.options.events.page(key, 0, REPLAY_CHUNK);
    const total = this.options.events.pendingCount(key);
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const stream: Stream = {
      key,
      features,
      response,
      lifetime: setTimeout(() => {
        response.end(transientFrame('reconnect', {}));
        this.forget(stream);
      }, this.options.streamLifetimeMs),
      replaying: true,
    };
    let set = this.streams.get(key);
    if (set === undefined) {
      set = new Set();
      this.streams.set(key, set);
    }
    set.add(stream);
    response.on('close', () => this.forget(stream));
    response.write(transientFrame('client_advisory', { advisory: { name: 'replay_start', replay_message_count: total } }));
    this.replay(stream, first);
    this.listener?.opened(key);
  }

  /** Writes one page of the backlog, then reads the next once the socket has room. */
  private replay(stream: Stream, page: readonly StoredEvent[]): void {
    const room = page.length === 0 || stream.response.write(page.map((event) => frame(event.event_id, event.name, event.payload)).join(''));
    if (page.length < REPLAY_CHUNK) {
      stream.response.write(transientFrame('client_advisory', { advisory: { name: 'replay_stop' } }));
      stream.replaying = false;
      return;
    }
    const after = (page[page.length - 1] as StoredEvent).seq;
    const next = () => {
      if (!this.streams.get(stream.key)?.has(stream)) return;
      let following: StoredEvent[];
      try {
        following = this.options.events.page(stream.key, after, REPLAY_CHUNK);
      } catch (error) {
        // The client reconnects and the replay starts again from what is still queued.
        stream.response.destroy(error as Error);
        return;
      }
      this.replay(stream, following);
    };
    if (room) setImmediate(next);
    else stream.response.once('drain', next);
  }

  /** Pushes an already stored frame to the key's open streams. */
  push(key: string, data: string): void {
    const set = this.streams.get(key);
    if (set === undefined) return;
    for (const stream of set) {
      if (!stream.replaying) stream.response.write(data);
    }
  }

  /** Sends an event that is not kept for replay, to the key's streams that asked for `feature`. */
  pushTransient(key: string, name: string, payload: unknown, feature?: string): void {
    const set = this.streams.get(key);
    if (set === undefined) return;
    const data = transientFrame(name, payload);
    for (const stream of set) {
      if (feature === undefined || stream.features.has(feature)) stream.response.write(data);
    }
  }

  /** Ends every open stream of a key; answers how many there were. */
  closeKey(key: string): number {
    const set = this.streams.get(key);
    if (set === undefined) return 0;
    const count = set.size;
    for (const stream of [...set]) {
      stream.response.end();
      this.forget(stream);
    }
    return count;
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const key of [...this.streams.keys()]) this.closeKey(key);
  }

  private beat(): void {
    const payload = { timestamp: new Date(this.options.now()).toISOString() };
    for (const key of this.streams.keys()) this.pushTransient(key, 'sse:heartbeat', payload);
  }

  private forget(stream: Stream): void {
    clearTimeout(stream.lifetime);
    const set = this.streams.get(stream.key);
    if (set === undefined || !set.delete(stream)) return;
    if (set.size === 0) this.streams.delete(stream.key);
    this.listener?.closed(stream.key);
  }
}

function transientFrame(name: string, payload: unknown): string {
  return frame(randomUUID(), name, JSON.stringify(payload));
}

export function parseFeatures(header: string | string[] | undefined): Set<string> {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return new Set(
    text
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter((item) => item !== ''),
  );
}
