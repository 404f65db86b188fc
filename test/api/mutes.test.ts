import { describe, expect, it } from 'vitest';
import { ApiError } from '../../main/core/api';
import { expectOneRequest, jsonBody, organizationKey, reply, useHarness } from './fixture';

describe('mute operations', () => {
  const h = useHarness();

  it('listMutes reads GET /v2/mute, numbers given as strings, the organization from caller_organization first', async () => {
    h.server.respond(reply([
      { sender_type: 'account', sender_token: 'u-2', mute_duration: '60', mute_start: 1_764_921_600, organization_id: 'org-a' },
      { sender_type: 'group', sender_token: 'g-1', mute_duration: 480, mute_start: '1764921600', organization_id: 'org-a', caller_organization: 'org-b' },
    ]));
    expect(await h.client.listMutes()).toEqual([
      { senderType: 'account', senderToken: 'u-2', durationMinutes: 60, startSeconds: 1_764_921_600, organization: 'org-a' },
      { senderType: 'group', senderToken: 'g-1', durationMinutes: 480, startSeconds: 1_764_921_600, organization: 'org-b' },
    ]);
    expectOneRequest(h.server, 'GET', '/v2/mute');
  });

  it('listMutes refuses an entry without its minutes as a bad response naming the field', async () => {
    h.server.respond(reply([{ sender_type: 'account', sender_token: 'u-2', mute_start: 1 }]));
    const error = await h.client.listMutes().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toContain('mute_duration');
  });

  it('mutePerson posts the person, both organizations and the minutes as a string', async () => {
    h.server.respond(reply({}));
    await h.client.mutePerson({ person: 'u-2', minutes: 60 });
    expect(jsonBody(expectOneRequest(h.server, 'POST', '/v2/mute/p2p'))).toEqual({
      sender_token: 'u-2', sender_organization: organizationKey, receiver_organization: organizationKey, duration: '60',
    });
  });

  it('muteGroup posts to the group with the minutes and the receiver organization', async () => {
    h.server.respond(reply({}));
    await h.client.muteGroup('g 1', 525_600);
    expect(jsonBody(expectOneRequest(h.server, 'POST', '/v2/mute/group/g%201'))).toEqual({ receiver_organization: organizationKey, duration: '525600' });
  });

  it('unmutePerson and unmuteGroup send DELETE with the TT-X headers', async () => {
    h.server.respond({ status: 204 });
    await h.client.unmutePerson('u-2', 'org-other');
    const person = expectOneRequest(h.server, 'DELETE', '/v2/mute/p2p');
    expect(person.headers['tt-x-sender-token']).toBe('u-2');
    expect(person.headers['tt-x-sender-organization']).toBe('org-other');
    expect(person.headers['tt-x-receiver-organization']).toBe(organizationKey);
    h.server.requests.length = 0;
    h.server.respond({ status: 204 });
    await h.client.unmuteGroup('g-1');
    expect(expectOneRequest(h.server, 'DELETE', '/v2/mute/group/g-1').headers['tt-x-receiver-organization']).toBe(organizationKey);
  });

  it('mutes and unmutes in the organization the call names (a conversation in another organization), not the connection\'s', async () => {
    h.server.respond(reply({}));
    await h.client.mutePerson({ person: 'u-2', personOrganization: 'org-clinic', minutes: 60 }, { organizationKey: 'org-clinic' });
    expect(jsonBody(expectOneRequest(h.server, 'POST', '/v2/mute/p2p'))).toMatchObject({ sender_organization: 'org-clinic', receiver_organization: 'org-clinic' });
    h.server.requests.length = 0;
    h.server.respond(reply({}));
    await h.client.muteGroup('g-1', 60, { organizationKey: 'org-clinic' });
    expect(jsonBody(expectOneRequest(h.server, 'POST', '/v2/mute/group/g-1'))).toEqual({ receiver_organization: 'org-clinic', duration: '60' });
    h.server.requests.length = 0;
    h.server.respond({ status: 204 });
    await h.client.unmuteGroup('g-1', { organizationKey: 'org-clinic' });
    expect(expectOneRequest(h.server, 'DELETE', '/v2/mute/group/g-1').headers['tt-x-receiver-organization']).toBe('org-clinic');
    await expect(h.client.unmuteGroup('g-1', { organizationKey: 'org\r\nX: 1' })).rejects.toThrow('unmuteGroup: organizationKey must be printable ASCII');
  });

  it('refuses minutes outside 1 to 525600 and a token that cannot travel in a header, before sending anything', async () => {
    for (const minutes of [0, 525_601, 1.5, Number.NaN]) {
      await expect(h.client.mutePerson({ person: 'u-2', minutes })).rejects.toThrow('mutePerson: minutes must be a whole number from 1 to 525600');
    }
    await expect(h.client.unmutePerson('u-2\r\nX-Evil: 1')).rejects.toThrow('unmutePerson: person must be printable ASCII to travel in a header');
    expect(h.server.requests).toEqual([]);
  });
});
