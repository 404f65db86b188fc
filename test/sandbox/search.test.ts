import { describe, expect, it } from 'vitest';
import type { SearchPage } from '../../main/core/api';
import { useSandbox } from '../support/sandbox-fixture';
import { basic, newPerson } from './support/people';
import type { TestPerson } from './support/people';

const sandbox = useSandbox();

/** A family name no other test uses, so that a search finds only this test's people. */
let families = 0;
function family(): string {
  families += 1;
  return `Qx${process.pid}n${families}`;
}

function names(page: SearchPage): string[] {
  return page.results.map((result) => (result.type === 'tigertext:entity:account' ? result.entity.display_name ?? '' : result.entity.name));
}

async function rawSearch(person: TestPerson, body: string, contentType: string): Promise<{ status: number; json: { reply?: SearchPage; error?: { message: string } } }> {
  const response = await fetch(`${sandbox.apiUrl}/search`, { method: 'POST', headers: { authorization: basic(person), 'content-type': contentType }, body });
  return { status: response.status, json: (await response.json()) as { reply?: SearchPage; error?: { message: string } } };
}

describe('directory search', () => {
  it('finds people by the start of any word of their name, in any case, with their organization', async () => {
    const name = family();
    const caller = await newPerson(sandbox, 'Searching Person');
    const jordan = await newPerson(sandbox, `Jordan ${name}`);
    await newPerson(sandbox, `Morgan ${name}`);
    await newPerson(sandbox, `Notjordan ${name}`);
    const page = await caller.client.searchDirectory({ types: ['account'], directory: [sandbox.organizationKey], name: `jor ${name.toLowerCase()}` });
    expect(names(page)).toEqual([`Jordan ${name}`]);
    expect(page.results[0]).toMatchObject({ type: 'tigertext:entity:account', organization_id: sandbox.organizationKey, entity: { token: jordan.token } });
    expect(page.metadata).toEqual({ continuation: null, first_hit: 0, total_hits: 1 });
    const byFamily = await caller.client.searchDirectory({ types: ['account'], directory: [sandbox.organizationKey], name: name.toUpperCase() });
    expect(names(byFamily)).toEqual([`Jordan ${name}`, `Morgan ${name}`, `Notjordan ${name}`]);
  });

  it('finds a person by the start of their email, and everyone with an empty name', async () => {
    const caller = await newPerson(sandbox, 'Searching Person');
    const someone = await newPerson(sandbox, `Someone ${family()}`);
    const byEmail = await caller.client.searchDirectory({ types: ['account'], directory: [sandbox.organizationKey], name: someone.email.slice(0, 12).toUpperCase() });
    expect(byEmail.results.map((result) => result.entity.token)).toEqual([someone.token]);
    const everyone = await caller.client.searchDirectory({ types: ['account'], directory: [sandbox.organizationKey], name: '', pageSize: 100 });
    expect(everyone.metadata.total_hits).toBeGreaterThanOrEqual(2);
  });

  it('finds only the groups the caller belongs to, and only the types asked for', async () => {
    const name = family();
    const alice = await newPerson(sandbox, `Alice ${name}`);
    const outsider = await newPerson(sandbox, 'Outsider');
    const group = await alice.client.createGroup({ name: `${name} Ward`, members: [] });
    const both = await alice.client.searchDirectory({ types: ['account', 'group'], directory: [sandbox.organizationKey], name });
    expect(both.results.map((result) => [result.type, result.entity.token])).toEqual([
      ['tigertext:entity:account', alice.token],
      ['tigertext:entity:group', group.token],
    ]);
    const groupsOnly = await alice.client.searchDirectory({ types: ['group'], directory: [sandbox.organizationKey], name: 'war' });
    expect(groupsOnly.results.map((result) => result.entity.token)).toEqual([group.token]);
    const unseen = await outsider.client.searchDirectory({ types: ['group'], directory: [sandbox.organizationKey], name });
    expect(unseen.results).toEqual([]);
  });

  it('pages with the continuation of the previous reply until there is none', async () => {
    const name = family();
    const caller = await newPerson(sandbox, 'Searching Person');
    for (const first of ['Ann', 'Ben', 'Cas', 'Dee', 'Eve']) await newPerson(sandbox, `${first} ${name}`);
    const seen: string[] = [];
    const firstHits: number[] = [];
    let continuation: string | undefined;
    do {
      const page = await caller.client.searchDirectory({ types: ['account'], directory: [sandbox.organizationKey], name, pageSize: 2, ...(continuation === undefined ? {} : { continuation }) });
      expect(page.metadata.total_hits).toBe(5);
      seen.push(...names(page));
      firstHits.push(page.metadata.first_hit);
      continuation = page.metadata.continuation ?? undefined;
    } while (continuation !== undefined);
    expect(seen).toEqual(['Ann', 'Ben', 'Cas', 'Dee', 'Eve'].map((first) => `${first} ${name}`));
    expect(firstHits).toEqual([0, 2, 4]);
  });

  it('takes the body as JSON, urlencoded and multipart, and answers tokens when asked', async () => {
    const name = family();
    const caller = await newPerson(sandbox, `Caller ${name}`);
    const json = await rawSearch(caller, JSON.stringify({ type: ['account'], directory: [sandbox.organizationKey], bool: { must: { display_name: name } }, results_format: 'tokens' }), 'application/json');
    expect(json.json.reply?.results).toEqual([{ type: 'tigertext:entity:account', entity: caller.token, organization_id: sandbox.organizationKey }]);
    const form = new URLSearchParams({ type: 'account', directory: sandbox.organizationKey, bool: JSON.stringify({ must: { display_name: name } }) });
    const urlencoded = await rawSearch(caller, form.toString(), 'application/x-www-form-urlencoded');
    expect(urlencoded.status).toBe(200);
    expect(urlencoded.json.reply?.results.map((result) => result.entity.token)).toEqual([caller.token]);
    const multipart = new FormData();
    multipart.append('type', 'account');
    multipart.append('type', 'group');
    multipart.append('directory', sandbox.organizationKey);
    multipart.append('bool', JSON.stringify({ must: { display_name: name } }));
    const response = await fetch(`${sandbox.apiUrl}/search`, { method: 'POST', headers: { authorization: basic(caller) }, body: multipart });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { reply: SearchPage }).reply.results.map((result) => result.entity.token)).toEqual([caller.token]);
  });

  it.each([
    ['no type', { directory: ['ORG'] }, 400, 'field "type" is required'],
    ['an unknown type', { type: ['account', 'planet'], directory: ['ORG'] }, 400, 'field "type": unknown type "planet"'],
    ['no directory', { type: ['account'] }, 400, 'field "directory" is required'],
    ['another organization', { type: ['account'], directory: ['elsewhere'] }, 400, 'field "directory": you do not belong to organization elsewhere'],
    ['a bool that is text but not JSON', { type: ['account'], directory: ['ORG'], bool: 'jor' }, 400, 'field "bool" is not valid JSON'],
    ['a bool that is not an object', { type: ['account'], directory: ['ORG'], bool: ['jor'] }, 400, 'field "bool" must be an object'],
    ['a bool with another clause', { type: ['account'], directory: ['ORG'], bool: { should: {} } }, 400, 'field "bool.should" is not supported'],
    ['an unsearchable field', { type: ['account'], directory: ['ORG'], bool: { must: { password: 'x' } } }, 400, 'field "bool.must.password" is not searchable'],
    ['a name that is not text', { type: ['account'], directory: ['ORG'], bool: { must: { display_name: 3 } } }, 400, 'field "bool.must.display_name" must be a string'],
    ['an unknown results format', { type: ['account'], directory: ['ORG'], results_format: 'xml' }, 400, 'field "results_format"'],
    ['a page size of 0', { type: ['account'], directory: ['ORG'], page_size: 0 }, 400, 'field "page_size" must be from 1 to 100'],
    ['a page size that is not a number', { type: ['account'], directory: ['ORG'], page_size: 'many' }, 400, 'field "page_size" must be an integer'],
    ['a made-up continuation', { type: ['account'], directory: ['ORG'], continuation: 'not-ours' }, 400, 'field "continuation" is not one this server gave'],
  ])('refuses %s with %s naming the field', async (_what, body, status, message) => {
    const caller = await newPerson(sandbox, 'Searching Person');
    const withOrg = JSON.parse(JSON.stringify(body).replaceAll('"ORG"', JSON.stringify(sandbox.organizationKey))) as unknown;
    const answer = await rawSearch(caller, JSON.stringify(withOrg), 'application/json');
    expect(answer.status).toBe(status);
    expect(answer.json.error?.message).toContain(message);
  });

  it('refuses the continuation of another search', async () => {
    const name = family();
    const caller = await newPerson(sandbox, 'Searching Person');
    await newPerson(sandbox, `Ann ${name}`);
    await newPerson(sandbox, `Ben ${name}`);
    const page = await caller.client.searchDirectory({ types: ['account'], directory: [sandbox.organizationKey], name, pageSize: 1 });
    const continuation = page.metadata.continuation!;
    const answer = await rawSearch(caller, JSON.stringify({ type: ['account'], directory: [sandbox.organizationKey], bool: { must: { display_name: 'other' } }, continuation }), 'application/json');
    expect(answer.status).toBe(400);
    expect(answer.json.error?.message).toBe('field "continuation" belongs to another search');
  });

  it('needs credentials', async () => {
    const response = await fetch(`${sandbox.apiUrl}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
  });
});
