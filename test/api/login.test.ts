import { describe, expect, it } from 'vitest';
import { ApiError, login } from '../../main/core/api';
import { readThrough, useFixture } from '../support/hooked-fixture';
import { startRecordingServer } from '../support/recording-server';
import { jsonBody, reply } from './fixture';

const password = 'pa:ss-Word!9';

describe('login', () => {
  const server = readThrough(
    useFixture('test', startRecordingServer, (recording) => recording.close()),
    { origin: true, requests: true, respond: true, only: true, close: true },
  );

  it('posts to /v2/login with XMPP-Simple auth and the device in JSON, and returns the user and the session pair', async () => {
    server.respond(reply({ user: { token: 'u-1', display_name: 'Ada' }, auth: { key: 'k-new', secret: 's-new' } }));
    const result = await login(`${server.origin}/v2`, {
      userId: 'ada@hospital.test',
      password,
      productKey: 'prod-1',
      deviceId: 'device-9',
      version: '0.1.0',
      pushRouting: { type: 'none' },
    });
    const request = server.only();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v2/login');
    const expected = Buffer.from(`prod-1:ada@hospital.test:${password}`).toString('base64');
    expect(request.headers['authorization']).toBe(`XMPP-Simple ${expected}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['tt-x-organization-key']).toBeUndefined();
    expect(jsonBody(request)).toEqual({ device_id: 'device-9', version: '0.1.0', push_routing: { type: 'none' } });
    expect(result).toEqual({ user: { token: 'u-1', display_name: 'Ada' }, auth: { key: 'k-new', secret: 's-new' } });
  });

  it('without a product key sends an empty first field, so the password may hold colons', async () => {
    server.respond(reply({ user: { token: 'u-1' }, auth: { key: 'k', secret: 's' } }));
    await login(`${server.origin}/v2`, { userId: 'ada', password, deviceId: 'd', version: '1' });
    const request = server.only();
    expect(request.headers['authorization']).toBe(`XMPP-Simple ${Buffer.from(`:ada:${password}`).toString('base64')}`);
    expect(jsonBody(request)).toEqual({ device_id: 'd', version: '1' });
  });

  it('a refused sign-in is an http error that never shows the password, even when the server echoes it', async () => {
    const header = `XMPP-Simple ${Buffer.from(`:ada:${password}`).toString('base64')}`;
    server.respond({ status: 401, body: { error: { message: `bad password ${password} for ${header}` } } });
    const error = await login(`${server.origin}/v2`, { userId: 'ada', password, deviceId: 'd', version: '1' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'http', status: 401, operation: 'login', retryable: false });
    const shown = `${String(error)} ${(error as Error).message} ${JSON.stringify(error)}`;
    expect(shown).not.toContain(password);
    expect(shown).not.toContain(Buffer.from(`:ada:${password}`).toString('base64'));
    expect((error as ApiError).serverMessage).toBe('bad password [redacted] for [redacted]');
  });

  it('a reply without the auth pair is a bad-response error naming the field', async () => {
    server.respond(reply({ user: { token: 'u-1' }, auth: { key: 'k' } }));
    const error = await login(`${server.origin}/v2`, { userId: 'ada', password, deviceId: 'd', version: '1' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'bad-response', operation: 'login' });
    expect((error as Error).message).toBe('login: bad-response: reply.auth.secret: missing');
  });

  it('a user id holding a colon, which the header could not carry unambiguously, is refused before anything is sent', async () => {
    await expect(
      login(`${server.origin}/v2`, { userId: 'a:b', password, deviceId: 'd', version: '1' }),
    ).rejects.toThrow('login: userId and productKey must not contain ":"');
    expect(server.requests).toHaveLength(0);
  });

  it('an empty password is refused before anything is sent', async () => {
    await expect(
      login(`${server.origin}/v2`, { userId: 'ada', password: '', deviceId: 'd', version: '1' }),
    ).rejects.toThrow('login: password must be a non-empty string');
    expect(server.requests).toHaveLength(0);
  });
});
