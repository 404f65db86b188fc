// @vitest-environment happy-dom
import { lockState, saying } from '../support/view-builders';
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../preload/contract';
import { account, conversation, createFakeTiger } from './fake-tiger';
import type { FakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

async function banner(fake: FakeTiger): Promise<HTMLElement> {
  renderApp(fake);
  await screen.findByRole('list', { name: 'Conversations' });
  const status = screen.getAllByRole('status').find((element) => element.classList.contains('banner'));
  if (status === undefined) throw new Error('no connection banner');
  return status;
}

const signedIn = () => createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });

describe('the connection banner', () => {
  it('says it is connecting until main reports otherwise', async () => {
    expect((await banner(signedIn())).textContent).toBe('Connecting…');
  });

  it('shows the state main already had when the window opened, without waiting for an event', async () => {
    const fake = signedIn();
    fake.connection = { kind: 'live' };
    const status = await banner(fake);
    await waitFor(() => expect(status.textContent).toBe('Connected.'));
    expect(fake.callsOf('connectionState')).toHaveLength(1);
  });

  it('keeps a pushed state over an older answer to its question', async () => {
    const fake = signedIn();
    const ask = fake.api.connectionState;
    // The push arrives while the question is under way; the answer is older than the push.
    fake.api.connectionState = async () => {
      const answer = await ask();
      fake.emit('connection', { kind: 'auth-failed' });
      return { ...answer, kind: 'live' } as const;
    };
    const status = await banner(fake);
    await waitFor(() => expect(fake.callsOf('connectionState')).toHaveLength(1));
    await waitFor(() => expect(status.textContent).toMatch(/^Signed out: the server rejected your credentials/));
  });

  const cases: [string, ConnectionState, string][] = [
    ['replaying with progress', { kind: 'replaying', received: 120, total: 500 }, 'Catching up: 120 of 500 messages.'],
    ['live', { kind: 'live' }, 'Connected.'],
    ['signed out because the credentials were rejected', { kind: 'auth-failed' }, 'Signed out: the server rejected your credentials. Sign in again to receive messages.Sign in again'],
    ['stopped', { kind: 'stopped' }, 'Not connected.'],
  ];
  for (const [name, state, text] of cases) {
    it(`reads "${text}" when ${name}`, async () => {
      const fake = signedIn();
      const status = await banner(fake);
      fake.emit('connection', state);
      await waitFor(() => expect(status.textContent).toBe(text));
    });
  }

  it('counts down to the next retry while offline', async () => {
    const fake = signedIn();
    const status = await banner(fake);
    fake.emit('connection', { kind: 'offline', nextRetryAt: Date.now() + 12_000, reason: saying('network down') });
    await waitFor(() => expect(status.textContent).toMatch(/^Offline \(network down\)\. Trying again in 1[12] s\.$/));
  });

  it('shows catching-up progress as a progress bar', async () => {
    const fake = signedIn();
    const status = await banner(fake);
    fake.emit('connection', { kind: 'replaying', received: 3, total: 10 });
    const bar = (await within(status).findByRole('progressbar', { name: 'Catching up' })) as HTMLProgressElement;
    expect(bar.max).toBe(10);
    expect(bar.value).toBe(3);
  });

  it('tells how many messages wait in the outbox and retries failed ones on request', async () => {
    const fake = signedIn();
    const status = await banner(fake);
    fake.emit('outbox', { queued: 2, failed: 1, paused: false });
    await waitFor(() => expect(status.textContent).toContain('2 messages queued, will send when online; 1 failed to send.'));
    fireEvent.click(within(status).getByRole('button', { name: 'Retry all' }));
    expect(fake.callsOf('retryAll')).toEqual([{}]);
  });

  it('offers to sign in again without signing out when the credentials were rejected', async () => {
    const fake = signedIn();
    const status = await banner(fake);
    fake.emit('connection', { kind: 'auth-failed' });
    fireEvent.click(await within(status).findByRole('button', { name: 'Sign in again' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign in again' });
    expect(within(dialog).getByLabelText('Password')).toBeTruthy();
    expect(fake.callsOf('signOut')).toEqual([]);
  });

  it('says why the account could not be opened instead of how the connection is, and opens it when asked to try again', async () => {
    const reason = 'This account is open in another TigerDesk process (pid 4242). Close it, or use another data folder.';
    const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState(), unavailable: saying(reason) } });
    const status = await banner(fake);
    expect(status.textContent).toBe(`${reason}Try again`);
    expect(status.classList.contains('banner-alert')).toBe(true);
    // Nothing of the account is asked for while it is not open.
    expect(screen.getByText('Nothing to show until the account opens.')).toBeTruthy();
    expect(fake.callsOf('roster')).toEqual([]);

    // The other process has let go: trying again opens it.
    fake.conversations.set('u-1', conversation('u-1', { name: 'Dr Lee' }));
    fireEvent.click(within(status).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(fake.callsOf('switchAccount')).toEqual([{ accountId: account.id }]));
    await waitFor(() => expect(status.textContent).toBe('Connecting…'));
    expect(await screen.findByText('Dr Lee', { selector: '.conversation-name' })).toBeTruthy();
  });

  it('shows the reason when main tells an open window that the account could not be opened', async () => {
    const fake = signedIn();
    const status = await banner(fake);
    const reason = 'This account could not be opened: the server of Dr Ada Park did not start';
    fake.emit('session', { kind: 'signed-in', account, lock: lockState(), unavailable: saying(reason) });
    await waitFor(() => expect(status.textContent).toBe(`${reason}Try again`));
    expect(screen.queryByText('Loading conversations…')).toBeNull();
  });
});
