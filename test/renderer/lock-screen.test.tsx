// @vitest-environment happy-dom
// The lock screen and the lock's settings as the window shows them, over the fake window.tiger:
// what is on screen while locked, what unlocks, and what comes back after.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { lockChoices } from '../../renderer/src/components/settings/lock-settings';
import { lockState } from '../support/view-builders';
import { account, conversation, createFakeTiger, message } from './fake-tiger';
import type { FakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

function signedIn(lock = lockState()): FakeTiger {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock } });
  fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', lastActivity: 3 }));
  fake.messages.push(message('m1', 'u-ann', { body: 'Potassium is 6.4', senderName: 'Ann Lee' }));
  return fake;
}

describe('the lock screen', () => {
  it('replaces everything on Ctrl+L, and unlocking with the password opens the same conversation again', async () => {
    const fake = signedIn();
    const { container } = renderApp(fake);
    fireEvent.click(await screen.findByText('Ann Lee'));
    await screen.findByText('Potassium is 6.4');

    fireEvent.keyDown(document, { key: 'l', ctrlKey: true });
    await screen.findByRole('heading', { name: 'TigerDesk is locked' });
    expect(fake.callsOf('lockNow')).toHaveLength(1);
    expect(container.textContent).not.toMatch(/Ann Lee|Potassium/);

    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong password');

    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'correct horse' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('heading', { name: 'Ann Lee' })).toBeTruthy();
    await screen.findByText('Potassium is 6.4');
  });

  it('asks for the PIN with the tries left, says how many urgent messages wait naming no one, and waits out a pause', async () => {
    const fake = signedIn(lockState({ locked: true, method: 'pin', hasPin: true, pinTriesLeft: 2, retryAt: Date.now() + 45_000 }));
    renderApp(fake);
    await screen.findByRole('heading', { name: 'TigerDesk is locked' });
    expect(screen.getByLabelText('PIN')).toBeTruthy();
    expect(screen.getByText('2 tries left before only the password unlocks.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/^Too many wrong tries\. Try again in 4[45] s\.$/);
    expect((screen.getByRole('button', { name: 'Unlock' }) as HTMLButtonElement).disabled).toBe(true);
    fake.emit('urgentAlerts', { alerts: [], count: 2, sound: true });
    expect((await screen.findByRole('alert')).textContent).toBe('Urgent: 2 unread urgent messages. Unlock to read them.');
    // While locked nothing of the account is asked for.
    expect(fake.callsOf('roster')).toEqual([]);
  });

  it('signs out only with the password, after a second click', async () => {
    const fake = signedIn(lockState({ locked: true }));
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm: sign out and erase' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter your password.');
    expect(fake.callsOf('signOutFromLock')).toEqual([]);
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'correct horse' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm: sign out and erase' }));
    await screen.findByRole('button', { name: 'Sign in' });
    expect(fake.callsOf('signOutFromLock')).toEqual([{ secret: 'correct horse' }]);
  });
});

describe('the lock in the window and in Settings', () => {
  it('says an account with nothing to unlock it cannot lock until a PIN is set, and sets one', async () => {
    const fake = signedIn(lockState({ method: null, hasPassword: false }));
    renderApp(fake);
    await screen.findByText('Ann Lee');
    expect(screen.queryByRole('button', { name: 'Lock now' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Set a PIN' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const lock = within(dialog).getByRole('region', { name: 'Lock' });
    fireEvent.input(within(lock).getByLabelText('PIN'), { target: { value: '12' } });
    fireEvent.click(within(lock).getByRole('button', { name: 'Set PIN' }));
    expect(within(lock).getByRole('alert').textContent).toBe('A PIN is 4 to 8 digits.');
    fireEvent.input(within(lock).getByLabelText('PIN'), { target: { value: '2468' } });
    fireEvent.click(within(lock).getByRole('button', { name: 'Set PIN' }));
    await within(lock).findByText('The PIN was set.');
    expect(fake.callsOf('setUnlockPin')).toEqual([{ pin: '2468' }]);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Lock now' })).toBeTruthy());
  });

  it('offers lock times up to the maximum allowed, and the one chosen', () => {
    expect(lockChoices({ autoLockMinutes: 10, autoLockMaxMinutes: 10 }).map((choice) => choice.value)).toEqual([1, 2, 5, 10]);
    expect(lockChoices({ autoLockMinutes: 3, autoLockMaxMinutes: 20 }).map((choice) => choice.label)).toEqual(['1 minute', '2 minutes', '3 minutes', '5 minutes', '10 minutes', '15 minutes', '20 minutes']);
  });
});
