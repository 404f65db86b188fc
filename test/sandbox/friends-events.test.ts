/**
 * `friends` events ("Roster changes" in API.md): every session of an account whose roster
 * really changed hears `add` (with the entry as the roster shows it) or `del`, in the
 * organization of that roster, stored for replay; nothing when the roster stayed as it was.
 */
import { describe, expect, it } from 'vitest';
import { login } from '../../main/core/api';
import { useSandbox } from '../support/sandbox-fixture';
import { basic, newPerson, withKey } from './support/people';
import { callSandbox, type SandboxAnswer } from './support/sandbox-call';
import type { TestPerson } from './support/people';
import { replayed } from './support/stream';
import type { StreamEvent } from './support/stream';

const sandbox = useSandbox();

const call = (person: TestPerson | null, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) =>
  callSandbox(sandbox, person, method, path, options);

const errorOf = (answer: SandboxAnswer) => [answer.status, (answer.body['error'] as { message?: string } | undefined)?.message];

/** The `friend` payloads a fresh stream of this key replays: what the server stored for it. */
async function friendsOf(person: TestPerson): Promise<Record<string, unknown>[]> {
  const reader = await person.connect();
  try {
    await reader.replayDone();
    return replayed(reader.events)
      .filter((event: StreamEvent) => event.name === 'friends')
      .map((event) => event.payload['friend'] as Record<string, unknown>);
  } finally {
    reader.close();
  }
}

/** A second device (key) of the same person. */
async function secondDevice(person: TestPerson): Promise<TestPerson> {
  const { auth } = await login(sandbox.apiUrl, { userId: person.email, password: person.password, deviceId: 'second', version: 'test' });
  return withKey(sandbox, { ...person, ...auth });
}

const short = (friend: Record<string, unknown>) => [friend['action'], friend['organization_id'], friend['type'], friend['token']];

describe('friends events from messages', () => {
  it('tells both people of a first 1:1 message, each in the organization of their own roster, and nothing for the next one', async () => {
    const northside = sandbox.northsideOrganizationKey;
    const demo = sandbox.organizationKey;
    const alice = await newPerson(sandbox, 'Alice Both', [demo, northside]);
    const bob = await newPerson(sandbox, 'Bob North', [northside]);
    const body = { recipient: bob.token, body: 'first', sender_organization: demo, recipient_organization: northside };
    expect((await call(alice, 'POST', '/message', { body })).status).toBe(204);
    expect((await call(alice, 'POST', '/message', { body: { ...body, body: 'second' } })).status).toBe(204);

    const toAlice = await friendsOf(alice);
    expect(toAlice.map(short)).toEqual([['add', demo, 'tigertext:entity:account', bob.token]]);
    expect(toAlice[0]).toMatchObject({ display_name: 'Bob North', organization_key: demo });
    expect(toAlice[0]!['avatar']).toBe(`${sandbox.url}/v2/user/${bob.token}/avatar`);
    const toBob = await friendsOf(bob);
    expect(toBob.map(short)).toEqual([['add', northside, 'tigertext:entity:account', alice.token]]);
    expect(toBob[0]).toMatchObject({ display_name: 'Alice Both', organization_key: northside, first_name: 'Alice', last_name: 'Both' });
  });

  it('sends none for group messages or group creation', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const group = await alice.client.createGroup({ name: 'No friends here', members: [bob.token] });
    await bob.client.sendMessage({ recipient: group.token, body: 'to the group', senderOrganization: sandbox.organizationKey });
    expect(await friendsOf(alice)).toEqual([]);
    expect(await friendsOf(bob)).toEqual([]);
  });
});

describe('friends events from the roster routes', () => {
  it('tells every device of the caller of a person added by POST /v2/roster, once, and the person nothing', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const aliceTwo = await secondDevice(alice);
    const bob = await newPerson(sandbox, 'Bob Added');
    const form = new URLSearchParams({ entity: bob.token, type: 'tigertext:entity:account' });
    const first = await fetch(`${sandbox.apiUrl}/roster`, { method: 'POST', headers: { authorization: basic(alice) }, body: form });
    expect(first.status).toBe(200);
    await alice.client.addToRoster(bob.token, 'tigertext:entity:account');
    for (const device of [alice, aliceTwo]) {
      const friends = await friendsOf(device);
      expect(friends.map(short)).toEqual([['add', sandbox.organizationKey, 'tigertext:entity:account', bob.token]]);
      expect(friends[0]).toMatchObject({ display_name: 'Bob Added', organization_key: sandbox.organizationKey });
    }
    expect(await friendsOf(bob)).toEqual([]);
  });

  it('tells every device of the caller of a person removed by DELETE /v2/roster, and nothing when they were not on it', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const aliceTwo = await secondDevice(alice);
    const bob = await newPerson(sandbox, 'Bob');
    const carol = await newPerson(sandbox, 'Carol Stranger');
    await alice.client.addToRoster(bob.token, 'tigertext:entity:account');
    await alice.client.removeFromRoster(bob.token);
    await alice.client.removeFromRoster(bob.token);
    await alice.client.removeFromRoster(carol.token);
    for (const device of [alice, aliceTwo]) {
      const friends = await friendsOf(device);
      expect(friends.map(short)).toEqual([
        ['add', sandbox.organizationKey, 'tigertext:entity:account', bob.token],
        ['del', sandbox.organizationKey, 'tigertext:entity:account', bob.token],
      ]);
    }
  });

  it('removes in the organization named, leaving the same person in another', async () => {
    const northside = sandbox.northsideOrganizationKey;
    const alice = await newPerson(sandbox, 'Alice', [sandbox.organizationKey, northside]);
    const bob = await newPerson(sandbox, 'Bob', [sandbox.organizationKey, northside]);
    await alice.client.addToRoster(bob.token, 'tigertext:entity:account');
    await alice.client.addToRoster(bob.token, 'tigertext:entity:account', { organizationKey: northside });
    expect((await call(alice, 'DELETE', `/roster/${bob.token}`, { headers: { 'TT-X-Organization-Key': northside } })).status).toBe(200);
    expect((await friendsOf(alice)).map(short)).toEqual([
      ['add', sandbox.organizationKey, 'tigertext:entity:account', bob.token],
      ['add', northside, 'tigertext:entity:account', bob.token],
      ['del', northside, 'tigertext:entity:account', bob.token],
    ]);
  });
});

