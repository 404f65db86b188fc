import { describe, expect, it } from 'vitest';
import { login } from '../../main/core/api';
import { useSandbox } from '../support/sandbox-fixture';
import { failure } from './support/api-failure';
import { basic, newPerson, withKey } from './support/people';
import type { TestPerson } from './support/people';
import { replayed } from './support/stream';
import { useOpenStreams } from './support/open-streams';

const sandbox = useSandbox();
const { listen } = useOpenStreams();

async function people(n: number): Promise<TestPerson[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => newPerson(sandbox, `Member ${i}`)));
}

describe('groups', () => {
  it('creates a group with its creator as a member, an avatar, and a TT-X-Group-Token header', async () => {
    const [owner, a, b] = await people(3);
    const avatar = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    const form = new FormData();
    form.append('name', 'Night shift');
    form.append('members', `${a!.token},${b!.email}`);
    form.append('replay_history', 'true');
    form.append('avatar', new Blob([avatar], { type: 'image/png' }), 'avatar.png');
    const response = await fetch(`${sandbox.apiUrl}/group/`, {
      method: 'POST',
      headers: { authorization: basic(owner!), 'tt-x-organization-key': sandbox.organizationKey },
      body: form,
    });
    expect(response.status).toBe(200);
    const { reply } = (await response.json()) as { reply: Record<string, unknown> };
    expect(response.headers.get('tt-x-group-token')).toBe(reply.token);
    expect(reply).toMatchObject({
      name: 'Night shift',
      members: [owner!.token, a!.token, b!.token],
      num_members: 3,
      created_by: owner!.token,
      replay_history: true,
    });
    const image = await fetch(String(reply.avatar), { headers: { authorization: basic(a!) } });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(Buffer.from(avatar))).toBe(true);
    const group = await a!.client.getGroup(String(reply.token));
    expect(group.name).toBe('Night shift');
  });

  it('takes the API client\'s multipart group creation, members comma-separated', async () => {
    const [owner, a, b] = await people(3);
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7]);
    const group = await owner!.client.createGroup({
      name: 'With avatar',
      members: [a!.token, b!.email],
      replayHistory: false,
      avatar: { name: 'face.jpg', contentType: 'image/jpeg', bytes },
    });
    expect(group.members).toEqual([owner!.token, a!.token, b!.token]);
    expect(group.replay_history).toBe(false);
    const image = await fetch(group.avatar!, { headers: { authorization: basic(b!) } });
    expect(Buffer.from(await image.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses an avatar that is not an image', async () => {
    const [owner] = await people(1);
    const error = await failure(
      owner!.client.createGroup({
        name: 'Bad avatar',
        members: [],
        avatar: { name: 'x.txt', contentType: 'text/plain', bytes: new Uint8Array([1]) },
      }),
    );
    expect(error.status).toBe(400);
    expect(error.serverMessage).toBe('avatar must be an image, not text/plain');
  });

  it('fans a group message out to every member and every device, sender included', async () => {
    const [owner, ...members] = await people(6);
    const group = await owner!.client.createGroup({ name: 'Fan-out', members: members.map((m) => m.token) });
    const streams = await Promise.all([owner!, ...members].map((person) => listen(person)));
    const { messageId } = await owner!.client.sendMessage({
      recipient: group.token,
      body: 'to everyone',
      senderOrganization: sandbox.organizationKey,
    });
    for (const stream of streams) {
      const event = await stream.waitFor((e) => e.name === 'group_message');
      expect(event.payload).toMatchObject({ message_id: messageId, group_token: group.token, body: 'to everyone' });
    }
  });

  it('reports per-member status on group messages to the sender', async () => {
    const [owner, a, b] = await people(3);
    const group = await owner!.client.createGroup({ name: 'Status', members: [a!.token, b!.token] });
    const ownerStream = await listen(owner!);
    const { messageId } = await owner!.client.sendMessage({ recipient: group.token, body: 'read me', senderOrganization: sandbox.organizationKey });
    await a!.client.updateMessageStatus({ read: [messageId] });
    await b!.client.updateMessageStatus({ delivered: [messageId] });
    const events = await ownerStream.waitForCount(2, (e) => e.name === 'group:message:status');
    expect(events.map((e) => [e.payload.account_id, e.payload.status, e.payload.group_token])).toEqual([
      [a!.token, 'Read', group.token],
      [b!.token, 'Delivered', group.token],
    ]);
    const report = await owner!.client.getMessageStatus(messageId);
    expect(new Map(report.statuses.map((s) => [s.account_id, s.status]))).toEqual(
      new Map([
        [a!.token, 'Read'],
        [b!.token, 'Delivered'],
      ]),
    );
  });

  it('sends bang events on members added and removed, and honours replay_history for new members', async () => {
    const [owner, a, late, other] = await people(4);
    const withHistory = await owner!.client.createGroup({ name: 'History', members: [a!.token], replayHistory: true });
    const without = await owner!.client.createGroup({ name: 'No history', members: [a!.token], replayHistory: false });
    await owner!.client.sendMessage({ recipient: withHistory.token, body: 'before you joined', senderOrganization: sandbox.organizationKey });
    await owner!.client.sendMessage({ recipient: without.token, body: 'private past', senderOrganization: sandbox.organizationKey });
    const aStream = await listen(a!);
    const lateStream = await listen(late!);
    await owner!.client.addGroupMembers(withHistory.token, [late!.token]);
    await owner!.client.addGroupMembers(without.token, [late!.token, other!.email]);
    const added = await aStream.waitFor((e) => e.name === 'bang' && e.payload.subject_entity === late!.token);
    expect(added.payload).toEqual({
      event: 'added',
      subject_entity: late!.token,
      target_entity: withHistory.token,
      caller_entity: owner!.token,
      organization_id: sandbox.organizationKey,
    });
    const history = await lateStream.waitFor((e) => e.name === 'group_message');
    expect(history.payload.body).toBe('before you joined');
    await lateStream.waitForCount(2, (e) => e.name === 'bang' && e.payload.event === 'added' && e.payload.subject_entity === late!.token);
    expect(lateStream.named('group_message').map((e) => e.payload.body)).toEqual(['before you joined']);

    const newDevice = await login(sandbox.apiUrl, { userId: late!.email, password: late!.password, deviceId: 'd2', version: '1' });
    const newDeviceStream = await listen(withKey(sandbox, { ...late!, ...newDevice.auth }));
    expect(replayed(newDeviceStream.events).filter((e) => e.name === 'group_message').map((e) => e.payload.body)).toEqual([
      'before you joined',
    ]);

    await owner!.client.removeGroupMembers(withHistory.token, [a!.token]);
    const removed = await aStream.waitFor((e) => e.name === 'bang' && e.payload.event === 'removed');
    expect(removed.payload).toMatchObject({ subject_entity: a!.token, target_entity: withHistory.token });
    expect((await owner!.client.getGroup(withHistory.token)).members).toEqual([owner!.token, late!.token]);
    expect((await failure(a!.client.getGroup(withHistory.token))).status).toBe(403);
  });

  it('refuses messages to a group from a non-member', async () => {
    const [owner, outsider] = await people(2);
    const group = await owner!.client.createGroup({ name: 'Closed', members: [] });
    const error = await failure(
      outsider!.client.sendMessage({ recipient: group.token, body: 'let me in', senderOrganization: sandbox.organizationKey }),
    );
    expect(error.status).toBe(403);
    expect(error.serverMessage).toContain(group.token);
  });

  it('deletes a group idempotently, telling each member they are out', async () => {
    const [owner, a] = await people(2);
    const group = await owner!.client.createGroup({ name: 'Short-lived', members: [a!.token] });
    const aStream = await listen(a!);
    await owner!.client.deleteGroup(group.token);
    await owner!.client.deleteGroup(group.token);
    const bang = await aStream.waitFor((e) => e.name === 'bang');
    expect(bang.payload).toMatchObject({ event: 'removed', subject_entity: a!.token, target_entity: group.token });
    expect((await failure(owner!.client.getGroup(group.token))).status).toBe(404);
    expect((await failure(owner!.client.deleteGroup('no-such-group'))).status).toBe(404);
    const roster = await a!.client.getRoster();
    expect(roster.map((entry) => entry.token)).not.toContain(group.token);
  });

  it('tells members of a new group about it with an update event', async () => {
    const [owner, a] = await people(2);
    const aStream = await listen(a!);
    const group = await owner!.client.createGroup({ name: 'Announced', members: [a!.token] });
    const update = await aStream.waitFor((e) => e.name === 'update');
    expect(update.payload).toMatchObject({ type: 'tigertext:entity:group', token: group.token, name: 'Announced' });
    aStream.close();
    const again = await listen(a!);
    expect(replayed(again.events).map((e) => e.name)).toEqual(['update']);
  });
});
