// Bad input from the server: whatever a server answers (any status, any headers, any bytes),
// every API call either returns a value of its declared shape or fails with an ApiError that
// says which operation failed and why, without quoting a credential or the reply's content.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '../../main/core/api';
import type { ApiClient } from '../../main/core/api';

interface Reply {
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  messageId: string | null;
  body: Buffer;
}

const key = 'fuzz-key-AAAAAAAAAAAA';
const secret = 'fuzz-secret-BBBBBBBBBBBB';
let server: Server;
let client: ApiClient;
let next: Reply;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const headers: Record<string, string> = {};
      if (next.contentType !== null) headers['content-type'] = next.contentType;
      if (next.retryAfter !== null) headers['retry-after'] = next.retryAfter;
      if (next.messageId !== null) headers['tt-x-message-id'] = next.messageId;
      // Bodies are not allowed with these statuses; node refuses to send one.
      const bodyless = next.status === 204 || next.status === 304;
      res.writeHead(next.status, headers).end(bodyless ? undefined : next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = createApiClient({ baseUrl: `http://127.0.0.1:${port}/v2`, credentials: { key, secret }, organizationKey: 'org-1', timeoutMs: 2_000 });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const marker = 'PATIENT-NOTE-7f3a';

/** JSON that is nearly right: the envelope, with fields of the right names and random values. */
const nearlyRight = fc.oneof(
  fc.jsonValue(),
  fc.record({ reply: fc.jsonValue() }),
  fc.record({ reply: fc.dictionary(fc.constantFrom('token', 'display_name', 'name', 'members', 'message_id', 'body', 'statuses', 'count', 'is_recalled', 'created_time', 'organization_key'), fc.jsonValue()) }),
  fc.record({ reply: fc.array(fc.dictionary(fc.constantFrom('token', 'name', 'organization_key', 'tigertext:entity:account'), fc.jsonValue()), { maxLength: 3 }) }),
  fc.record({ error: fc.oneof(fc.jsonValue(), fc.record({ message: fc.jsonValue() })) }),
  fc.constant({ reply: { token: 'u1', display_name: marker, body: marker } }),
).map((value) => Buffer.from(JSON.stringify(value)));

const replies: fc.Arbitrary<Reply> = fc.record({
  status: fc.oneof(fc.constantFrom(200, 204, 400, 401, 403, 404, 413, 429, 500, 502, 503), fc.integer({ min: 200, max: 599 })),
  contentType: fc.option(fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/html', 'text/plain', 'application/octet-stream', ''), { nil: null }),
  retryAfter: fc.option(fc.oneof(fc.nat({ max: 100_000 }).map(String), fc.string(), fc.date({ noInvalidDate: true }).map((date) => date.toUTCString())), { nil: null }),
  messageId: fc.option(fc.oneof(fc.uuid(), fc.string()), { nil: null }),
  body: fc.oneof(
    nearlyRight,
    fc.string({ unit: 'binary' }).map((text) => Buffer.from(`${text}${marker}`)),
    fc.uint8Array({ maxLength: 2_048 }).map((bytes) => Buffer.from(bytes)),
    fc.integer({ min: 0, max: 200 }).map((depth) => Buffer.from(`${'['.repeat(depth)}"${marker}"`)),
  ),
});

type Operation = [name: string, call: () => Promise<unknown>];
const operations = (): Operation[] => [
  ['getUser', () => client.getUser()],
  ['lookupUser', () => client.lookupUser('someone@example.test')],
  ['getUserOrganizations', () => client.getUserOrganizations('u1')],
  ['getRoster', () => client.getRoster()],
  ['sendMessage', () => client.sendMessage({ recipient: 'u2', body: 'hello', senderOrganization: 'org-1' })],
  ['getMessage', () => client.getMessage('m1')],
  ['getMessageStatus', () => client.getMessageStatus('m1')],
  ['updateMessageStatus', () => client.updateMessageStatus({ delivered: ['m1'], read: [] })],
  ['getAttachment', () => client.getAttachment('m1')],
  ['getGroup', () => client.getGroup('g1')],
  ['getMetadata', () => client.getMetadata('u1')],
  ['ackEvents', () => client.ackEvents(['e1'])],
  ['closeEventStreams', () => client.closeEventStreams()],
];

describe('the API client reading whatever a server answers', () => {
  it('returns a value or throws a precise ApiError, never anything else, and never quotes a credential or the reply', async () => {
    const names = operations().map(([name]) => name);
    await fc.assert(
      fc.asyncProperty(replies, fc.constantFrom(...names), async (reply, name) => {
        next = reply;
        const call = operations().find(([operation]) => operation === name)![1];
        let outcome: unknown;
        try {
          outcome = await call();
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError);
          const failure = error as ApiError;
          expect(failure.operation).toBe(name);
          // Node's fetch turns a 407 into a network failure of its own: it never reaches the client as a reply.
          if (reply.status === 407) expect(failure.kind).toBe('network');
          else expect(['http', 'bad-response']).toContain(failure.kind);
          if (reply.status !== 407 && (reply.status < 200 || reply.status > 299)) expect(failure.status).toBe(reply.status);
          expect(failure.message.length).toBeGreaterThan(10);
          for (const hidden of [key, secret, Buffer.from(`${key}:${secret}`).toString('base64')]) expect(failure.message).not.toContain(hidden);
          if (failure.kind === 'bad-response') expect(failure.message).not.toContain(marker);
          return;
        }
        // A success is only possible from a 2xx reply.
        expect(reply.status).toBeGreaterThanOrEqual(200);
        expect(reply.status).toBeLessThan(300);
        expect(outcome === undefined || typeof outcome === 'object').toBe(true);
      }),
      { numRuns: 2_000 },
    );
  }, 120_000);
});
