import { describe, expect, it } from 'vitest';
import { ApiError } from '../../main/core/api';
import { expectOneRequest, jsonBody, reply, useHarness } from './fixture';

describe('directory search', () => {
  const h = useHarness();

  it('searchDirectory posts the types, organizations and name to /v2/search, and returns people and groups', async () => {
    h.server.respond(reply({
      results: [
        { type: 'tigertext:entity:account', entity: { token: 'u-1', display_name: 'Jordan Lee', title: 'RN' }, organization_id: 'org-1' },
        { type: 'tigertext:entity:group', entity: { token: 'g-1', name: 'Jordan ward', members: 'u-1,u-2' }, organization_id: 'org-2' },
        { type: 'tigertext:entity:organization', entity: { token: 'org-1', name: 'General' }, organization_id: 'org-1' },
      ],
      metadata: { continuation: 'next-page', first_hit: 0, total_hits: 7 },
    }));
    const page = await h.client.searchDirectory({ types: ['account', 'group'], directory: ['org-1', 'org-2'], name: 'jor', pageSize: 2 });
    const request = expectOneRequest(h.server, 'POST', '/v2/search');
    expect(request.headers['content-type']).toBe('application/json');
    expect(jsonBody(request)).toEqual({
      type: ['account', 'group'],
      directory: ['org-1', 'org-2'],
      bool: { must: { display_name: 'jor' } },
      results_format: 'entities',
      page_size: 2,
    });
    expect(page).toEqual({
      results: [
        { type: 'tigertext:entity:account', entity: { token: 'u-1', display_name: 'Jordan Lee', title: 'RN' }, organization_id: 'org-1' },
        { type: 'tigertext:entity:group', entity: { token: 'g-1', name: 'Jordan ward', members: ['u-1', 'u-2'] }, organization_id: 'org-2' },
      ],
      metadata: { continuation: 'next-page', first_hit: 0, total_hits: 7 },
    });
  });

  it('sends the continuation it is given, and reads a last page as having none', async () => {
    h.server.respond(reply({ results: [], metadata: { continuation: '', first_hit: 2, total_hits: 2 } }));
    const page = await h.client.searchDirectory({ types: ['account'], directory: ['org-1'], name: '', continuation: 'next-page' });
    const request = expectOneRequest(h.server, 'POST', '/v2/search');
    expect(jsonBody(request)).toMatchObject({ continuation: 'next-page', bool: { must: { display_name: '' } } });
    expect(page.metadata.continuation).toBeNull();
  });

  it('refuses a reply whose person has no token', async () => {
    h.server.respond(reply({ results: [{ type: 'tigertext:entity:account', entity: { display_name: 'Nobody' }, organization_id: 'org-1' }], metadata: { first_hit: 0, total_hits: 1 } }));
    const failure = await h.client.searchDirectory({ types: ['account'], directory: ['org-1'], name: 'no' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).kind).toBe('bad-response');
  });

  it('refuses a search with no types or no organization before anything is sent', async () => {
    await expect(h.client.searchDirectory({ types: [], directory: ['org-1'], name: 'x' })).rejects.toThrow('searchDirectory: types must name at least one kind');
    await expect(h.client.searchDirectory({ types: ['account'], directory: [], name: 'x' })).rejects.toThrow('searchDirectory: directory must name at least one organization');
    await expect(h.client.searchDirectory({ types: ['account'], directory: [''], name: 'x' })).rejects.toThrow('searchDirectory: directory must be a non-empty string');
    expect(h.server.requests).toEqual([]);
  });
});
