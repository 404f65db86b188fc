import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { ChangeSet } from '../../preload/contract';
import { startSandbox } from '../../sandbox/index';
import { ApiError } from '../../main/core/api';
import { groupCalls } from '../../main/window-api/group-calls';
import type { CallHandlers } from '../../main/window-api/answer-call';
import { metadataCalls } from '../../main/window-api/metadata-calls';
import { restartableSandbox } from '../outbox/restartable-sandbox';
import { newPerson } from '../sandbox/support/people';
import { useSandbox } from '../support/sandbox-fixture';
import type { TestPerson } from '../sandbox/support/people';
import { call, signedIn, waitFor } from './support/signed-in-account';
import type { SignedIn } from './support/signed-in-account';

const sandbox = useSandbox();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setUp(): Promise<{ me: TestPerson; peer: TestPerson; account: SignedIn; handlers: Partial<CallHandlers> }> {
  const me = await newPerson(sandbox, 'Charge Nurse');
  const peer = await newPerson(sandbox, 'Night Doctor');
  const account = await signedIn(sandbox.apiUrl, me);
  cleanup.push(() => account.close());
  const current = () => account.runtime;
  return { me, peer, account, handlers: { ...groupCalls(current), ...metadataCalls(current) } };
}

const memberTokens = async (handlers: Partial<CallHandlers>, groupId: string) =>
  (await call(handlers, 'groupInfo', { groupId })).members.map((member) => member.token).sort();

