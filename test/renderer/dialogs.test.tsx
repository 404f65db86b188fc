// @vitest-environment happy-dom
import { lockState } from '../support/view-builders';
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, conversation, createFakeTiger, message } from './fake-tiger';
import type { FakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

function withPeople(): FakeTiger {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
  fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', lastActivity: 2 }));
  fake.conversations.set('g-icu', conversation('g-icu', { kind: 'group', name: 'ICU night team', lastActivity: 1 }));
  fake.people.push(
    { token: 'u-dan', name: 'Dan Ito', title: 'Charge nurse', department: 'ICU', avatar: null, presence: 'available', dnd: true },
    { token: 'u-eve', name: 'Eve Ruiz', title: 'Registrar', department: 'Cardiology', avatar: null, presence: 'unavailable', dnd: false },
  );
  return fake;
}

describe('dialogs', () => {
  it('create a group with the members picked and open it', async () => {
    const fake = withPeople();
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'New group' }));
    const dialog = await screen.findByRole('dialog', { name: 'New group' });
    fireEvent.input(within(dialog).getByLabelText('Group name'), { target: { value: 'Ward 7 handover' } });
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Add Eve Ruiz' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create group' }));
    expect(await screen.findByRole('heading', { name: 'Ward 7 handover' })).toBeTruthy();
    expect(fake.callsOf('createGroup')).toEqual([{ name: 'Ward 7 handover', members: ['u-eve'], replayHistory: true }]);
  });

  it('refuse to create a group without members, saying why', async () => {
    const fake = withPeople();
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'New group' }));
    const dialog = await screen.findByRole('dialog', { name: 'New group' });
    fireEvent.input(within(dialog).getByLabelText('Group name'), { target: { value: 'Empty' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create group' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Add at least one member.');
    expect(fake.callsOf('createGroup')).toEqual([]);
  });

  it('show a group with its members, and rename it and remove a member', async () => {
    const fake = withPeople();
    renderApp(fake);
    fireEvent.click(await screen.findByText('ICU night team', { selector: '.conversation-name' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Group details' }));
    const dialog = await screen.findByRole('dialog', { name: 'ICU night team' });
    const members = await within(dialog).findByRole('list', { name: 'Members' });
    expect(within(members).getAllByRole('listitem')).toHaveLength(2);
    fireEvent.input(within(dialog).getByLabelText('Group name'), { target: { value: 'ICU nights' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rename' }));
    await waitFor(() => expect(fake.callsOf('renameGroup')).toEqual([{ groupId: 'g-icu', name: 'ICU nights' }]));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove Dan Ito' }));
    await waitFor(() => expect(fake.callsOf('removeGroupMembers')).toEqual([{ groupId: 'g-icu', members: ['u-dan'] }]));
  });

  it('show a person with title, department and presence', async () => {
    const fake = withPeople();
    fake.conversations.set('u-dan', conversation('u-dan', { name: 'Dan Ito', lastActivity: 5 }));
    renderApp(fake);
    fireEvent.click(await screen.findByText('Dan Ito', { selector: '.conversation-name' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Profile' }));
    const dialog = await screen.findByRole('dialog', { name: 'Dan Ito' });
    expect(await within(dialog).findByText('Charge nurse')).toBeTruthy();
    expect(within(dialog).getByText('ICU')).toBeTruthy();
    expect(within(dialog).getByText('Available, Do Not Disturb')).toBeTruthy();
  });

  it('forward a message to the conversation chosen', async () => {
    const fake = withPeople();
    fake.messages.push(message('m1', 'u-ann', { body: 'Transfer at 14:00' }));
    renderApp(fake);
    fireEvent.click(await screen.findByText('Ann Lee', { selector: '.conversation-name' }));
    const item = (await screen.findByText('Transfer at 14:00')).closest('article') as HTMLElement;
    fireEvent.click(within(item).getByRole('button', { name: 'Forward' }));
    const dialog = await screen.findByRole('dialog', { name: 'Forward message' });
    fireEvent.click(within(dialog).getByRole('option', { name: /ICU night team/ }));
    expect(await within(dialog).findByText('Forwarded to ICU night team.')).toBeTruthy();
    expect(fake.callsOf('forwardMessage')).toEqual([{ messageId: 'm1', to: 'g-icu' }]);
  });

  it('change the theme in settings and put it on the page', async () => {
    const fake = withPeople();
    renderApp(fake);
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    fireEvent.change(within(dialog).getByLabelText('Theme'), { target: { value: 'dark' } });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(fake.callsOf('updateSettings')).toEqual([{ theme: 'dark' }]);
  });

  it('turn message previews off in settings, and the conversation list hides them', async () => {
    const fake = withPeople();
    fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', lastMessage: { messageId: 'm9', senderToken: 'u-ann', outgoing: false, preview: 'Bed 4 BP 150/95', priority: 'normal', status: 'delivered' } }));
    renderApp(fake);
    await screen.findByText('Bed 4 BP 150/95');
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const previews = within(dialog).getByLabelText('Show message previews in the conversation list') as HTMLInputElement;
    expect(previews.checked).toBe(true);
    fireEvent.click(previews);
    await waitFor(() => expect(screen.queryByText('Bed 4 BP 150/95')).toBeNull());
    expect(fake.callsOf('updateSettings')).toEqual([{ showMessagePreviews: false }]);
  });

  it('turn on Do Not Disturb on a schedule with its From and To times, and say whether it is on now', async () => {
    const fake = withPeople();
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    expect(within(dialog).getByRole('status')).toHaveProperty('textContent', 'Do Not Disturb is off now.');
    const from = within(dialog).getByLabelText('From') as HTMLInputElement;
    expect(from.disabled).toBe(true);
    fireEvent.click(within(dialog).getByLabelText('Do Not Disturb on a schedule'));
    await waitFor(() => expect(from.disabled).toBe(false));
    fireEvent.change(within(dialog).getByLabelText('To'), { target: { value: '06:30' } });
    await waitFor(() => expect(fake.callsOf('updateSettings')).toHaveLength(2));
    expect(fake.callsOf('updateSettings')).toEqual([
      { doNotDisturbSchedule: { enabled: true, from: '22:00', to: '07:00' } },
      { doNotDisturbSchedule: { enabled: true, from: '22:00', to: '06:30' } },
    ]);
    // From and To changed in quick succession: the second save keeps the first.
    fireEvent.change(from, { target: { value: '21:00' } });
    fireEvent.change(within(dialog).getByLabelText('To'), { target: { value: '05:45' } });
    await waitFor(() => expect(fake.callsOf('updateSettings')).toHaveLength(4));
    expect(fake.callsOf('updateSettings').at(-1)).toEqual({ doNotDisturbSchedule: { enabled: true, from: '21:00', to: '05:45' } });
    await waitFor(() => expect((within(dialog).getByLabelText('To') as HTMLInputElement).value).toBe('05:45'));
    // Main says when the schedule has turned it on.
    fake.emit('settings', { ...fake.settings, doNotDisturbNow: true });
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveProperty('textContent', 'Do Not Disturb is on now.'));
  });

  it('show settings set by the organization as locked', async () => {
    const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() }, settings: { managed: ['notificationPrivacy'] } });
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const privacy = within(dialog).getByLabelText(/Notifications show/) as HTMLSelectElement;
    expect(privacy.disabled).toBe(true);
    expect(within(dialog).getByText('(set by your organization)')).toBeTruthy();
  });

  it('say so when the roster cannot be loaded', async () => {
    const fake = withPeople();
    fake.failNext('roster', 'database is locked');
    renderApp(fake);
    expect((await screen.findByRole('alert')).textContent).toBe('The conversations could not be loaded: database is locked');
  });

  it('sign out only after a confirming second click, then show the sign-in screen', async () => {
    const fake = withPeople();
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    expect(fake.callsOf('signOut')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm: sign out and erase' }));
    expect(await screen.findByLabelText('Server')).toBeTruthy();
    expect(fake.callsOf('signOut')).toHaveLength(1);
  });
});
