import { describe, expect, it } from 'vitest';
import { createApiClient, login } from '../../main/core/api';
import { useSandbox } from '../support/sandbox-fixture';
import { failure } from './support/api-failure';
import { newPerson } from './support/people';
import { replayed } from './support/stream';

const sandbox = useSandbox();

function adminCreate(body: unknown, contentType = 'application/json'): Promise<Response> {
  return fetch(`${sandbox.url}/sandbox/accounts`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The admin routes take JSON only (a CSRF guard), so a wipe, which needs no fields, sends {}. */
function remoteWipe(token: string): Promise<Response> {
  return fetch(`${sandbox.url}/sandbox/accounts/${token}/remote-wipe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
}

describe('the admin route POST /sandbox/accounts', () => {
  it('creates a person in the demo organization with a working key/secret pair', async () => {
    const response = await adminCreate({ display_name: 'Casey Jones', email: 'Casey.Jones@Example.test', password: 'pw' });
    expect(response.status).toBe(200);
    const created = (await response.json()) as { token: string; key: string; secret: string };
    const client = createApiClient({ baseUrl: sandbox.apiUrl, credentials: created });
    const user = await client.getUser();
    expect(user).toMatchObject({
      token: created.token,
      display_name: 'Casey Jones',
      first_name: 'Casey',
      last_name: 'Jones',
      organization_key: sandbox.organizationKey,
    });
    const organizations = await client.getUserOrganizations(created.token);
    expect(organizations).toHaveLength(1);
    expect(organizations[0]).toMatchObject({ token: sandbox.organizationKey, name: 'Tiger General Hospital' });
  });

  it('refuses a duplicate email with 409 and a missing field with 400, naming the problem', async () => {
    await adminCreate({ display_name: 'Dup', email: 'dup@example.test', password: 'pw' });
    const duplicate = await adminCreate({ display_name: 'Dup', email: 'DUP@example.test', password: 'pw' });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toEqual({ error: { message: 'an account with email dup@example.test already exists' } });
    const missing = await adminCreate({ display_name: 'No mail', password: 'pw' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: { message: 'field "email" is required' } });
    const badEmail = await adminCreate({ display_name: 'X', email: 'not-an-email', password: 'pw' });
    expect(badEmail.status).toBe(400);
    const wrongType = await adminCreate({ display_name: 42, email: 'x@example.test', password: 'pw' });
    expect(await wrongType.json()).toEqual({ error: { message: 'field "display_name" must be a string' } });
  });
});

describe('sessions', () => {
  it('signs in by email, username or token with XMPP-Simple, a new pair per device', async () => {
    const person = await newPerson(sandbox, 'Dana Scully');
    const byEmail = await login(sandbox.apiUrl, { userId: person.email, password: person.password, deviceId: 'd1', version: '1' });
    const byToken = await login(sandbox.apiUrl, { userId: person.token, password: person.password, deviceId: 'd2', version: '1' });
    expect(byEmail.user.token).toBe(person.token);
    expect(byToken.user.token).toBe(person.token);
    expect(new Set([person.key, byEmail.auth.key, byToken.auth.key]).size).toBe(3);
  });

  it('answers 401 to a wrong password and to a missing device_id gives 400', async () => {
    const person = await newPerson(sandbox);
    const wrong = await failure(
      login(sandbox.apiUrl, { userId: person.email, password: 'nope', deviceId: 'd', version: '1' }),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.serverMessage).toBe('wrong user id or password');
    const response = await fetch(`${sandbox.apiUrl}/login`, {
      method: 'POST',
      headers: {
        authorization: `XMPP-Simple ${Buffer.from(`p:${person.email}:${person.password}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ version: '1' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { message: 'field "device_id" is required' } });
  });

  it('revokes the pair on logout, leaving the other devices signed in', async () => {
    const person = await newPerson(sandbox);
    const other = await login(sandbox.apiUrl, { userId: person.email, password: person.password, deviceId: 'd', version: '1' });
    await person.client.logout();
    expect((await failure(person.client.getUser())).status).toBe(401);
    const stillIn = createApiClient({ baseUrl: sandbox.apiUrl, credentials: other.auth });
    expect((await stillIn.getUser()).token).toBe(person.token);
  });

  it('refuses a wrong secret for a real key', async () => {
    const person = await newPerson(sandbox);
    const client = createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key: person.key, secret: 'guess' } });
    expect((await failure(client.getUser())).status).toBe(401);
  });
});

describe('users', () => {
  it('looks a person up by token or email, and answers 404 for an unknown one', async () => {
    const asker = await newPerson(sandbox);
    const target = await newPerson(sandbox, 'Fox Mulder');
    expect((await asker.client.lookupUser(target.token)).display_name).toBe('Fox Mulder');
    expect((await asker.client.lookupUser(target.email.toUpperCase())).token).toBe(target.token);
    const unknown = await failure(asker.client.lookupUser('nobody-here'));
    expect(unknown.status).toBe(404);
    expect(unknown.serverMessage).toBe('unknown user: nobody-here');
    expect((await failure(asker.client.getUserOrganizations('nobody-here'))).status).toBe(404);
  });
});

describe('the admin route POST /sandbox/accounts/{token}/remote-wipe', () => {
  it('stores a remote_wipe event for every key of the person', async () => {
    const person = await newPerson(sandbox);
    await login(sandbox.apiUrl, { userId: person.email, password: person.password, deviceId: 'd2', version: '1' });
    const response = await remoteWipe(person.token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ keys: 2 });
    const stream = await person.connect();
    await stream.replayDone();
    expect(replayed(stream.events).map((event) => [event.name, event.payload])).toEqual([
      ['remote_wipe', { account_id: person.token }],
    ]);
    stream.close();
    const unknown = await remoteWipe('nobody');
    expect(unknown.status).toBe(404);
  });
});
