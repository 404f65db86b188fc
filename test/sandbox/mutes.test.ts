import { describe, expect, it } from 'vitest';
import { login } from '../../main/core/api';
import { useSandbox } from '../support/sandbox-fixture';
import { basic, newPerson, withKey } from './support/people';
import type { TestPerson } from './support/people';

let clock = Date.parse('2026-12-05T08:00:00.000Z');
const sandbox = useSandbox({ now: () => clock });

interface Answer {
  status: number;
  json: unknown;
}

async function call(person: TestPerson, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(`${sandbox.apiUrl}${path}`, {
    method,
    headers: { authorization: basic(person), ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? null : JSON.parse(text) };
}

const list = async (person: TestPerson) => ((await call(person, 'GET', '/mute')).json as { reply: unknown[] }).reply;
const errorOf = (answer: Answer) => (answer.json as { error: { message: string } }).error.message;

async function secondDevice(person: TestPerson): Promise<TestPerson> {
  const second = await login(sandbox.apiUrl, { userId: person.email, password: person.password, deviceId: `second-${person.token}`, version: 'test' });
  return withKey(sandbox, { ...person, ...second.auth });
}

describe('mutes', () => {
  it('mutes a person, lists the mute with its minutes and start, and unmutes by headers', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const muted = await call(alice, 'POST', '/mute/p2p', {
      body: { sender_token: bob.token, sender_organization: sandbox.organizationKey, receiver_organization: sandbox.organizationKey, duration: '60' },
    });
    expect(muted.status).toBe(200);
    const entry = { sender_type: 'account', sender_token: bob.token, mute_duration: 60, mute_start: Math.floor(clock / 1000), organization_id: sandbox.organizationKey };
    expect((muted.json as { reply: unknown }).reply).toEqual(entry);
    expect(await list(alice)).toEqual([entry]);
    expect(await list(bob)).toEqual([]);

    const unmuted = await call(alice, 'DELETE', '/mute/p2p', {
      headers: { 'TT-X-Sender-Token': bob.token, 'TT-X-Sender-Organization': sandbox.organizationKey, 'TT-X-Receiver-Organization': sandbox.organizationKey },
    });
    expect(unmuted.status).toBe(204);
    expect(await list(alice)).toEqual([]);
  });

  it('mutes a group its caller belongs to, and a whole organization; DELETE /mute clears them all', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const group = await alice.client.createGroup({ name: 'Ward 4', members: [] });
    expect((await call(alice, 'POST', `/mute/group/${group.token}`, { body: { duration: 480 } })).status).toBe(200);
    expect((await call(alice, 'POST', `/mute/organization/${sandbox.organizationKey}`, { body: { duration: '525600' } })).status).toBe(200);
    expect((await list(alice)).map((mute) => (mute as { sender_type: string }).sender_type).sort()).toEqual(['group', 'organization']);

    expect((await call(alice, 'DELETE', `/mute/group/${group.token}`)).status).toBe(204);
    expect((await list(alice)).map((mute) => (mute as { sender_token: string }).sender_token)).toEqual([sandbox.organizationKey]);
    expect((await call(alice, 'DELETE', '/mute')).status).toBe(204);
    expect(await list(alice)).toEqual([]);
  });

  it('drops a mute once its minutes have run', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    await call(alice, 'POST', '/mute/p2p', { body: { sender_token: bob.token, duration: '1' } });
    clock += 59_000;
    expect(await list(alice)).toHaveLength(1);
    clock += 1_000;
    expect(await list(alice)).toEqual([]);
  });

  it('refuses a duration outside 1 to 525600 whole minutes, an unknown person or group, and a group the caller is not in', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    for (const duration of ['0', '525601', '1.5', 'an hour', -5]) {
      const answer = await call(alice, 'POST', '/mute/p2p', { body: { sender_token: bob.token, duration } });
      expect(answer.status, String(duration)).toBe(400);
      expect(errorOf(answer)).toContain('duration');
    }
    expect((await call(alice, 'POST', '/mute/p2p', { body: { sender_token: bob.token } })).status).toBe(400);
    expect((await call(alice, 'POST', '/mute/p2p', { body: { sender_token: 'nobody', duration: '5' } })).status).toBe(404);
    expect((await call(alice, 'POST', '/mute/p2p', { body: { sender_token: alice.token, duration: '5' } })).status).toBe(400);
    expect((await call(alice, 'POST', '/mute/group/no-such-group', { body: { duration: '5' } })).status).toBe(404);
    const bobsGroup = await bob.client.createGroup({ name: 'Bob only', members: [] });
    expect((await call(alice, 'POST', `/mute/group/${bobsGroup.token}`, { body: { duration: '5' } })).status).toBe(403);
    expect((await call(alice, 'POST', '/mute/organization/no-such-org', { body: { duration: '5' } })).status).toBe(404);
    expect((await call(alice, 'DELETE', '/mute/p2p')).status).toBe(400);
    expect(await list(alice)).toEqual([]);
  });

  it('tells the caller\'s other devices with conversation_mute events (add, del, clear), and not the calling one', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const aliceDesk = await secondDevice(alice);
    const deskStream = await aliceDesk.connect();
    const ownStream = await alice.connect();
    await call(alice, 'POST', '/mute/p2p', { body: { sender_token: bob.token, duration: '60' } });
    await call(alice, 'DELETE', '/mute/p2p', { headers: { 'TT-X-Sender-Token': bob.token } });
    await call(alice, 'POST', '/mute/p2p', { body: { sender_token: bob.token, duration: '60' } });
    await call(alice, 'DELETE', '/mute');
    const seen = await deskStream.waitForCount(4, (event) => event.name === 'conversation_mute');
    expect(seen.map((event) => event.payload['action'])).toEqual(['add', 'del', 'add', 'clear']);
    expect(seen[0]?.payload).toMatchObject({ sender_type: 'account', sender_token: bob.token, mute_duration: 60, organization_id: sandbox.organizationKey });
    expect(seen[1]?.payload).toEqual({ action: 'del', sender_type: 'account', sender_token: bob.token, organization_id: sandbox.organizationKey });
    expect(ownStream.named('conversation_mute')).toEqual([]);
    deskStream.close();
    ownStream.close();
  });
});
