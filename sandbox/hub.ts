import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { EventStore } from './store/events';

const PREFIX = 'tigertext:iq:';

interface Stream {
  key: string;
  features: ReadonlySet<string>;
  response: ServerResponse;
  lifetime: NodeJS.Timeout;
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

/** Replay writes this many frames at a time, so one write never holds a whole large backlog. */
const REPLAY_CHUNK = 500;

/**
 * The open event streams, by session key. Stored events reach a stream either by replay when it
 * connects or live afterwards; both happen in one synchronous step per connect, so an event is
 * never missed nor sent twice between the two.
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

  /** Reads the backlog before writing anything, so a failure here can still answer as an error. */
  open(key: string, features: ReadonlySet<string>, response: ServerResponse): void {
    const pending = this.options.events.pending(key);
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
    };
    let set = this.streams.get(key);
    if (set === undefined) {
      set = new Set();
      this.streams.set(key, set);
    }
    set.add(stream);
    response.on('close', () => this.forget(stream));
    response.write(
      transientFrame('client_advisory', { advisory: { name: 'replay_start', replay_message_count: pending.length } }),
    );
    for (let start = 0; start < pending.length; start += REPLAY_CHUNK) {
      response.write(
        pending
          .slice(start, start + REPLAY_CHUNK)
          .map((event) => frame(event.event_id, event.name, event.payload))
          .join(''),
      );
    }
    response.write(transientFrame('client_advisory', { advisory: { name: 'replay_stop' } }));
    this.listener?.opened(key);
  }

  /** Pushes an already stored frame to the key's open streams. */
  push(key: string, data: string): void {
    const set = this.streams.get(key);
    if (set === undefined) return;
    for (const stream of set) stream.response.write(data);
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
