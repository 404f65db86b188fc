import { describe, expect, it } from 'vitest';
import { expectOneRequest, organizationKey, reply, useHarness } from './fixture';

/** A user with every field the client keeps. */
const knownUser = {
  token: 'u-1',
  display_name: 'Dr. Ada Lovelace',
  first_name: 'Ada',
  last_name: 'Lovelace',
  username: 'ada',
  avatar: 'https://example.test/a.png',
  title: 'Attending',
  department: 'Cardiology',
  status: 'On shift',
  dnd: false,
  organization_key: organizationKey,
};
/** The same user as the server sends it: with a null it drops and a field it does not know. */
const user = { ...knownUser, dnd_text: null, unknown_extra: 'ignored' };

describe('user operations', () => {
  const h = useHarness();

  it('getUser sends GET /v2/user with Basic auth and the organization header, and returns the user', async () => {
    h.server.respond(reply(user));
    const result = await h.client.getUser();
    const request = expectOneRequest(h.server, 'GET', '/v2/user');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
    expect(request.headers['accept']).toBe('application/json');
    expect(request.body.length).toBe(0);
    expect(result).toEqual(knownUser);
    expect(result).not.toHaveProperty('unknown_extra');
    expect(result).not.toHaveProperty('dnd_text');
  });

  it('lookupUser puts the address, percent-encoded, in the path', async () => {
    h.server.respond(reply({ token: 'u-2', dnd: 'true' }));
    const result = await h.client.lookupUser('nurse+icu@hospital.test');
    const request = expectOneRequest(h.server, 'GET', '/v2/user/nurse%2Bicu%40hospital.test');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
    expect(result).toEqual({ token: 'u-2', dnd: true });
  });

  it('getUserOrganizations sends GET /v2/user/{token}/organization and returns the organizations', async () => {
    h.server.respond(
      reply([
        { token: 'o-1', name: 'General Hospital', settings: [{ name: 'ttl', value: '10080' }, { name: 'forward', value: 'false' }] },
        { token: 'o-2', name: 'Clinic' },
      ]),
    );
    const result = await h.client.getUserOrganizations('u-1');
    const request = expectOneRequest(h.server, 'GET', '/v2/user/u-1/organization');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
    expect(result).toEqual([
      { token: 'o-1', name: 'General Hospital', settings: { ttl: '10080', forward: 'false' } },
      { token: 'o-2', name: 'Clinic', settings: {} },
    ]);
  });

  it('logout sends POST /v2/logout with no body and no organization header', async () => {
    h.server.respond({ status: 204 });
    await expect(h.client.logout()).resolves.toBeUndefined();
    const request = expectOneRequest(h.server, 'POST', '/v2/logout');
    expect(request.headers['tt-x-organization-key']).toBeUndefined();
    expect(request.body.length).toBe(0);
  });

  it('an empty address is refused before anything is sent', async () => {
    await expect(h.client.lookupUser('')).rejects.toThrow('lookupUser: address must be a non-empty string');
    expect(h.server.requests).toHaveLength(0);
  });
});

describe('a client without an organization key', () => {
  const h = useHarness({});

  it('sends no TT-X-Organization-Key header', async () => {
    h.server.respond(reply({ token: 'u-1' }));
    await h.client.getUser();
    expect(h.server.only().headers['tt-x-organization-key']).toBeUndefined();
  });
});
