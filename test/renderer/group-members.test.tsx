// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { PersonView } from '../../preload/contract';
import { createGroupMembers } from '../../renderer/src/state/group-members';
import { worded } from '../../renderer/src/format/error-text';
import { account, conversation, createFakeTiger } from './fake-tiger';
import { changeSet, lockState } from '../support/view-builders';
import type { FakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

const person = (token: string, name: string): PersonView => ({ token, name, title: null, department: null, avatar: null, presence: 'unknown', dnd: false });
const dan = person('u-dan', 'Dan Ito');
const eve = person('u-eve', 'Eve Ruiz');
const icu = conversation('g-icu', { kind: 'group', name: 'ICU night team', lastActivity: 1 });

/**
 * Dan is in the group; adding Eve and removing Dan wait in the outbox (`failed`: the outbox gave
 * up on them, so nothing but an event makes the dialog read the group again).
 */
function withQueuedChanges(failed = false): FakeTiger {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
  fake.conversations.set(icu.id, icu);
  fake.people.push(dan, eve);
  fake.groupMembers.set(icu.id, [dan]);
  fake.pendingMemberChanges.set(icu.id, [
    { person: eve, change: 'add', failed },
    { person: dan, change: 'remove', failed },
  ]);
  return fake;
}

async function openDetails(fake: FakeTiger) {
  renderApp(fake);
  fireEvent.click(await screen.findByText('ICU night team', { selector: '.conversation-name' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Group details' }));
  const dialog = await screen.findByRole('dialog', { name: 'ICU night team' });
  return within(dialog).findByRole('list', { name: 'Members' });
}

const rowsOf = (list: HTMLElement) => within(list).queryAllByRole('listitem').map((item) => item.textContent);

/** The server took both changes: Eve is in, Dan is out, nothing waits. */
function land(fake: FakeTiger): void {
  fake.pendingMemberChanges.set(icu.id, []);
  fake.groupMembers.set(icu.id, [eve]);
}

describe('the group dialog', () => {
  it('shows changes waiting in the outbox as pending', async () => {
    const list = await openDetails(withQueuedChanges());
    await waitFor(() => expect(rowsOf(list)).toEqual([expect.stringContaining('Dan Ito'), expect.stringContaining('Eve Ruiz')]));
    const [danRow, eveRow] = within(list).getAllByRole('listitem') as [HTMLElement, HTMLElement];
    expect(danRow.textContent).toContain('Being removed');
    expect((within(danRow).getByRole('button', { name: 'Remove Dan Ito' }) as HTMLButtonElement).disabled).toBe(true);
    expect(eveRow.textContent).toContain('Being added');
    expect(within(eveRow).queryByRole('button', { name: 'Remove Eve Ruiz' })).toBeNull();
  });

  it('follows a change set for the group: a change retried and sent shows without reopening', async () => {
    const fake = withQueuedChanges(true);
    const list = await openDetails(fake);
    await within(list).findByText('Not added: sending failed');
    land(fake);
    fake.emit('change', changeSet({ conversations: [{ ...icu, lastActivity: 2 }] }));
    await waitFor(() => expect(rowsOf(list)).toEqual([expect.stringContaining('Eve Ruiz')]));
    expect(list.textContent).not.toContain('sending failed');
    expect(list.textContent).not.toContain('Dan Ito');
  });

  it('follows the outbox: a change retried and sent shows as done', async () => {
    const fake = withQueuedChanges(true);
    const list = await openDetails(fake);
    await within(list).findByText('Not removed: sending failed');
    land(fake);
    fake.emit('outbox', { queued: 0, failed: 0, paused: false });
    await waitFor(() => expect(rowsOf(list)).toEqual([expect.stringContaining('Eve Ruiz')]));
  });

  it('reads the group again only when main reports a change: a queued change sent shows as done', async () => {
    const fake = withQueuedChanges();
    const list = await openDetails(fake);
    await within(list).findByText('Being added');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const reads = fake.callsOf('groupInfo').length;
    expect(list.textContent).toContain('Being removed');
    land(fake);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.callsOf('groupInfo')).toHaveLength(reads);
    fake.emit('change', changeSet({ conversations: [{ ...icu, lastActivity: 2 }] }));
    await waitFor(() => expect(rowsOf(list)).toEqual([expect.stringContaining('Eve Ruiz')]));
    expect(list.textContent).not.toContain('Being added');
  });

  it('says when a change could not be sent, and lets the member be removed again', async () => {
    const fake = withQueuedChanges(true);
    const list = await openDetails(fake);
    const danRow = (await within(list).findByText('Not removed: sending failed')).closest('li') as HTMLElement;
    expect((within(danRow).getByRole('button', { name: 'Remove Dan Ito' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('says a queued add will happen rather than that it happened', async () => {
    const fake = withQueuedChanges();
    fake.pendingMemberChanges.set(icu.id, []);
    const list = await openDetails(fake);
    await within(list).findByText('Dan Ito');
    const dialog = list.closest('[role="dialog"]') as HTMLElement;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add members' }));
    fireEvent.input(within(dialog).getByRole('searchbox', { name: 'Find people to add' }), { target: { value: 'Eve' } });
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Add Eve Ruiz' }));
    expect((await within(dialog).findByRole('status')).textContent).toBe('Eve Ruiz will be added.');
    expect(fake.callsOf('addGroupMembers')).toEqual([{ groupId: icu.id, members: [eve.token] }]);
  });
});

describe('the members followed', () => {
  it('are read when asked and never on their own, even while a change waits to be sent', async () => {
    const fake = withQueuedChanges();
    const followed = createGroupMembers(fake.api, icu.id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.callsOf('groupInfo')).toHaveLength(0);
    followed.refresh();
    await waitFor(() => expect(followed.pending.value).toHaveLength(2));
    expect(followed.info.value?.members.map((member) => member.token)).toEqual([dan.token]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.callsOf('groupInfo')).toHaveLength(1);
    expect(fake.callsOf('pendingMemberChanges')).toHaveLength(1);

    // Main reports the group changed once the changes were sent and the server's word stored.
    land(fake);
    followed.refresh();
    await waitFor(() => expect(followed.info.value?.members.map((member) => member.token)).toEqual([eve.token]));
    expect(followed.pending.value).toEqual([]);
    followed.dispose();
  });

  it('coalesce asks that come while a read is under way into one more read, whose answer wins', async () => {
    const fake = withQueuedChanges();
    const followed = createGroupMembers(fake.api, icu.id);
    followed.refresh();
    land(fake);
    followed.refresh();
    followed.refresh();
    await waitFor(() => expect(followed.info.value?.members.map((member) => member.token)).toEqual([eve.token]));
    expect(fake.callsOf('groupInfo')).toHaveLength(2);
    expect(followed.pending.value).toEqual([]);
    followed.dispose();
  });

  it('show nothing more once disposed, not even an answer already on its way', async () => {
    const fake = withQueuedChanges();
    const followed = createGroupMembers(fake.api, icu.id);
    followed.refresh();
    followed.dispose();
    followed.refresh();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.callsOf('groupInfo')).toHaveLength(1);
    expect(followed.info.value).toBeNull();
    expect(followed.pending.value).toEqual([]);
  });

  it('say why the group could not be read the first time, and keep what is shown after', async () => {
    const fake = withQueuedChanges();
    fake.failNext('groupInfo', 'There is no group g-icu', 'not-found');
    const followed = createGroupMembers(fake.api, icu.id);
    followed.refresh();
    // Held as a key and the failure, worded when shown (in the window's language then).
    await waitFor(() => expect(worded(followed.loadError.value)).toBe('The group could not be loaded: There is no group g-icu'));
    followed.refresh();
    await waitFor(() => expect(followed.info.value?.name).toBe('ICU night team'));
    expect(followed.loadError.value).toBeNull();
    fake.failNext('groupInfo', 'database is locked');
    followed.refresh();
    await waitFor(() => expect(fake.callsOf('groupInfo')).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(followed.info.value?.name).toBe('ICU night team');
    expect(followed.loadError.value).toBeNull();
    followed.dispose();
  });
});