describe('the group calls', () => {
  it('create a group on the server and show it with its members by name', async () => {
    const { me, peer, account, handlers } = await setUp();
    const created = await call(handlers, 'createGroup', { name: '  Ward 7 nights ', members: [peer.token], replayHistory: true });
    expect(created).toMatchObject({ kind: 'group', name: 'Ward 7 nights', unread: 0 });
    expect(account.runtime.sync.roster().map((conversation) => conversation.id)).toContain(created.id);
    expect((await peer.client.getGroup(created.id)).members.sort()).toEqual([me.token, peer.token].sort());

    // Members this account never wrote to are looked up for the card and kept.
    const info = await call(handlers, 'groupInfo', { groupId: created.id });
    expect(info).toMatchObject({ id: created.id, name: 'Ward 7 nights', avatar: null });
    expect(info.members.map((member) => [member.token, member.name]).sort()).toEqual(
      [[me.token, 'Charge Nurse'], [peer.token, 'Night Doctor']].sort(),
    );
    expect(account.runtime.store.people.user(peer.token)?.displayName).toBe('Night Doctor');
  });

  it('tell the window of a group created, and of its members once they are named', async () => {
    const { peer, account, handlers } = await setUp();
    const told: ChangeSet[] = [];
    onTestFinished(account.runtime.changes.subscribe((change) => told.push(change)));
    const created = await call(handlers, 'createGroup', { name: 'Bed meeting', members: [peer.token] });
    expect(told[0]?.conversations.map((conversation) => [conversation.id, conversation.name])).toEqual([[created.id, 'Bed meeting']]);

    await call(handlers, 'groupInfo', { groupId: created.id });
    const named = told.flatMap((change) => change.people).map((person) => [person.token, person.name]);
    expect(named).toContainEqual([peer.token, 'Night Doctor']);
  });

  it('add and remove members through the outbox, and leave the group', async () => {
    const { peer, account, handlers } = await setUp();
    const third = await newPerson(sandbox, 'Pharmacist');
    const group = await call(handlers, 'createGroup', { name: 'Discharge planning', members: [peer.token] });
    expect(await call(handlers, 'addGroupMembers', { groupId: group.id, members: [third.token] })).toEqual({ ok: true });
    await waitFor('the third member', async () => ((await memberTokens(handlers, group.id)).includes(third.token) ? true : undefined));
    expect((await peer.client.getGroup(group.id)).members).toContain(third.token);

    expect(await call(handlers, 'removeGroupMembers', { groupId: group.id, members: [third.token] })).toEqual({ ok: true });
    await waitFor('the third member gone', async () => ((await memberTokens(handlers, group.id)).includes(third.token) ? undefined : true));

    expect(await call(handlers, 'leaveGroup', { groupId: group.id })).toEqual({ ok: true });
    await waitFor('the leave to reach the server', () => (account.runtime.outbox.jobs().length === 0 ? true : undefined));
    expect((await peer.client.getGroup(group.id)).members).toEqual([peer.token]);
    await waitFor('the conversation gone', () => (account.runtime.sync.roster().some((c) => c.id === group.id) ? undefined : true));
  });

  it('list membership changes made offline as pending until the server has them', async () => {
    const server = await restartableSandbox();
    cleanup.push(() => server.remove());
    const [me, peer, third] = [await newPerson(server.first, 'Offline Nurse'), await newPerson(server.first, 'Staying Doctor'), await newPerson(server.first, 'Joining Porter')];
    const account = await signedIn(server.first.apiUrl, me);
    cleanup.push(() => account.close());
    const handlers = groupCalls(() => account.runtime);
    const group = await call(handlers, 'createGroup', { name: 'Night porters', members: [peer.token] });
    expect(await call(handlers, 'pendingMemberChanges', { groupId: group.id })).toEqual([]);

    await server.stop();
    await call(handlers, 'addGroupMembers', { groupId: group.id, members: [third.token] });
    await call(handlers, 'removeGroupMembers', { groupId: group.id, members: [peer.token] });
    const pending = await call(handlers, 'pendingMemberChanges', { groupId: group.id });
    expect(pending.map(({ person, change, failed }) => [person.token, change, failed])).toEqual([
      [third.token, 'add', false],
      [peer.token, 'remove', false],
    ]);
    expect(await memberTokens(handlers, group.id)).toEqual([me.token, peer.token].sort());
    expect(await call(handlers, 'pendingMemberChanges', { groupId: 'another-group' })).toEqual([]);

    await server.start();
    account.runtime.networkBack();
    await waitFor('the changes sent', async () => ((await call(handlers, 'pendingMemberChanges', { groupId: group.id })).length === 0 ? true : undefined));
    await waitFor('the members as the server has them', async () =>
      (await memberTokens(handlers, group.id)).join() === [me.token, third.token].sort().join() ? true : undefined,
    );
  });

  it('delete a group on the server', async () => {
    const { peer, account, handlers } = await setUp();
    const group = await call(handlers, 'createGroup', { name: 'Short lived', members: [peer.token] });
    expect(await call(handlers, 'deleteGroup', { groupId: group.id })).toEqual({ ok: true });
    const refused = await peer.client.getGroup(group.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(404);
    await waitFor('the conversation gone', () => (account.runtime.sync.roster().some((c) => c.id === group.id) ? undefined : true));
  });

  it('pass on the reason the server gives when it refuses', async () => {
    const { handlers } = await setUp();
    const outsider = await newPerson(sandbox, 'Outsider');
    const theirs = await outsider.client.createGroup({ name: 'Not mine', members: [] });
    await expect(call(handlers, 'deleteGroup', { groupId: theirs.token })).rejects.toThrow(
      `Deleting a group was refused by the server (HTTP 403: you are not a member of group ${theirs.token})`,
    );
  });

  it('rename a group and change its picture on the server, shown here at once and to the other member', async () => {
    const { peer, account, handlers } = await setUp();
    const group = await call(handlers, 'createGroup', { name: 'Old name', members: [peer.token] });
    const stream = await peer.connect();
    onTestFinished(() => stream.close());
    await call(handlers, 'renameGroup', { groupId: group.id, name: 'New name' });
    expect(account.runtime.sync.roster().find((c) => c.id === group.id)?.name).toBe('New name');
    expect((await peer.client.getGroup(group.id)).name).toBe('New name');
    await stream.waitFor((event) => event.name === 'update' && event.payload.name === 'New name');

    const bytes = new Uint8Array([137, 80, 78, 71, 1]);
    await call(handlers, 'setGroupAvatar', { groupId: group.id, avatar: { name: 'a.png', contentType: 'image/png', bytes } });
    const shown = (await call(handlers, 'groupInfo', { groupId: group.id })).avatar;
    expect(shown).toBe((await peer.client.getGroup(group.id)).avatar);
    expect(shown).toMatch(/\/avatar\?v=1$/);
  });

  it('pass on the server\'s refusal of a rename, and keep the name', async () => {
    const { handlers, account } = await setUp();
    const outsider = await newPerson(sandbox, 'Outsider');
    const theirs = await outsider.client.createGroup({ name: 'Not mine', members: [] });
    await expect(call(handlers, 'renameGroup', { groupId: theirs.token, name: 'Mine now' })).rejects.toThrow(
      `Renaming a group was refused by the server (HTTP 403: you are not a member of group ${theirs.token})`,
    );
    expect((await outsider.client.getGroup(theirs.token)).name).toBe('Not mine');
    expect(account.runtime.store.people.group(theirs.token)).toBeUndefined();
  });

  it('look up a group not held yet, and refuse one the server does not know', async () => {
    const { me, peer, handlers } = await setUp();
    const made = await peer.client.createGroup({ name: 'Made elsewhere', members: [me.token] });
    expect((await call(handlers, 'groupInfo', { groupId: made.token })).name).toBe('Made elsewhere');
    await expect(call(handlers, 'groupInfo', { groupId: 'no-such-group' })).rejects.toMatchObject({ message: 'There is no group no-such-group', code: 'not-found' });
  });
});

describe('the metadata calls', () => {
  it('merge, read and clear the keys of a group', async () => {
    const { peer, handlers } = await setUp();
    const group = await call(handlers, 'createGroup', { name: 'Bed board', members: [peer.token] });
    expect(await call(handlers, 'setMetadata', { entity: group.id, values: { ward: '7B' } })).toEqual({ ward: '7B' });
    expect(await call(handlers, 'setMetadata', { entity: group.id, values: { beds: '12' } })).toEqual({ ward: '7B', beds: '12' });
    expect(await call(handlers, 'getMetadata', { entity: group.id })).toEqual({ ward: '7B', beds: '12' });
    expect(await call(handlers, 'clearMetadata', { entity: group.id })).toEqual({ ok: true });
    expect(await call(handlers, 'getMetadata', { entity: group.id })).toEqual({});
  });

  it('refuse more than 8 keys before anything is sent', async () => {
    const { handlers, me } = await setUp();
    const values = Object.fromEntries(Array.from({ length: 9 }, (_, n) => [`k${n}`, 'v']));
    await expect(call(handlers, 'setMetadata', { entity: me.token, values })).rejects.toThrow('Metadata holds at most 8 keys');
    expect(await call(handlers, 'getMetadata', { entity: me.token })).toEqual({});
  });
});

describe('with the server out of reach', () => {
  it('creating or deleting a group and metadata are refused with a plain reason', async () => {
    const own = await startSandbox({ port: 0 });
    const me = await newPerson(own, 'Offline Nurse');
    const account = await signedIn(own.apiUrl, me);
    cleanup.push(() => account.close());
    const current = () => account.runtime;
    const handlers = { ...groupCalls(current), ...metadataCalls(current) };
    await own.close();
    await expect(call(handlers, 'createGroup', { name: 'Too late', members: ['someone@example.test'] })).rejects.toMatchObject({
      message: 'Creating a group needs a connection to the server, which cannot be reached now; nothing was changed',
      code: 'offline',
    });
    await expect(call(handlers, 'deleteGroup', { groupId: 'group-1' })).rejects.toThrow('Deleting a group needs a connection');
    await expect(call(handlers, 'getMetadata', { entity: me.token })).rejects.toThrow('Reading metadata needs a connection');
    await expect(call(handlers, 'groupInfo', { groupId: 'group-1' })).rejects.toMatchObject({
      message: 'The group group-1 is not known here, and the server cannot be reached to look it up',
      code: 'offline',
    });
  });

  it('membership changes are queued and refused only with no account', async () => {
    const offline = groupCalls(() => null);
    await expect(call(offline, 'addGroupMembers', { groupId: 'g', members: ['u'] })).rejects.toThrow('No account is signed in');
    const { account, handlers } = await setUp();
    account.runtime.outbox.networkLost();
    expect(await call(handlers, 'addGroupMembers', { groupId: 'group-x', members: ['user-y'] })).toEqual({ ok: true });
    expect(account.runtime.outbox.jobs()).toMatchObject([{ kind: 'add-members', conversationId: 'group-x', state: 'pending' }]);
  });
});
