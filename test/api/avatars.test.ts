import { describe, expect, it } from 'vitest';
import { ApiError, avatarAddress, createApiClient } from '../../main/core/api';
import { startRecordingServer } from '../support/recording-server';
import { authorizationHeader, basicValue, key, secret, useHarness } from './fixture';

/** A PNG's signature and an empty IHDR: enough bytes to tell a picture by. */
const png = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]);

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the download to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  const shown = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`;
  for (const credential of [basicValue, key, secret]) expect(shown).not.toContain(credential);
  return error as ApiError;
}

describe('getAvatar', () => {
  const h = useHarness({ timeoutMs: 500 });

  it('fetches a picture from the client\'s own server with its credentials, asking for an image', async () => {
    h.server.respond({ status: 200, headers: { 'content-type': 'image/PNG; charset=binary' }, body: png });
    const picture = await h.client.getAvatar(`${h.baseUrl}/group/g-1/avatar?v=2`, { maxBytes: 1024 });
    expect(picture).toEqual({ bytes: new Uint8Array(png), contentType: 'image/png' });
    const request = h.server.only();
    expect(request.method).toBe('GET');
    expect(request.url).toBe('/v2/group/g-1/avatar?v=2');
    expect(request.headers['authorization']).toBe(authorizationHeader);
    expect(request.headers['accept']).toBe('image/*');
  });

  it('answers null when the server has no picture (404 or 410)', async () => {
    h.server.respond({ status: 404, body: { error: { message: 'no avatar' } } });
    expect(await h.client.getAvatar(`${h.baseUrl}/user/u-1/avatar`, { maxBytes: 1024 })).toBeNull();
    h.server.respond({ status: 410 });
    expect(await h.client.getAvatar(`${h.baseUrl}/user/u-1/avatar`, { maxBytes: 1024 })).toBeNull();
  });

  it('refuses what is not a raster picture, naming its type', async () => {
    h.server.respond({ status: 200, headers: { 'content-type': 'image/svg+xml' }, body: '<svg onload="alert(1)"/>' });
    const error = await failure(h.client.getAvatar(`${h.baseUrl}/a.svg`, { maxBytes: 1024 }));
    expect(error).toMatchObject({ kind: 'bad-response', detail: 'not a picture (image/svg+xml)', retryable: false });
    expect(error.message).toBe('getAvatar: bad-response: not a picture (image/svg+xml)');
  });

  it('refuses a picture over the size given, without reading the rest of it', async () => {
    h.server.respond({ status: 200, headers: { 'content-type': 'image/png' }, body: Buffer.alloc(2 * 1024 * 1024 + 1), stall: true });
    // The body then stalls: a client reading on past the cap would end in a timeout instead.
    const error = await failure(h.client.getAvatar(`${h.baseUrl}/big.png`, { maxBytes: 1024 * 1024 }));
    expect(error).toMatchObject({ kind: 'bad-response', detail: 'over 1 MB' });
    // Exactly the size given is not over it.
    h.server.respond({ status: 200, headers: { 'content-type': 'image/png' }, body: png });
    expect(await h.client.getAvatar(`${h.baseUrl}/small.png`, { maxBytes: png.length })).toMatchObject({ contentType: 'image/png' });
  });

  it('ends a download that stalls mid-body at the client\'s timeout', async () => {
    h.server.respond({ status: 200, headers: { 'content-type': 'image/png' }, body: png, stall: true });
    const error = await failure(h.client.getAvatar(`${h.baseUrl}/stalled.png`, { maxBytes: 1024 * 1024 }));
    expect(error.kind).toBe('timeout');
  });

  it('does not follow a redirect, so the credentials cannot be carried elsewhere', async () => {
    const elsewhere = await startRecordingServer();
    try {
      h.server.respond({ status: 302, headers: { location: `${elsewhere.origin}/steal.png` } });
      const error = await failure(h.client.getAvatar(`${h.baseUrl}/moved.png`, { maxBytes: 1024 }));
      expect(error).toMatchObject({ kind: 'http', status: 302 });
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('refuses another status from its own server as an http error', async () => {
    h.server.respond({ status: 401, body: { error: { message: 'bad key' } } });
    expect(await failure(h.client.getAvatar(`${h.baseUrl}/a.png`, { maxBytes: 1024 }))).toMatchObject({ kind: 'http', status: 401 });
  });

  it('refuses an address it must not fetch before sending anything', async () => {
    const other = await startRecordingServer();
    try {
      await expect(h.client.getAvatar(`${other.origin}/a.png?signature=s3cr3t`, { maxBytes: 1024 })).rejects.toThrow(
        `The avatar is at ${other.origin}, which is neither https nor this account's server; it is not fetched`,
      );
      await expect(h.client.getAvatar('file:///etc/passwd', { maxBytes: 1024 })).rejects.toThrow('is a file: address');
      await expect(h.client.getAvatar(`${h.baseUrl}/a.png`, { maxBytes: 0 })).rejects.toThrow('maxBytes must be a whole number >= 1');
      const aborted = new AbortController();
      aborted.abort();
      expect(await failure(h.client.getAvatar(`${h.baseUrl}/a.png`, { maxBytes: 1024, signal: aborted.signal }))).toMatchObject({ kind: 'aborted' });
      expect(other.requests).toEqual([]);
      expect(h.server.requests).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('sends no credentials to an https server that is not its own, and does not call its refusal an http error', async () => {
    // No TLS server here: the client's fetch carries requests for cdn.test to the recording server, headers as the client set them.
    const cdn = await startRecordingServer();
    const viaCdn: typeof fetch = (input, init) => fetch(String(input).replace('https://cdn.test', cdn.origin), init);
    const client = createApiClient({ baseUrl: h.baseUrl, credentials: { key, secret }, timeoutMs: 1_000, fetch: viaCdn });
    try {
      cdn.respond({ status: 200, headers: { 'content-type': 'image/webp' }, body: png });
      expect(await client.getAvatar('https://cdn.test/people/ann.webp?sig=abc', { maxBytes: 1024 })).toEqual({ bytes: new Uint8Array(png), contentType: 'image/webp' });
      const request = cdn.only();
      expect(request.url).toBe('/people/ann.webp?sig=abc');
      expect(request.headers['authorization']).toBeUndefined();
      // A CDN's 401 says nothing of the account's credentials: not an 'http' error, which would sign the user out.
      cdn.respond({ status: 401 });
      const error = await failure(client.getAvatar('https://cdn.test/people/ann.webp?sig=abc', { maxBytes: 1024 }));
      expect(error).toMatchObject({ kind: 'bad-response', status: 401, detail: 'HTTP 401' });
      expect(error.message).not.toContain('sig=abc');
      expect(h.server.requests).toEqual([]);
    } finally {
      await cdn.close();
    }
  });
});

