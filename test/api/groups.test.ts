import { describe, expect, it } from 'vitest';
import { ApiError } from '../../main/core/api';
import { expectOneRequest, formBody, jsonBody, organizationKey, reply, useHarness } from './fixture';

const wireGroup = {
  token: 'g-1',
  name: 'ICU night shift',
  members: ['u-1', 'u-2'],
  num_members: 2,
  created_by: 'u-1',
  created_time: '2026-11-26T05:00:00.000Z',
  avatar: 'https://example.test/g.png',
  replay_history: true,
};

describe('group operations', () => {
  const h = useHarness();

  it('createGroup posts JSON to /v2/group/ with the organization header and returns the group', async () => {
    h.server.respond({ ...reply(wireGroup), headers: { 'TT-X-Group-Token': 'g-1' } });
    const result = await h.client.createGroup({ name: 'ICU night shift', members: ['u-2', 'a@b.test'], replayHistory: true });
    const request = expectOneRequest(h.server, 'POST', '/v2/group/');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
    expect(request.headers['content-type']).toBe('application/json');
    expect(jsonBody(request)).toEqual({ name: 'ICU night shift', members: ['u-2', 'a@b.test'], replay_history: true });
    expect(result).toEqual(wireGroup);
  });

  it('createGroup takes the token from TT-X-Group-Token when the reply lacks it', async () => {
    h.server.respond({
      ...reply({ name: 'Pharmacy', members: 'u-1, u-5' }),
      headers: { 'TT-X-Group-Token': 'g-from-header' },
    });
    const result = await h.client.createGroup({ name: 'Pharmacy', members: ['u-5'] });
    expect(jsonBody(h.server.only())).toEqual({ name: 'Pharmacy', members: ['u-5'] });
    expect(result).toEqual({ token: 'g-from-header', name: 'Pharmacy', members: ['u-1', 'u-5'] });
  });

  it('createGroup with neither a reply token nor the header is a bad-response error', async () => {
    h.server.respond(reply({ name: 'Pharmacy', members: [] }));
    const error = await h.client.createGroup({ name: 'Pharmacy', members: ['u-5'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('createGroup: bad-response: reply.token: missing');
  });

  it('createGroup with an avatar sends multipart, the members comma-separated', async () => {
    h.server.respond({ ...reply(wireGroup), headers: { 'TT-X-Group-Token': 'g-1' } });
    const avatar = new Uint8Array([1, 2, 3, 4, 5]);
    await h.client.createGroup({
      name: 'ICU night shift',
      members: ['u-2', 'u-3'],
      replayHistory: false,
      avatar: { name: 'icu.jpg', contentType: 'image/jpeg', bytes: avatar },
    });
    const request = expectOneRequest(h.server, 'POST', '/v2/group/');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await formBody(request);
    expect(form.get('name')).toBe('ICU night shift');
    expect(form.get('members')).toBe('u-2,u-3');
    expect(form.get('replay_history')).toBe('false');
    const file = form.get('avatar') as File;
    expect(file.name).toBe('icu.jpg');
    expect(file.type).toBe('image/jpeg');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(avatar);
  });

  it('createGroup refuses a member address holding a comma, which the list form would split', async () => {
    await expect(h.client.createGroup({ name: 'x', members: ['a,b'] })).rejects.toThrow(
      'createGroup: every member must be a non-empty address without commas',
    );
    expect(h.server.requests).toHaveLength(0);
  });

  it('getGroup sends GET /v2/group/{token}/ and returns the group', async () => {
    h.server.respond(reply({ ...wireGroup, members: 'u-1,u-2', num_members: '2', replay_history: 'true' }));
    const result = await h.client.getGroup('g-1');
    const request = expectOneRequest(h.server, 'GET', '/v2/group/g-1/');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
    expect(result).toEqual(wireGroup);
  });

  it('deleteGroup sends DELETE /v2/group/{token}/', async () => {
    h.server.respond(reply({}));
    await expect(h.client.deleteGroup('g-1')).resolves.toBeUndefined();
    const request = expectOneRequest(h.server, 'DELETE', '/v2/group/g-1/');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
  });

  it('addGroupMembers posts the members to /v2/group/{token}/members/', async () => {
    h.server.respond({ status: 204 });
    await h.client.addGroupMembers('g-1', ['u-4', '+15550001111']);
    const request = expectOneRequest(h.server, 'POST', '/v2/group/g-1/members/');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
    expect(request.headers['content-type']).toBe('application/json');
    expect(jsonBody(request)).toEqual({ members: ['u-4', '+15550001111'] });
  });

  it('removeGroupMembers posts the members to /v2/group/{token}/members/remove/', async () => {
    h.server.respond(reply(wireGroup));
    await h.client.removeGroupMembers('g-1', ['u-4']);
    const request = expectOneRequest(h.server, 'POST', '/v2/group/g-1/members/remove/');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
    expect(jsonBody(request)).toEqual({ members: ['u-4'] });
  });

  it('changing members with an empty list is refused before anything is sent', async () => {
    await expect(h.client.addGroupMembers('g-1', [])).rejects.toThrow('addGroupMembers: members must not be empty');
    expect(h.server.requests).toHaveLength(0);
  });
});