describe('the admin roster routes', () => {
  it('add a person to a roster in the account\'s home organization by default, telling every device once', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const aliceTwo = await secondDevice(alice);
    const bob = await newPerson(sandbox, 'Bob Admin');
    expect(await call(null, 'POST', '/sandbox/roster', { body: { account: alice.token, entity: bob.token } })).toEqual({ status: 200, body: {} });
    expect(await call(null, 'POST', '/sandbox/roster', { body: { account: alice.token, entity: bob.token } })).toEqual({ status: 200, body: {} });
    expect((await alice.client.getRoster()).map((entry) => entry.token)).toEqual([bob.token]);
    for (const device of [alice, aliceTwo]) {
      const friends = await friendsOf(device);
      expect(friends.map(short)).toEqual([['add', sandbox.organizationKey, 'tigertext:entity:account', bob.token]]);
      expect(friends[0]).toMatchObject({ display_name: 'Bob Admin' });
    }
    expect(await friendsOf(bob)).toEqual([]);
  });

  it('add in the organization named, and a northside person\'s home is Northside', async () => {
    const northside = sandbox.northsideOrganizationKey;
    const nora = await newPerson(sandbox, 'Nora North', [northside]);
    const olaf = await newPerson(sandbox, 'Olaf North', [northside, sandbox.organizationKey]);
    const alice = await newPerson(sandbox, 'Alice', [sandbox.organizationKey, northside]);
    expect((await call(null, 'POST', '/sandbox/roster', { body: { account: nora.token, entity: olaf.token } })).status).toBe(200);
    expect((await call(null, 'POST', '/sandbox/roster', { body: { account: alice.token, entity: olaf.token, organization: northside } })).status).toBe(200);
    expect((await friendsOf(nora)).map(short)).toEqual([['add', northside, 'tigertext:entity:account', olaf.token]]);
    expect((await friendsOf(alice)).map(short)).toEqual([['add', northside, 'tigertext:entity:account', olaf.token]]);
    expect(await alice.client.getRoster()).toEqual([]);
  });

  it('remove a person from a roster with del, keeping the messages, and answer 404 when they are not on it', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const { messageId } = await bob.client.sendMessage({ recipient: alice.token, body: 'kept', senderOrganization: sandbox.organizationKey });
    const change = { account: alice.token, entity: bob.token };
    expect(await call(null, 'POST', '/sandbox/roster/remove', { body: change })).toEqual({ status: 200, body: {} });
    expect(await alice.client.getRoster()).toEqual([]);
    expect((await alice.client.getMessage(messageId)).body).toBe('kept');
    expect(errorOf(await call(null, 'POST', '/sandbox/roster/remove', { body: change }))).toEqual([
      404,
      `field "entity": ${bob.token} is not on the roster of ${alice.token} in organization ${sandbox.organizationKey}`,
    ]);
    expect((await friendsOf(alice)).map(short)).toEqual([
      ['add', sandbox.organizationKey, 'tigertext:entity:account', bob.token],
      ['del', sandbox.organizationKey, 'tigertext:entity:account', bob.token],
    ]);
  });

  it('refuse bad input naming the field, changing nothing', async () => {
    const northside = sandbox.northsideOrganizationKey;
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const nora = await newPerson(sandbox, 'Nora', [northside]);
    const cases: [unknown, number, string][] = [
      [{ entity: bob.token }, 400, 'field "account" is required'],
      [{ account: alice.token }, 400, 'field "entity" is required'],
      [{ account: 'no-such-person', entity: bob.token }, 404, 'field "account": unknown person "no-such-person"'],
      [{ account: alice.token, entity: 'no-such-person' }, 404, 'field "entity": unknown person "no-such-person"'],
      [{ account: alice.token, entity: bob.token, organization: 'no-such-org' }, 404, 'field "organization": unknown organization "no-such-org"'],
      [{ account: alice.token, entity: nora.token }, 400, `field "entity": ${nora.token} is not in organization ${sandbox.organizationKey}`],
      [{ account: alice.token, entity: bob.token, organization: northside }, 400, `field "account": ${alice.token} is not in organization ${northside}`],
      [{ account: alice.token, entity: alice.token }, 400, 'field "entity" must be another person than "account"'],
      [{ account: 42, entity: bob.token }, 400, 'field "account" must be a string'],
    ];
    for (const path of ['/sandbox/roster', '/sandbox/roster/remove']) {
      for (const [body, status, message] of cases) {
        expect(errorOf(await call(null, 'POST', path, { body }))).toEqual([status, message]);
      }
    }
    expect(await alice.client.getRoster()).toEqual([]);
    expect(await friendsOf(alice)).toEqual([]);
  });
});
