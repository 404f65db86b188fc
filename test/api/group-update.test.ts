import { describe, expect, it } from 'vitest';
import { ApiError } from '../../main/core/api';
import { expectOneRequest, formBody, jsonBody, organizationKey, reply, useHarness } from './fixture';

const wireGroup = { token: 'g-1', name: 'Day shift', members: ['u-1', 'u-2'], avatar: 'https://example.test/g.png?v=1' };

describe('group update', () => {
  const h = useHarness();

  it('updateGroup posts the changed fields as JSON, members comma-separated, with the organization header', async () => {
    h.server.respond(reply(wireGroup));
    const group = await h.client.updateGroup('g-1', { name: 'Day shift', members: ['u-1', 'u-2'], replayHistory: false });
    const request = expectOneRequest(h.server, 'POST', '/v2/group/g-1/');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
    expect(jsonBody(request)).toEqual({ name: 'Day shift', members: 'u-1,u-2', replay_history: false });
    expect(group).toEqual(wireGroup);
  });

  it('updateGroup with a picture sends multipart and takes the new address from TT-X-Group-Avatar', async () => {
    h.server.respond({ ...reply({ ...wireGroup, avatar: 'https://example.test/old.png' }), headers: { 'TT-X-Group-Avatar': 'https://example.test/g.png?v=2' } });
    const bytes = new Uint8Array([1, 2, 3]);
    const group = await h.client.updateGroup('g-1', { avatar: { name: 'g.png', contentType: 'image/png', bytes } });
    const request = expectOneRequest(h.server, 'POST', '/v2/group/g-1/');
    const form = await formBody(request);
    expect([...form.keys()]).toEqual(['avatar']);
    const file = form.get('avatar') as File;
    expect(file.type).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    expect(group.avatar).toBe('https://example.test/g.png?v=2');
  });

  it('updateGroup refuses an empty change, an empty name or an empty member list before sending', async () => {
    await expect(h.client.updateGroup('g-1', {})).rejects.toThrow('updateGroup: nothing to change');
    await expect(h.client.updateGroup('g-1', { name: ' ' })).rejects.toThrow('updateGroup: name must be a non-empty string');
    await expect(h.client.updateGroup('g-1', { members: [] })).rejects.toThrow('updateGroup: members must not be empty');
    expect(h.server.requests).toHaveLength(0);
  });

  it('updateGroup reports the server\'s refusal as an ApiError with its status', async () => {
    h.server.respond({ status: 403, body: { error: { message: 'you are not a member of group g-1' } } });
    const error = await h.client.updateGroup('g-1', { name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(403);
  });

  it('getGroupMembers reads GET /v2/group/{token}/members/ as a list of people', async () => {
    h.server.respond(reply([{ token: 'u-1', display_name: 'Ada' }, { token: 'u-2', display_name: 'Bo', dnd: 'true' }]));
    const members = await h.client.getGroupMembers('g-1');
    expectOneRequest(h.server, 'GET', '/v2/group/g-1/members/');
    expect(members).toEqual([{ token: 'u-1', display_name: 'Ada' }, { token: 'u-2', display_name: 'Bo', dnd: true }]);
  });
});
