import { describe, expect, it, onTestFinished } from 'vitest';
import { createDoNotDisturbPublisher } from '../../main/core/account/dnd-publisher';
import type { DoNotDisturbState } from '../../main/core/account/dnd-publisher';
import { createLogger } from '../../main/core/log/logger';
import { profileCalls } from '../../main/window-api/profile-calls';
import { useSandbox } from '../support/sandbox-fixture';
import { call, signedIn, signedInWithPeer, waitFor } from './support/signed-in-account';

const sandbox = useSandbox();

/** Me signed in, and a colleague signed in on their own runtime who shares a group with me. */
async function colleagues() {
  const { me, peer, account } = await signedInWithPeer(sandbox, { me: 'Dana Reyes', peer: 'Sam Cole' });
  const theirs = await signedIn(sandbox.apiUrl, peer);
  onTestFinished(() => theirs.close());
  await peer.client.createGroup({ name: 'Ward 4', members: [me.token] });
  // As the colleague's window does on opening the group's card.
  theirs.runtime.sync.rememberPeople([await peer.client.lookupUser(me.token)]);
  expect(theirs.runtime.sync.person(me.token).name).toBe('Dana Reyes');
  const handlers = profileCalls(() => account.runtime);
  return { me, peer, account, theirs, handlers };
}

describe('the own profile', () => {
  it('reads the profile, changes name, status and picture, and the colleague sees the new name', async () => {
    const { me, peer, handlers, theirs } = await colleagues();
    expect(await call(handlers, 'myProfile', undefined)).toMatchObject({ token: me.token, displayName: 'Dana Reyes', status: '', dnd: false });
    const changed = await call(handlers, 'updateProfile', { displayName: ' Dana R. ', status: 'On ward 4' });
    expect(changed).toMatchObject({ displayName: 'Dana R.', status: 'On ward 4' });
    expect(await peer.client.lookupUser(me.token)).toMatchObject({ display_name: 'Dana R.', status: 'On ward 4' });
    await waitFor('the colleague to see the new name', () => (theirs.runtime.sync.person(me.token).name === 'Dana R.' ? true : undefined));

    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 3]);
    const pictured = await call(handlers, 'updateProfile', { avatar: { name: 'me.png', contentType: 'image/png', bytes } });
    expect(pictured.avatar).toMatch(/\/avatar\?v=1$/);
    await waitFor('the colleague to hold the new picture', () => (theirs.runtime.sync.person(me.token).avatar === pictured.avatar ? true : undefined));
  });

  it('refuses a blank name before asking the server, and passes on what the server refuses', async () => {
    const { handlers, me, peer } = await colleagues();
    await expect(call(handlers, 'updateProfile', { displayName: '   ' })).rejects.toThrow('A name cannot be blank');
    await expect(call(handlers, 'updateProfile', {})).rejects.toThrow('Nothing to change');
    const text = { name: 'a.txt', contentType: 'text/plain', bytes: new Uint8Array([104, 105]) };
    await expect(call(handlers, 'updateProfile', { avatar: text })).rejects.toThrow('avatar must be an image, not text/plain');
    expect((await peer.client.lookupUser(me.token)).display_name).toBe('Dana Reyes');
  });
});

describe('Do Not Disturb on the server', () => {
  it('tells the server the switch and its message; the colleague sees both, and the same state is not sent twice', async () => {
    const { me, account, theirs } = await colleagues();
    let wanted: DoNotDisturbState = { on: true, text: 'In surgery until 3' };
    const publisher = createDoNotDisturbPublisher(() => wanted, createLogger('test', () => {}));
    let sends = 0;
    const api = account.runtime.api;
    const counting = { ...account.runtime, api: { updateSettings: (...args: Parameters<typeof api.updateSettings>) => ((sends += 1), api.updateSettings(...args)) } };

    await publisher.publish(counting);
    expect(sends).toBe(1);
    await waitFor('the colleague to see Do Not Disturb', () => {
      const person = theirs.runtime.sync.person(me.token);
      return person.dnd && person.dndText === 'In surgery until 3' ? true : undefined;
    });
    await publisher.publish(counting);
    expect(sends).toBe(1);

    wanted = { on: false, text: 'In surgery until 3' };
    await publisher.publish(counting);
    expect(sends).toBe(2);
    await waitFor('the colleague to see it off', () => (theirs.runtime.sync.person(me.token).dnd ? undefined : true));
    expect(theirs.runtime.sync.person(me.token).dndText).toBeUndefined();
  });

  it('the last change wins when changes come faster than the server answers', async () => {
    const { me, peer, account } = await colleagues();
    let wanted: DoNotDisturbState = { on: true, text: 'first' };
    const publisher = createDoNotDisturbPublisher(() => wanted, createLogger('test', () => {}));
    const first = publisher.publish(account.runtime);
    wanted = { on: true, text: 'second' };
    const second = publisher.publish(account.runtime);
    wanted = { on: true, text: 'third' };
    await Promise.all([first, second, publisher.publish(account.runtime)]);
    expect(await peer.client.lookupUser(me.token)).toMatchObject({ dnd: true, dnd_text: 'third' });
  });
});
