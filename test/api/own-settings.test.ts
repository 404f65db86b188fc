import { describe, expect, it } from 'vitest';
import { changePassword } from '../../main/core/api';
import { readThrough, useFixture } from '../support/hooked-fixture';
import { startRecordingServer } from '../support/recording-server';
import { expectOneRequest, formBody, jsonBody, reply, useHarness } from './fixture';

describe('own settings', () => {
  const h = useHarness();

  it('updateSettings posts the changed fields as JSON to /v2/user/{token}/settings', async () => {
    h.server.respond(reply({ token: 'u-1', display_name: 'Ada L.', dnd: true, dnd_text: 'In theatre' }));
    const user = await h.client.updateSettings('u-1', { displayName: 'Ada L.', status: 'Ward 4', dnd: true, dndText: 'In theatre' });
    const request = expectOneRequest(h.server, 'POST', '/v2/user/u-1/settings');
    expect(request.headers['tt-x-organization-key']).toBeUndefined();
    expect(jsonBody(request)).toEqual({ display_name: 'Ada L.', status: 'Ward 4', dnd: true, dnd_text: 'In theatre' });
    expect(user).toEqual({ token: 'u-1', display_name: 'Ada L.', dnd: true, dnd_text: 'In theatre' });
  });

  it('updateSettings sends a new picture as multipart, and removes it with an empty field', async () => {
    h.server.respond(reply({ token: 'u-1' }));
    const bytes = new Uint8Array([9, 8, 7]);
    await h.client.updateSettings('u-1', { status: 'Here', avatar: { name: 'me.jpg', contentType: 'image/jpeg', bytes } });
    const form = await formBody(h.server.only());
    expect(form.get('status')).toBe('Here');
    expect(new Uint8Array(await (form.get('avatar') as File).arrayBuffer())).toEqual(bytes);

    h.server.requests.length = 0;
    h.server.respond(reply({ token: 'u-1' }));
    await h.client.updateSettings('u-1', { avatar: null });
    expect(jsonBody(h.server.only())).toEqual({ avatar: '' });
  });

  it('updateSettings refuses an empty change or an empty display name before sending', async () => {
    await expect(h.client.updateSettings('u-1', {})).rejects.toThrow('updateSettings: nothing to change');
    await expect(h.client.updateSettings('u-1', { displayName: '  ' })).rejects.toThrow('updateSettings: displayName must not be empty');
    expect(h.server.requests).toHaveLength(0);
  });
});

describe('changePassword', () => {
  const server = readThrough(
    useFixture('test', startRecordingServer, (recording) => recording.close()),
    { origin: true, requests: true, respond: true, only: true, close: true },
  );

  it('signs with XMPP-Simple of the current password and posts the new one', async () => {
    server.respond({ status: 204 });
    await changePassword(`${server.origin}/v2`, { userToken: 'u-1', currentPassword: 'old:pw', newPassword: 'new-password' });
    const request = server.only();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v2/user/u-1/password');
    expect(request.headers['authorization']).toBe(`XMPP-Simple ${Buffer.from(':u-1:old:pw').toString('base64')}`);
    expect(jsonBody(request)).toEqual({ password: 'new-password' });
  });

  it('keeps both passwords out of the error it reports', async () => {
    server.respond({ status: 401, body: { error: { message: 'wrong current password old:pw for new-password' } } });
    const error = await changePassword(`${server.origin}/v2`, { userToken: 'u-1', currentPassword: 'old:pw', newPassword: 'new-password' }).catch((e: unknown) => e as Error);
    expect(String((error as Error).message)).not.toContain('old:pw');
    expect(String((error as Error).message)).not.toContain('new-password');
    expect((error as { status?: number }).status).toBe(401);
  });
});
