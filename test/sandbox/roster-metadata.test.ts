import { describe, expect, it } from 'vitest';
import { useSandbox } from '../support/sandbox-fixture';
import { failure } from './support/api-failure';
import { basic, newPerson } from './support/people';
import { replayed } from './support/stream';

const sandbox = useSandbox();

describe('the roster', () => {
  it('lists everyone the person has a conversation with and every group they belong to', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const carol = await newPerson(sandbox, 'Carol');
    await bob.client.sendMessage({ recipient: alice.token, body: 'hi', senderOrganization: sandbox.organizationKey });
    const group = await carol.client.createGroup({ name: 'Team', members: [alice.token] });
    const roster = await alice.client.getRoster();
    expect(roster.map((entry) => [entry.type, entry.token, entry.display_name ?? entry.name])).toEqual([
      ['tigertext:entity:account', bob.token, 'Bob'],
      ['tigertext:entity:group', group.token, 'Team'],
    ]);
    expect(roster.every((entry) => entry.organization_key === sandbox.organizationKey)).toBe(true);
  });

  it('adds a person, and removing a 1:1 conversation deletes its messages for that person only', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    await alice.client.addToRoster(bob.token, 'tigertext:entity:account');
    expect((await alice.client.getRoster()).map((entry) => entry.token)).toEqual([bob.token]);
    const { messageId } = await bob.client.sendMessage({ recipient: alice.token, body: 'x', senderOrganization: sandbox.organizationKey });
    await alice.client.removeFromRoster(bob.token);
    expect(await alice.client.getRoster()).toEqual([]);
    expect((await failure(alice.client.getMessage(messageId))).status).toBe(404);
    expect((await bob.client.getMessage(messageId)).body).toBe('x');
    const stream = await alice.connect();
    await stream.replayDone();
    // Bob's message is gone from Alice's queue; what is left says Bob came onto her roster and left it.
    expect(replayed(stream.events).map((event) => [event.name, (event.payload.friend as { action: string }).action])).toEqual([
      ['friends', 'add'],
      ['friends', 'del'],
    ]);
    stream.close();
  });

  it('leaves a group removed from the roster', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const owner = await newPerson(sandbox, 'Owner');
    const group = await owner.client.createGroup({ name: 'Leaving', members: [alice.token] });
    await alice.client.removeFromRoster(group.token);
    expect((await owner.client.getGroup(group.token)).members).toEqual([owner.token]);
  });

  it('refuses an unknown entity type with 400 and an unknown person with 404', async () => {
    const alice = await newPerson(sandbox);
    expect((await failure(alice.client.addToRoster('nobody', 'tigertext:entity:account'))).status).toBe(404);
    const response = await fetch(`${sandbox.apiUrl}/roster`, {
      method: 'POST',
      headers: { authorization: basic(alice), 'content-type': 'application/json' },
      body: JSON.stringify({ entity: alice.token, type: 'tigertext:entity:planet' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('tigertext:entity:planet');
  });
});

describe('metadata', () => {
  it('merges on POST, reads back, and clears on DELETE', async () => {
    const alice = await newPerson(sandbox);
    await alice.client.setMetadata(alice.token, { pager: '555-0100', on_call: true });
    await alice.client.setMetadata(alice.token, { pager: '555-0199', floor: 4 });
    expect(await alice.client.getMetadata(alice.token)).toEqual({ pager: '555-0199', on_call: true, floor: 4 });
    await alice.client.clearMetadata(alice.token);
    expect(await alice.client.getMetadata(alice.token)).toEqual({});
  });

  it('holds at most 8 keys and refuses nested values, changing nothing', async () => {
    const alice = await newPerson(sandbox);
    await alice.client.setMetadata(alice.token, Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`k${i}`, i])));
    const tooMany = await failure(alice.client.setMetadata(alice.token, { a: 1, b: 2, c: 3 }));
    expect(tooMany.status).toBe(400);
    expect(tooMany.serverMessage).toBe('metadata holds at most 8 keys; this would make 9');
    const nested = await fetch(`${sandbox.apiUrl}/metadata/${alice.token}`, {
      method: 'POST',
      headers: { authorization: basic(alice), 'content-type': 'application/json' },
      body: JSON.stringify({ deep: { no: 1 } }),
    });
    expect(nested.status).toBe(400);
    expect(Object.keys(await alice.client.getMetadata(alice.token))).toHaveLength(6);
  });

  it('works on a group for its members and not for others', async () => {
    const owner = await newPerson(sandbox);
    const outsider = await newPerson(sandbox);
    const group = await owner.client.createGroup({ name: 'Meta', members: [] });
    await owner.client.setMetadata(group.token, { topic: 'handoffs' });
    expect(await owner.client.getMetadata(group.token)).toEqual({ topic: 'handoffs' });
    expect((await failure(outsider.client.getMetadata(group.token))).status).toBe(403);
    expect((await failure(outsider.client.setMetadata(owner.token, { x: 1 }))).status).toBe(403);
    expect((await failure(owner.client.getMetadata('unknown-entity'))).status).toBe(404);
  });
});