describe('where an avatar may be fetched from', () => {
  const server = 'http://127.0.0.1:7443/v2';

  it('is the account\'s own server, with its credentials', () => {
    const request = avatarAddress('http://127.0.0.1:7443/v2/group/g1/avatar', server);
    expect(request.authorized).toBe(true);
    expect(request.url.href).toBe('http://127.0.0.1:7443/v2/group/g1/avatar');
  });

  it('is any https server, never with the account\'s credentials', () => {
    expect(avatarAddress('https://cdn.example/ann.png', server).authorized).toBe(false);
    // Another port is another server.
    expect(avatarAddress('https://127.0.0.1:7444/ann.png', server).authorized).toBe(false);
  });

  it('is nowhere else', () => {
    expect(() => avatarAddress('http://127.0.0.1:7444/ann.png', server)).toThrow('neither https nor this account\'s server');
    expect(() => avatarAddress('https://user:pw@cdn.example/ann.png', server)).toThrow('holds a user name or password');
    expect(() => avatarAddress('data:image/png;base64,iVBORw0KGgo=', server)).toThrow('is a data: address');
    expect(() => avatarAddress('file:///etc/passwd', server)).toThrow('is a file: address');
    expect(() => avatarAddress('/relative/ann.png', server)).toThrow('is not a URL');
  });
});
