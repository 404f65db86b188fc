/**
 * A small SSE server on 127.0.0.1 that behaves like API.md's `GET /v2/events`: Basic auth,
 * at-least-once delivery with replay of everything unacknowledged on each connect
 * (bracketed by `replay_start` / `replay_stop` advisories), and `POST /v2/events/ack`.
 * The test drives it: publish events, stall, drop connections, refuse connects.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pour } from '../support/hostile-server';
import type { Pouring } from '../support/hostile-server';

export const PREFIX = 'tigertext:iq:';

export interface Connection {
  readonly headers: http.IncomingHttpHeaders;
  readonly openedAt: number;
  readonly closed: boolean;
  /** Sends one SSE message whose data is `data` (several lines allowed). */
  send(data: string): void;
  /** Sends an SSE comment: bytes on the wire, but no event. */
  comment(text: string): void;
  /** The server ends the response, as it does with idle streams. */
  end(): void;
  /** Starts one line that never ends (`data: xxx...`), written as fast as the client reads. */
  endlessLine(): Pouring;
}

export interface Refusal {
  /** 0: never answer at all, as a black-holed network does. */
  status: number;
  headers?: Record<string, string>;
}

export interface TestEventServer {
  readonly url: string;
  readonly ackUrl: string;
  readonly connections: Connection[];
  /** Every connect attempt, accepted or not, with the time it arrived. */
  readonly attempts: { at: number; status: number }[];
  readonly ackRequests: string[][];
  /** Answered, in order, to the next connect attempts instead of a stream. */
  readonly refusals: Refusal[];
  /** Called as each ack request arrives, before it is answered. */
  onAck: (ids: string[]) => void;
  /** Stores the event until acknowledged and sends it to every open stream. */
  publish(event: { event_id: string; event: Record<string, unknown> }): void;
  /** Sends data to every open stream without storing it (it is never replayed). */
  broadcast(data: string): void;
  unacked(): string[];
  close(): Promise<void>;
}

export function basicAuth(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

export function advisory(eventId: string, name: string, extra: Record<string, unknown> = {}) {
  return { event_id: eventId, event: { [`${PREFIX}client_advisory`]: { advisory: { name, ...extra } } } };
}

export async function startTestEventServer(credentials: { key: string; secret: string }): Promise<TestEventServer> {
  const expectedAuth = basicAuth(credentials.key, credentials.secret);
  const stored = new Map<string, string>();
  const live = new Set<http.ServerResponse>();
  const connections: Connection[] = [];
  const attempts: { at: number; status: number }[] = [];
  const ackRequests: string[][] = [];
  const refusals: Refusal[] = [];
  let advisoryCount = 0;

  const write = (res: http.ServerResponse, data: string) => {
    res.write(`${data.split('\n').map((line) => `data: ${line}`).join('\n')}\n\n`);
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.headers.authorization !== expectedAuth) {
      if (path === '/v2/events') attempts.push({ at: Date.now(), status: 401 });
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"bad credentials"}}');
      return;
    }
    if (req.method === 'POST' && path === '/v2/events/ack') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const ids = (JSON.parse(body) as { events: string[] }).events;
        ackRequests.push(ids);
        api.onAck(ids);
        for (const id of ids) stored.delete(id);
        res.writeHead(204).end();
      });
      return;
    }
    if (req.method === 'GET' && path === '/v2/events') {
      const refusal = refusals.shift();
      if (refusal !== undefined) {
        attempts.push({ at: Date.now(), status: refusal.status });
        if (refusal.status === 0) return;
        res.writeHead(refusal.status, { 'content-type': 'application/json', ...refusal.headers }).end('{"error":{"message":"refused"}}');
        return;
      }
      attempts.push({ at: Date.now(), status: 200 });
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.flushHeaders();
      let closed = false;
      live.add(res);
      res.on('close', () => {
        closed = true;
        live.delete(res);
      });
      connections.push({
        headers: req.headers,
        openedAt: Date.now(),
        get closed() {
          return closed;
        },
        send: (data) => write(res, data),
        comment: (text) => res.write(`: ${text}\n\n`),
        end: () => res.end(),
        endlessLine: () => pour(res, Buffer.alloc(16 * 1024, 0x78), Number.POSITIVE_INFINITY, Buffer.from('data: ')),
      });
      const replay = [...stored.values()];
      write(res, JSON.stringify(advisory(`adv-${++advisoryCount}`, 'replay_start', { replay_message_count: replay.length })));
      for (const data of replay) write(res, data);
      write(res, JSON.stringify(advisory(`adv-${++advisoryCount}`, 'replay_stop')));
      return;
    }
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const api: TestEventServer = {
    url: `${base}/v2/events`,
    ackUrl: `${base}/v2/events/ack`,
    connections,
    attempts,
    ackRequests,
    refusals,
    onAck: () => undefined,
    publish(event) {
      const data = JSON.stringify(event);
      stored.set(event.event_id, data);
      for (const res of live) write(res, data);
    },
    broadcast(data) {
      for (const res of live) write(res, data);
    },
    unacked: () => [...stored.keys()],
    async close() {
      for (const res of live) res.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
  return api;
}

/** Polls until `check` holds; fails with `what` after the timeout. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
