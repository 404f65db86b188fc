/**
 * A fault-injecting HTTP proxy on 127.0.0.1 between the clients and the sandbox. Calls pass
 * through unless the scenario's plan answers them itself (500, 503 or 429 with Retry-After)
 * or drops the connection once the sandbox has answered (the server got it, the client never hears),
 * or replaces the sandbox's answer by a body of 200 MB (`hugeReply`); an event stream passes
 * through, stalls after half a line of its first event, trickles a few bytes at a time, or is
 * answered by the proxy itself with one line that never ends. Every request is recorded with
 * what the proxy did to it, and every hostile body with how much of it went out.
 */
import { createServer, request as forward } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pour } from '../../support/hostile-server';
import type { Pouring } from '../../support/hostile-server';

export type CallFault =
  | { status: 500 }
  | { status: 503 | 429; retryAfterSeconds: number }
  | { drop: 'after-delivery' }
  /** The sandbox carries the call out; its status and headers go back with 200 MB of body instead of its own. */
  | { hugeReply: 'after-delivery' };
/** `refuse`: answered 503 at once, as a server that is down behind its load balancer. `endless-line`: 200, then `data: xxx...` for ever. */
export type StreamFault = 'pass' | 'stall' | 'trickle' | 'refuse' | 'endless-line';

const hugeReplyBytes = 200 * 1024 * 1024;

export interface ProxiedRequest {
  at: number;
  method: string;
  path: string;
  /** Which client: its Authorization header, kept only in this process's memory to tell clients apart. */
  caller: string;
  /** The call's `Request-ID` header, if any: a resend of a send must carry the same one. */
  requestId?: string;
  fault: CallFault | StreamFault | 'pass';
}

export interface FaultPlan {
  /** Decides for each call that is not the event stream. */
  call(method: string, path: string): CallFault | 'pass';
  /** Decides for each event stream connection. */
  stream(): StreamFault;
}

export interface FaultyProxy {
  apiUrl: string;
  requests: ProxiedRequest[];
  plan: FaultPlan;
  /** Cuts every event stream open now. */
  dropStreams(): void;
  /** Every hostile body the proxy sent (huge replies, endless lines), with how much of it went out. */
  pourings: Pouring[];
  close(): Promise<void>;
}

export const passEverything: FaultPlan = { call: () => 'pass', stream: () => 'pass' };

const trickleBytes = 5;
const trickleEveryMs = 3;

export async function startFaultyProxy(targetUrl: string): Promise<FaultyProxy> {
  const target = new URL(targetUrl);
  const requests: ProxiedRequest[] = [];
  const streams = new Set<ServerResponse>();
  const pourings: Pouring[] = [];
  const proxy: FaultyProxy = {
    apiUrl: '',
    requests,
    pourings,
    plan: passEverything,
    dropStreams: () => {
      for (const stream of streams) stream.socket?.destroy();
    },
    close: async () => undefined,
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    const isStream = req.method === 'GET' && /^\/v2\/events\/?$/.test(path);
    const fault = isStream ? proxy.plan.stream() : proxy.plan.call(req.method ?? 'GET', path);
    const requestId = req.headers['request-id'];
    requests.push({
      at: Date.now(), method: req.method ?? 'GET', path, caller: req.headers.authorization ?? '', fault,
      ...(typeof requestId === 'string' ? { requestId } : {}),
    });
    if (fault === 'refuse') {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'injected 503' } }));
      return;
    }
    if (isStream) {
      streams.add(res);
      res.on('close', () => streams.delete(res));
    }
    if (fault === 'endless-line') {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      pourings.push(pour(res, Buffer.alloc(64 * 1024, 0x78), Number.POSITIVE_INFINITY, Buffer.from('data: ')));
      return;
    }
    if (typeof fault === 'object' && 'drop' in fault) {
      deliverThenDrop(req, res, target);
      return;
    }
    if (typeof fault === 'object' && 'hugeReply' in fault) {
      deliverThenPour(req, res, target, (pouring) => pourings.push(pouring));
      return;
    }
    if (typeof fault === 'object') {
      req.resume();
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if ('retryAfterSeconds' in fault) headers['retry-after'] = String(fault.retryAfterSeconds);
      res.writeHead(fault.status, headers).end(JSON.stringify({ error: { message: `injected ${fault.status}` } }));
      return;
    }
    pass(req, res, target, fault);
  });
  Object.assign(proxy, await listenAsApi(server));
  return proxy;
}

/** Listens on a free loopback port: the API base URL through it, and how to close it with every connection. */
export async function listenAsApi(server: Server): Promise<{ apiUrl: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/v2`,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function pass(req: IncomingMessage, res: ServerResponse, target: URL, fault: Exclude<StreamFault, 'refuse' | 'endless-line'>): void {
  const upstream = forward(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      if (fault === 'stall') stallMidEvent(reply, res);
      else if (fault === 'trickle') trickle(reply, res);
      else reply.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  // A client that gives up (its watchdog, a timeout) takes the upstream request with it.
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

/** Sends the request on and waits for the sandbox's answer, then closes the client's connection without a word. */
function deliverThenDrop(req: IncomingMessage, res: ServerResponse, target: URL): void {
  const upstream = forward(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (reply) => {
      reply.resume();
      reply.on('end', () => res.socket?.destroy());
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

/** Sends the request on and, once the sandbox has answered, gives the client its status and headers with a 200 MB body of our own. */
function deliverThenPour(req: IncomingMessage, res: ServerResponse, target: URL, poured: (pouring: Pouring) => void): void {
  const upstream = forward(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (reply) => {
      reply.resume();
      const headers = { ...reply.headers };
      delete headers['content-length'];
      // A 204 cannot carry a body: the hostile reply is a 200 with the same headers.
      res.writeHead(reply.statusCode === 204 ? 200 : reply.statusCode ?? 502, headers);
      poured(pour(res, Buffer.alloc(64 * 1024, 0x20), hugeReplyBytes, Buffer.from('{"reply":')));
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

/** Passes the stream up to the middle of its first `data:` line, then sends nothing more and holds the connection. */
function stallMidEvent(reply: IncomingMessage, res: ServerResponse): void {
  let seen = '';
  let written = 0;
  const onData = (chunk: Buffer) => {
    seen += chunk.toString('latin1');
    const line = seen.indexOf('data:');
    const end = line === -1 ? -1 : seen.indexOf('\n', line);
    if (line !== -1 && end === -1) return;
    const cut = line === -1 ? seen.length : line + Math.ceil((end - line) / 2);
    res.write(Buffer.from(seen.slice(written, cut), 'latin1'));
    written = cut;
    if (line === -1) return;
    reply.off('data', onData);
    reply.destroy();
  };
  reply.on('data', onData);
}

/** Passes the stream on a few bytes at a time, slowly. */
function trickle(reply: IncomingMessage, res: ServerResponse): void {
  const pending: Buffer[] = [];
  let timer: NodeJS.Timeout | undefined;
  const drip = () => {
    const head = pending[0];
    if (head === undefined || res.destroyed) {
      timer = undefined;
      if (res.destroyed) reply.destroy();
      return;
    }
    res.write(head.subarray(0, trickleBytes));
    if (head.length > trickleBytes) pending[0] = head.subarray(trickleBytes);
    else pending.shift();
    timer = setTimeout(drip, trickleEveryMs);
  };
  reply.on('data', (chunk: Buffer) => {
    pending.push(chunk);
    timer ??= setTimeout(drip, trickleEveryMs);
  });
  reply.on('end', () => {
    const finish = () => (pending.length === 0 ? res.end() : setTimeout(finish, trickleEveryMs));
    finish();
  });
}
