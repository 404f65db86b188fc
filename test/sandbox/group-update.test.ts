import { describe, expect, it } from 'vitest';
import { useSandbox } from '../support/sandbox-fixture';
import { basic, newPerson } from './support/people';
import type { TestPerson } from './support/people';
import { useOpenStreams } from './support/open-streams';

const sandbox = useSandbox();
const { listen } = useOpenStreams();

async function people(n: number): Promise<TestPerson[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => newPerson(sandbox, `Member ${i}`)));
}

async function post(person: TestPerson, path: string, body: string | FormData, contentType?: string) {
  const response = await fetch(`${sandbox.apiUrl}${path}`, {
    method: 'POST',
    headers: { authorization: basic(person), ...(contentType === undefined ? {} : { 'content-type': contentType }) },
    body,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { reply: Record<string, unknown>; error: { message: string } } };
}

describe('group update', () => {
  it('renames a group, and every member hears of it by an update event', async () => {
    const [owner, a] = await people(2);
    const group = await owner!.client.createGroup({ name: 'Night shift', members: [a!.token] });
    const stream = await listen(a!);
    const reply = await post(owner!, `/group/${group.token}`, JSON.stringify({ name: '  Day shift ' }), 'application/json');
    expect(reply.status).toBe(200);
    expect(reply.body.reply).toMatchObject({ token: group.token, name: 'Day shift', members: [owner!.token, a!.token] });
    expect(reply.headers.get('tt-x-group-avatar')).toBeNull();
    const update = await stream.waitFor((event) => event.name === 'update' && event.payload.name === 'Day shift');
    expect(update.payload).toMatchObject({ type: 'tigertext:entity:group', token: group.token });
    expect((await a!.client.getGroup(group.token)).name).toBe('Day shift');
  });

  it('replaces the members with the whole new list; those leaving and those joining all get the update', async () => {
    const [owner, stays, leaves, joins] = await people(4);
    const group = await owner!.client.createGroup({ name: 'Rota', members: [stays!.token, leaves!.token] });
    const [leaving, joining] = await Promise.all([listen(leaves!), listen(joins!)]);
    const form = new URLSearchParams({ members: `${owner!.token},${stays!.token},${joins!.email}`, replay_history: 'true' });
    const reply = await post(owner!, `/group/${group.token}`, form.toString(), 'application/x-www-form-urlencoded');
    expect(reply.status).toBe(200);
    expect(reply.body.reply).toMatchObject({ members: [owner!.token, stays!.token, joins!.token], replay_history: true });
    for (const stream of [leaving, joining]) {
      const update = await stream.waitFor((event) => event.name === 'update' && event.payload.token === group.token && event.payload.replay_history === true);
      expect(update.payload.members).toEqual([owner!.token, stays!.token, joins!.token]);
    }
    const members = await fetch(`${sandbox.apiUrl}/group/${group.token}/members`, { headers: { authorization: basic(joins!) } });
    const { reply: listed } = (await members.json()) as { reply: { token: string; display_name: string }[] };
    expect(listed.map((member) => member.token)).toEqual([owner!.token, stays!.token, joins!.token]);
    expect(listed[1]!.display_name).toBe('Member 1');
    const gone = await fetch(`${sandbox.apiUrl}/group/${group.token}/members`, { headers: { authorization: basic(leaves!) } });
    expect(gone.status).toBe(403);
  });

  it('changes the picture by multipart, giving its new address in TT-X-Group-Avatar', async () => {
    const [owner, a] = await people(2);
    const group = await owner!.client.createGroup({ name: 'Pictured', members: [a!.token] });
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 7, 7, 7]);
    const form = new FormData();
    form.append('avatar', new Blob([bytes], { type: 'image/png' }), 'new.png');
    const reply = await post(owner!, `/group/${group.token}`, form);
    expect(reply.status).toBe(200);
    const address = reply.headers.get('tt-x-group-avatar');
    expect(address).toBe(reply.body.reply.avatar);
    const image = await fetch(address!, { headers: { authorization: basic(a!) } });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);

    const again = new FormData();
    again.append('avatar', new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), 'again.jpg');
    const second = await post(owner!, `/group/${group.token}`, again);
    expect(second.headers.get('tt-x-group-avatar')).not.toBe(address);
  });

  it('refuses bad input with a 4xx naming the field, and changes nothing', async () => {
    const [owner, a, outsider] = await people(3);
    const group = await owner!.client.createGroup({ name: 'Kept', members: [a!.token] });
    const path = `/group/${group.token}`;
    const json = 'application/json';
    expect(await post(owner!, path, '{}', json)).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^nothing to change/) } } });
    expect((await post(owner!, path, JSON.stringify({ name: '  ' }), json)).body.error.message).toBe('field "name" must not be empty');
    expect((await post(owner!, path, JSON.stringify({ name: 'x'.repeat(101) }), json)).body.error.message).toBe('field "name" must be at most 100 characters');
    expect((await post(owner!, path, JSON.stringify({ name: 7 }), json)).body.error.message).toBe('field "name" must be a string');
    expect((await post(owner!, path, JSON.stringify({ members: '' }), json)).body.error.message).toBe('field "members" must name at least one member');
    expect((await post(owner!, path, JSON.stringify({ replay_history: 'maybe' }), json)).body.error.message).toBe('field "replay_history" must be a boolean');
    expect(await post(owner!, path, JSON.stringify({ name: 'New', members: [owner!.token, 'no-such-person'] }), json)).toMatchObject({ status: 404, body: { error: { message: 'unknown user: no-such-person' } } });
    const text = new FormData();
    text.append('avatar', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
    expect(await post(owner!, path, text)).toMatchObject({ status: 400, body: { error: { message: 'avatar must be an image, not text/plain' } } });
    expect((await post(outsider!, path, JSON.stringify({ name: 'Mine' }), json)).status).toBe(403);
    expect((await post(owner!, '/group/no-such-group', JSON.stringify({ name: 'Mine' }), json)).status).toBe(404);
    const kept = await a!.client.getGroup(group.token);
    expect(kept).toMatchObject({ name: 'Kept', members: [owner!.token, a!.token] });
    expect(kept.avatar ?? null).toBeNull();
  });
});
