import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '../../main/core/api';
import { rejectionOf } from '../support/rejection';
import { authorizationHeader, basicValue, key, organizationKey, reply, secret, useHarness } from './fixture';

/** Every way an error can be shown or logged: none may hold a credential. */
function expectNoCredentials(error: unknown): void {
  const shown = [String(error), (error as Error).message, JSON.stringify(error), (error as Error).stack ?? ''].join('\n');
  for (const forbidden of [key, secret, basicValue, authorizationHeader]) expect(shown).not.toContain(forbidden);
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await rejectionOf(promise, ApiError);
  expectNoCredentials(error);
  return error;
}

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('HTTP errors', () => {
  const h = useHarness();

  it.each([
    [400, 'recipient is required'],
    [401, 'invalid credentials'],
    [403, 'not a member of this organization'],
    [404, 'unknown message token'],
    [413, 'attachment too large'],
  ])('a %i carries the status and the server message and is not retryable', async (status, message) => {
    h.server.respond({ status, body: { error: { message } } });
    const error = await failure(h.client.getMessage('m-1'));
    expect(error).toMatchObject({ name: 'ApiError', kind: 'http', status, serverMessage: message, retryable: false, operation: 'getMessage' });
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.message).toBe(`getMessage: HTTP ${status}: ${message}`);
  });

  it('a 500 is retryable and has no Retry-After', async () => {
    h.server.respond({ status: 500, body: { error: { message: 'internal error' } } });
    const error = await failure(h.client.getRoster());
    expect(error).toMatchObject({ kind: 'http', status: 500, serverMessage: 'internal error', retryable: true });
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('a 502 with an HTML body is retryable and has no server message', async () => {
    h.server.respond({ status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' });
    const error = await failure(h.client.getUser());
    expect(error).toMatchObject({ kind: 'http', status: 502, retryable: true });
    expect(error.serverMessage).toBeUndefined();
    expect(error.message).toBe('getUser: HTTP 502');
  });

  it('a 429 with Retry-After in seconds gives the wait in milliseconds', async () => {
    h.server.respond({ status: 429, headers: { 'Retry-After': '120' }, body: { error: { message: 'slow down' } } });
    const error = await failure(h.client.ackEvents(['e-1']));
    expect(error).toMatchObject({ kind: 'http', status: 429, retryable: true, retryAfterMs: 120_000, serverMessage: 'slow down' });
  });

  it('a 503 with Retry-After in seconds gives the wait in milliseconds', async () => {
    h.server.respond({ status: 503, headers: { 'Retry-After': '7' } });
    const error = await failure(h.client.getUser());
    expect(error).toMatchObject({ kind: 'http', status: 503, retryable: true, retryAfterMs: 7_000 });
  });

  it('a redirect is an http error and is not followed, so the Authorization header goes nowhere else', async () => {
    h.server.respond({ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } });
    const error = await failure(h.client.getUser());
    expect(error).toMatchObject({ kind: 'http', status: 302, retryable: false });
    expect(h.server.requests).toHaveLength(1);
  });

  it('a server message echoing the credentials is redacted', async () => {
    h.server.respond({
      status: 400,
      body: { error: { message: `bad header ${authorizationHeader}; key ${key}, secret ${secret}` } },
    });
    const error = await failure(h.client.getUser());
    expect(error.serverMessage).toBe('bad header [redacted]; key [redacted], secret [redacted]');
  });
});

describe('Retry-After as an HTTP-date', () => {
  const h = useHarness();

  it.each([429, 503])('a %i with a date gives the milliseconds from the injected now', async (status) => {
    const now = Date.parse('2026-11-26T06:00:00.000Z');
    const client = createApiClient({ baseUrl: h.baseUrl, credentials: { key, secret }, organizationKey, now: () => now });
    h.server.respond({ status, headers: { 'Retry-After': 'Thu, 26 Nov 2026 06:01:30 GMT' } });
    const error = await failure(client.getRoster());
    expect(error).toMatchObject({ kind: 'http', status, retryable: true, retryAfterMs: 90_000 });
  });
});

describe('transport errors', () => {
  const h = useHarness({ organizationKey, timeoutMs: 150 });

  it('a refused connection is a retryable network error naming the cause', async () => {
    const client = createApiClient({ baseUrl: `http://127.0.0.1:${await unusedPort()}/v2`, credentials: { key, secret } });
    const error = await failure(client.getUser());
    expect(error).toMatchObject({ kind: 'network', retryable: true, operation: 'getUser' });
    expect(error.status).toBeUndefined();
    expect(error.message).toBe('getUser: network: request failed (ECONNREFUSED)');
    expect(error.networkCode).toBe('ECONNREFUSED');
  });

  it('a connection the server drops without answering is a retryable network error', async () => {
    h.server.respond(() => 'drop');
    const error = await failure(h.client.getUser());
    expect(error).toMatchObject({ kind: 'network', retryable: true, operation: 'getUser' });
    expect(error.message).toMatch(/^getUser: network: request failed/);
  });

  it('a server that never answers is a retryable timeout after timeoutMs', async () => {
    h.server.respond(() => 'hang');
    const started = Date.now();
    const error = await failure(h.client.getUser());
    expect(error).toMatchObject({ kind: 'timeout', retryable: true, operation: 'getUser' });
    expect(error.message).toBe('getUser: timeout: no reply within 150 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a download that stalls after its headers is a timeout too', async () => {
    h.server.respond({ status: 200, headers: { 'content-type': 'image/png', 'content-length': '1000' }, body: 'partial', stall: true });
    const error = await failure(h.client.getAttachment('m-1'));
    expect(error).toMatchObject({ kind: 'timeout', operation: 'getAttachment' });
  });

  it('aborting the caller signal mid-request is an aborted error, not retryable', async () => {
    h.server.respond(() => 'hang');
    const controller = new AbortController();
    const pending = h.client.getUser({ signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await failure(pending);
    expect(error).toMatchObject({ kind: 'aborted', retryable: false, operation: 'getUser' });
    expect(error.message).toBe('getUser: aborted: aborted by the caller');
  });

  it('an already aborted signal sends nothing', async () => {
    const error = await failure(h.client.recallMessage('m-1', { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ kind: 'aborted', retryable: false });
    expect(h.server.requests).toHaveLength(0);
  });
});

describe('replies that are not what API.md describes', () => {
  const h = useHarness();

  it('a 200 with the wrong shape names the operation and the field', async () => {
    h.server.respond(reply({ token: ['u-1'] }));
    const error = await failure(h.client.getUser());
    expect(error).toMatchObject({ kind: 'bad-response', operation: 'getUser', retryable: false });
    expect(error.status).toBeUndefined();
    expect(error.message).toBe('getUser: bad-response: reply.token: expected (string | number), got array');
  });

  it('a wrong field deep in a message is named by its path, without quoting the value', async () => {
    const body = 'Patient J. Doe, MRN 123456, allergic to penicillin';
    h.server.respond(
      reply({
        message_id: 'm-1',
        sender: 'u-1',
        recipient: 'u-2',
        body,
        created_time: '2026-11-26T06:00:00.000Z',
        attachments: [{ attachment_id: '1', 'content-type': 'image/png', size: body }],
      }),
    );
    const error = await failure(h.client.getMessage('m-1'));
    expect(error.message).toBe('getMessage: bad-response: reply.attachments.0.size: must be an integer');
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain('J. Doe');
  });

  it('a message with no sender is refused rather than returned half-typed', async () => {
    h.server.respond(reply({ message_id: 'm-1', recipient: 'u-2', body: 'x', created_time: '2026-11-26T06:00:00.000Z' }));
    const error = await failure(h.client.getMessage('m-1'));
    expect(error.message).toBe('getMessage: bad-response: reply: sender_token: missing');
  });

  it('a roster entry of an unknown namespace is named', async () => {
    h.server.respond(reply([{ token: 'x-1', type: 'tigertext:entity:robot' }]));
    const error = await failure(h.client.getRoster());
    expect(error.message).toMatch(/^getRoster: bad-response: reply\.0\.type: expected /);
  });

  it('a non-JSON 200 body is a bad-response error', async () => {
    h.server.respond({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' });
    const error = await failure(h.client.getUser());
    expect(error.message).toBe('getUser: bad-response: body is not JSON');
  });

  it('a 200 JSON body without "reply" is a bad-response error', async () => {
    h.server.respond({ status: 200, body: { token: 'u-1' } });
    const error = await failure(h.client.getUser());
    expect(error.message).toBe('getUser: bad-response: reply: missing');
  });

  it('an empty reply where data was expected is a bad-response error', async () => {
    h.server.respond({ status: 204 });
    const error = await failure(h.client.closeEventStreams());
    expect(error.message).toBe('closeEventStreams: bad-response: HTTP 204 with an empty body, expected JSON');
  });

  it('a send answered 204 without TT-X-Message-Id is a bad-response error', async () => {
    h.server.respond({ status: 204, headers: { 'TT-X-Msg-Ttl': '60' } });
    const error = await failure(h.client.sendMessage({ recipient: 'u-2', body: 'x', senderOrganization: 'o' }));
    expect(error).toMatchObject({ kind: 'bad-response', operation: 'sendMessage', retryable: false });
  });
});

describe('client configuration', () => {
  it('refuses a base URL holding credentials, without showing them', () => {
    expect(() => createApiClient({ baseUrl: `http://${key}:${secret}@127.0.0.1/v2`, credentials: { key, secret } })).toThrow(
      'baseUrl must not hold credentials',
    );
  });

  it('refuses empty credentials', () => {
    expect(() => createApiClient({ baseUrl: 'http://127.0.0.1/v2', credentials: { key: '', secret } })).toThrow(
      'createApiClient: credentials need a non-empty key and secret',
    );
  });
});
