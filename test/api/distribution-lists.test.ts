import { describe, expect, it } from 'vitest';
import { ApiError } from '../../main/core/api';
import { expectOneRequest, organizationKey, reply, useHarness } from './fixture';

describe('distribution lists', () => {
  const h = useHarness();

  it('getDistributionList reads GET /v2/dist_list/{token}/ in the organization, its size read from a number or a string', async () => {
    h.server.respond(reply({ token: 'dl-1', display_name: 'Night shift nurses', total_members: '4', avatar: null, organization_key: 'org-1', extra: true }));
    const list = await h.client.getDistributionList('dl-1');
    const request = expectOneRequest(h.server, 'GET', '/v2/dist_list/dl-1/');
    expect(request.headers['tt-x-organization-key']).toBe(organizationKey);
    expect(list).toEqual({ token: 'dl-1', display_name: 'Night shift nurses', total_members: 4, organization_key: 'org-1' });
  });

  it('asks in the organization the caller names', async () => {
    h.server.respond(reply({ token: 'dl-1', display_name: 'Huddle', total_members: 2 }));
    await h.client.getDistributionList('dl-1', { organizationKey: 'org-clinic' });
    expect(h.server.only().headers['tt-x-organization-key']).toBe('org-clinic');
  });

  it('refuses a reply without a name or with a negative size, naming the field', async () => {
    h.server.respond(reply({ token: 'dl-1', total_members: 3 }));
    await expect(h.client.getDistributionList('dl-1')).rejects.toThrow(/display_name/);
    h.server.respond(reply({ token: 'dl-1', display_name: 'x', total_members: -1 }));
    await expect(h.client.getDistributionList('dl-1')).rejects.toThrow(/total_members/);
  });

  it('refuses an empty token before sending, and reports a 404 as an ApiError', async () => {
    await expect(h.client.getDistributionList('')).rejects.toThrow(/getDistributionList/);
    expect(h.server.requests).toHaveLength(0);
    h.server.respond({ status: 404, body: { error: { message: 'unknown distribution list: dl-9' } } });
    const error = await h.client.getDistributionList('dl-9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
  });
});
