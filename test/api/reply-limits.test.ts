import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '../../main/core/api';
import { readCapped } from '../../main/core/api/capped-body';
import { openConnection } from '../../main/core/api/connection';
import { defaultMaxReplyBytes, maxErrorBodyBytes, openReply } from '../../main/core/api/http';
import { pour, startHostileServer } from '../support/hostile-server';
import type { HostileServer, Pouring } from '../support/hostile-server';

const credentials = { key: 'key-limits', secret: 'secret-limits' };
const cap = 64 * 1024;
let server: HostileServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handle: (req: IncomingMessage, res: ServerResponse) => void, maxReplyBytes = cap) {
  server = await startHostileServer(handle);
  return createApiClient({ baseUrl: `${server.origin}/v2`, credentials, maxReplyBytes, timeoutMs: 10_000 });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const replyHead = '{"reply":{"message_id":"m-1","sender_token":"a","recipient_token":"b","created_time":"2026-11-26T06:00:00Z","body":"';
const replyTail = '"}}';

/** `{"reply": {..., "body": "xxx..."}}` exactly `size` bytes long, as a message reply. */
function messageReplyOf(size: number): Buffer {
  return Buffer.from(replyHead + 'x'.repeat(size - replyHead.length - replyTail.length) + replyTail);
}

describe('a JSON reply larger than the cap', () => {
  it('is read whole up to the cap', async () => {
    const client = await clientFor((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(messageReplyOf(cap)));
    expect((await client.getMessage('m-1')).body).toHaveLength(cap - replyHead.length - replyTail.length);
  });

  it('is refused one byte past the cap with too-large, naming the operation and the cap', async () => {
    const client = await clientFor((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(messageReplyOf(cap + 1)));
    const error = await failure(client.getMessage('m-1'));
    expect(error).toMatchObject({ kind: 'too-large', operation: 'getMessage', retryable: false });
    expect(error.message).toBe(`getMessage: too-large: the reply is larger than ${cap} bytes; the rest of it was not read`);
  });

  it('stops reading a 200 MB reply at the cap and closes the connection', async () => {
    let pouring: Pouring | undefined;
    const client = await clientFor((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      pouring = pour(res, Buffer.alloc(16 * 1024, 0x20), 200 * 1024 * 1024, Buffer.from('{"reply":'));
    });
    const started = Date.now();
    expect(await failure(client.getMessage('m-1'))).toMatchObject({ kind: 'too-large' });
    const written = await pouring!.finished;
    // What the sockets' buffers took beyond the cap, not the 200 MB.
    expect(written).toBeLessThan(16 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('is refused on its Content-Length before a byte of the body is read', async () => {
    // Headers only: a client that waited for the body would wait for the timeout.
    const client = await clientFor((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(cap + 1) });
      res.flushHeaders();
    });
    const started = Date.now();
    expect(await failure(client.getMessage('m-1'))).toMatchObject({ kind: 'too-large', operation: 'getMessage' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('an error reply with a large body', () => {
  it('keeps its status and drops the message when the body passes the error cap', async () => {
    // Valid JSON with a message, but ten times the error cap: its message is not read.
    const body = JSON.stringify({ error: { message: 'denied' }, padding: 'p'.repeat(10 * maxErrorBodyBytes) });
    const client = await clientFor((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end(body));
    const error = await failure(client.getMessage('m-1'));
    expect(error).toMatchObject({ kind: 'http', status: 401 });
    expect(error.serverMessage).toBeUndefined();
    expect(error.message).toBe('getMessage: HTTP 401');
  });

  it('keeps its status when its Content-Length alone is over the error cap', async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json', 'content-length': String(maxErrorBodyBytes + 1), 'retry-after': '7' });
      res.flushHeaders();
    });
    expect(await failure(client.getMessage('m-1'))).toMatchObject({ kind: 'http', status: 503, retryAfterMs: 7_000, retryable: true });
  });

  it('keeps its message when the body is within the error cap, even with the reply cap far smaller', async () => {
    const message = 'm'.repeat(400);
    const client = await clientFor(
      (_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message }, padding: 'p'.repeat(50_000) })),
      1_024,
    );
    expect(await failure(client.getMessage('m-1'))).toMatchObject({ kind: 'http', status: 404, serverMessage: message });
  });
});

describe('the reply cap setting', () => {
  it('defaults to 16 MB and refuses a cap that is not a whole number of bytes', () => {
    const settings = { baseUrl: 'http://127.0.0.1:1/v2', authorization: 'Basic x', secrets: [] };
    expect(defaultMaxReplyBytes).toBe(16 * 1024 * 1024);
    expect(openConnection(settings).maxReplyBytes).toBe(defaultMaxReplyBytes);
    expect(openConnection({ ...settings, maxReplyBytes: 5 }).maxReplyBytes).toBe(5);
    for (const bad of [0, -1, 1.5, Number.POSITIVE_INFINITY]) {
      expect(() => openConnection({ ...settings, maxReplyBytes: bad })).toThrow('maxReplyBytes must be a whole number of bytes, 1 or more');
    }
  });
});

describe('openReply, for callers that stream a body', () => {
  it('hands over a 2xx reply unread, and its failure maps a body cut off mid-way to a network error', async () => {
    server = await startHostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '1000' });
      res.write(Buffer.alloc(10));
      setTimeout(() => res.socket?.destroy(), 50);
    });
    const connection = openConnection({ baseUrl: `${server.origin}/v2`, authorization: 'Basic x', secrets: [] });
    const { response, failure: failed } = await openReply(connection, { operation: 'getAttachment', method: 'GET', path: '/message/m-1/attachment/1/' });
    expect(response.status).toBe(200);
    const error = await readCapped(response.body, 1_000_000, 'getAttachment').catch((caught: unknown) => failed(caught));
    expect(error).toMatchObject({ kind: 'network', operation: 'getAttachment' });
    // An error that is already the client's own passes as it is.
    const tooLarge = new ApiError({ kind: 'too-large', operation: 'getAttachment' });
    expect(failed(tooLarge)).toBe(tooLarge);
  });
});
