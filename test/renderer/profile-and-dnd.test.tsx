// @vitest-environment happy-dom
import { changeSet, lockState } from '../support/view-builders';
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, conversation, createFakeTiger } from './fake-tiger';
import type { FakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

function signedIn(): FakeTiger {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
  fake.conversations.set('u-dan', conversation('u-dan', { name: 'Dan Ito', peerToken: 'u-dan', lastActivity: 2 }));
  fake.conversations.set('u-eve', conversation('u-eve', { name: 'Eve Ruiz', peerToken: 'u-eve', lastActivity: 1 }));
  fake.people.push(
    { token: 'u-dan', name: 'Dan Ito', title: null, department: null, avatar: null, presence: 'available', dnd: true, dndText: 'In surgery until 3' },
    { token: 'u-eve', name: 'Eve Ruiz', title: null, department: null, avatar: null, presence: 'available', dnd: false },
  );
  return fake;
}

describe('own profile and Do Not Disturb', () => {
  it('show a colleague\'s Do Not Disturb message in the thread header and before anything is sent', async () => {
    const fake = signedIn();
    renderApp(fake);
    fireEvent.click(await screen.findByText('Dan Ito', { selector: '.conversation-name' }));
    const thread = await screen.findByRole('main', { name: 'Conversation with Dan Ito' });
    expect((await within(thread).findByText('Do not disturb: In surgery until 3')).classList).toContain('dnd-tag');
    expect(within(thread).getByRole('note').textContent).toBe('Dan Ito is in Do Not Disturb: In surgery until 3');
  });

  it('follow a colleague turning Do Not Disturb on while their conversation is open', async () => {
    const fake = signedIn();
    renderApp(fake);
    fireEvent.click(await screen.findByText('Eve Ruiz', { selector: '.conversation-name' }));
    const thread = await screen.findByRole('main', { name: 'Conversation with Eve Ruiz' });
    await waitFor(() => expect(fake.callsOf('person')).toContainEqual({ token: 'u-eve' }));
    expect(within(thread).queryByRole('note')).toBeNull();
    fake.emit('change', changeSet({ people: [{ ...fake.people[1]!, dnd: true }] }));
    expect((await within(thread).findByRole('note')).textContent).toBe('Eve Ruiz is in Do Not Disturb');
    expect(within(thread).getByText('Do not disturb')).toBeTruthy();
  });

  it('edit the own name and status, and remove the picture, from the settings', async () => {
    const fake = signedIn();
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit your profile' }));
    const dialog = await screen.findByRole('dialog', { name: 'Your profile' });
    const name = await within(dialog).findByLabelText('Name');
    expect((name as HTMLInputElement).value).toBe('Dr Ada Park');
    fireEvent.input(name, { target: { value: 'Dr Ada Park-Lee' } });
    fireEvent.input(within(dialog).getByLabelText('Status'), { target: { value: 'On ward 4' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect((await within(dialog).findByRole('status')).textContent).toBe('Saved.');
    expect(fake.callsOf('updateProfile')).toEqual([{ displayName: 'Dr Ada Park-Lee', status: 'On ward 4' }]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove picture' }));
    await waitFor(() => expect(fake.callsOf('updateProfile')).toContainEqual({ avatar: null }));
  });

  it('say why the profile could not be changed, keeping what was typed', async () => {
    const fake = signedIn();
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit your profile' }));
    const dialog = await screen.findByRole('dialog', { name: 'Your profile' });
    fireEvent.input(await within(dialog).findByLabelText('Status'), { target: { value: 'Away' } });
    fake.failNext('updateProfile', 'Changing your profile needs a connection to the server', 'offline');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Changing your profile needs a connection to the server');
    expect((within(dialog).getByLabelText('Status') as HTMLInputElement).value).toBe('Away');
  });

  it('keep the Do Not Disturb message colleagues see with the switch', async () => {
    const fake = signedIn();
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const text = within(dialog).getByLabelText('Do Not Disturb message, seen by colleagues');
    fireEvent.change(text, { target: { value: 'Back at 3' } });
    await waitFor(() => expect(fake.callsOf('updateSettings')).toEqual([{ doNotDisturbText: 'Back at 3' }]));
  });

  it('show a colleague\'s Do Not Disturb message among the people found and on their card', async () => {
    const fake = signedIn();
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'New conversation' }));
    const dialog = await screen.findByRole('dialog', { name: 'New conversation' });
    fireEvent.input(within(dialog).getByRole('searchbox', { name: 'Search people and groups' }), { target: { value: 'Dan' } });
    const found = await within(dialog).findByRole('list', { name: 'People found' });
    expect((await within(found).findByText('Do not disturb: In surgery until 3')).classList).toContain('dnd-line');
  });
});
