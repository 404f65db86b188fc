import { describe, expect, it } from 'vitest';
import { authorizationHeader, expectOneRequest, jsonBody, organizationKey, reply, useHarness } from './fixture';

describe('roster operations', () => {
  const h = useHarness();

  it('getRoster sends GET /v2/roster/ and returns flat and namespace-wrapped entries in one shape', async () => {
    h.server.respond(
      reply([
        { token: 'u-2', type: 'tigertext:entity:account', organization_key: 'org-1', display_name: 'Bob' },
        { 'tigertext:entity:group': { token: 'g-1', name: 'ICU' }, organization_key: 'org-1' },
        { token: 'd-1', namespace: 'tigertext:entity:distribution_list', name: 'All nurses' },
      ]),
    );
    const result = await h.client.getRoster();
    const request = expectOneRequest(h.server, 'GET', '/v2/roster/');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
    expect(result).toEqual([
      { type: 'tigertext:entity:account', token: 'u-2', organization_key: 'org-1', display_name: 'Bob' },
      { type: 'tigertext:entity:group', token: 'g-1', organization_key: 'org-1', name: 'ICU' },
      { type: 'tigertext:entity:distribution_list', token: 'd-1', name: 'All nurses' },
    ]);
  });

  it('addToRoster posts the entity and its type to /v2/roster/', async () => {
    h.server.respond({ status: 204 });
    await h.client.addToRoster('u-2', 'tigertext:entity:account');
    const request = expectOneRequest(h.server, 'POST', '/v2/roster/');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
    expect(request.headers['content-type']).toBe('application/json');
    expect(jsonBody(request)).toEqual({ entity: 'u-2', type: 'tigertext:entity:account' });
  });

  it('removeFromRoster sends DELETE /v2/roster/{address}', async () => {
    h.server.respond(reply({}));
    await h.client.removeFromRoster('doc@hospital.test');
    const request = expectOneRequest(h.server, 'DELETE', '/v2/roster/doc%40hospital.test');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
  });
});

describe('metadata operations', () => {
  const h = useHarness();

  it('getMetadata sends GET /v2/metadata/{token}/ and returns the flat object', async () => {
    h.server.respond(reply({ bed: '4', floor: 3, isolation: true, note: null }));
    const result = await h.client.getMetadata('g-1');
    const request = expectOneRequest(h.server, 'GET', '/v2/metadata/g-1/');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
    expect(result).toEqual({ bed: '4', floor: 3, isolation: true, note: null });
  });

  it('setMetadata posts the values as a JSON object to /v2/metadata/{token}/', async () => {
    h.server.respond(reply({ bed: '5' }));
    await h.client.setMetadata('g-1', { bed: '5', floor: 2 });
    const request = expectOneRequest(h.server, 'POST', '/v2/metadata/g-1/');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
    expect(request.headers['content-type']).toBe('application/json');
    expect(jsonBody(request)).toEqual({ bed: '5', floor: 2 });
  });

  it('setMetadata with more than 8 keys is refused before anything is sent', async () => {
    const values = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, i]));
    await expect(h.client.setMetadata('g-1', values)).rejects.toThrow('setMetadata: at most 8 keys, got 9');
    expect(h.server.requests).toHaveLength(0);
  });

  it('clearMetadata sends DELETE /v2/metadata/{token}/', async () => {
    h.server.respond({ status: 204 });
    await h.client.clearMetadata('u-1');
    const request = expectOneRequest(h.server, 'DELETE', '/v2/metadata/u-1/');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
  });
});

describe('event operations', () => {
  const h = useHarness();

  it('ackEvents posts the event ids to /v2/events/ack without the organization header', async () => {
    h.server.respond({ status: 204 });
    await h.client.ackEvents(['e-1', 'e-2']);
    const request = expectOneRequest(h.server, 'POST', '/v2/events/ack');
    expect(request.headers['tt-x-organization-key']).toBeUndefined();
    expect(request.headers['content-type']).toBe('application/json');
    expect(jsonBody(request)).toEqual({ events: ['e-1', 'e-2'] });
  });

  it('ackEvents with no ids sends nothing', async () => {
    await h.client.ackEvents([]);
    expect(h.server.requests).toHaveLength(0);
  });

  it('closeEventStreams sends DELETE /v2/events/ and returns the count', async () => {
    h.server.respond(reply({ count: 3 }));
    await expect(h.client.closeEventStreams()).resolves.toEqual({ count: 3 });
    expectOneRequest(h.server, 'DELETE', '/v2/events/');
  });

  it('eventStreamRequest gives the stream URL with Basic auth, and TT-X-Features only when features are given', () => {
    expect(h.client.eventStreamRequest(['is-typing', 'presence'])).toEqual({
      url: `${h.baseUrl}/events/`,
      headers: { Authorization: authorizationHeader, Accept: 'text/event-stream', 'TT-X-Features': 'is-typing,presence' },
    });
    expect(h.client.eventStreamRequest()).toEqual({
      url: `${h.baseUrl}/events/`,
      headers: { Authorization: authorizationHeader, Accept: 'text/event-stream' },
    });
  });
});
