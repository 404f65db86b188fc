// @vitest-environment happy-dom
import { lockState } from '../support/view-builders';
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, createFakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

async function signInWith(fields: { server?: string; userId: string; password: string }) {
  const server = await screen.findByLabelText('Server');
  if (fields.server !== undefined) fireEvent.input(server, { target: { value: fields.server } });
  fireEvent.input(screen.getByLabelText('User ID'), { target: { value: fields.userId } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: fields.password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('the sign-in screen', () => {
  it('labels its fields Server, User ID and Password and offers Sign in and the local sandbox', async () => {
    renderApp(createFakeTiger());
    const server = await screen.findByLabelText('Server');
    expect((server as HTMLInputElement).value).toBe('http://127.0.0.1:7443/v2');
    expect(screen.getByLabelText('User ID').tagName).toBe('INPUT');
    expect((screen.getByLabelText('Password') as HTMLInputElement).type).toBe('password');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try the local sandbox' })).toBeTruthy();
  });

  it('says the user id or password is wrong when the server refuses them', async () => {
    const fake = createFakeTiger();
    renderApp(fake);
    await signInWith({ userId: 'ada@example.org', password: 'wrong' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Wrong user ID or password. Check them and try again.');
    expect(fake.callsOf('signInWithPassword')).toEqual([{ server: 'http://127.0.0.1:7443/v2', userId: 'ada@example.org', password: 'wrong' }]);
  });

  it('says the server cannot be reached, naming the address, when main reports it unreachable', async () => {
    const fake = createFakeTiger();
    fake.failNext('signInWithPassword', 'Cannot reach the server at https://tt.example/v2 (login: network: request failed (ECONNREFUSED))', 'offline');
    renderApp(fake);
    await signInWith({ server: 'https://tt.example/v2', userId: 'ada@example.org', password: 'correct horse' });
    expect((await screen.findByRole('alert')).textContent).toBe('Cannot reach the server at https://tt.example/v2. Check the address and your network connection.');
  });

  it('says the keychain is unavailable when credentials cannot be stored', async () => {
    const fake = createFakeTiger();
    fake.failNext('signInWithPassword', 'The keychain cannot be used (locked): no secret service', 'keychain-unavailable');
    renderApp(fake);
    await signInWith({ userId: 'ada@example.org', password: 'correct horse' });
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The system keychain is unavailable/);
  });

  it('refuses a server address that is not http(s) without calling main', async () => {
    const fake = createFakeTiger();
    renderApp(fake);
    await signInWith({ server: 'ftp://tt.example', userId: 'ada@example.org', password: 'x' });
    expect((await screen.findByRole('alert')).textContent).toBe('The server address must start with https:// or http://.');
    expect(fake.callsOf('signInWithPassword')).toEqual([]);
  });

  it('sends the server as typed, a host alone included, for main to read', async () => {
    const fake = createFakeTiger();
    renderApp(fake);
    await signInWith({ server: ' tt.example ', userId: 'ada@example.org', password: 'correct horse' });
    expect(await screen.findByRole('list', { name: 'Conversations' })).toBeTruthy();
    expect(fake.callsOf('signInWithPassword')).toEqual([{ server: 'tt.example', userId: 'ada@example.org', password: 'correct horse' }]);
  });

  it('explains beside the Server field, while it is typed, that http is only for a server on this computer', async () => {
    renderApp(createFakeTiger());
    const server = await screen.findByLabelText('Server');
    const hint = () => screen.queryByText('TigerDesk only sends credentials over https; http is allowed only for a server on this computer.');
    expect(hint()).toBeNull();
    fireEvent.input(server, { target: { value: 'http://tt.example/v2' } });
    expect(hint()?.id).toBe('server-hint');
    expect(server.getAttribute('aria-describedby')).toBe('server-hint');
    for (const fine of ['https://tt.example', 'tt.example', 'http://localhost:7443', 'http://[::1]:7443/v2', 'http://127.0.0.2:7443/v2']) {
      fireEvent.input(server, { target: { value: fine } });
      expect(hint(), fine).toBeNull();
      expect(server.getAttribute('aria-describedby'), fine).toBeNull();
    }
  });

  it('explains it beside a server hospital IT set over plain http', async () => {
    renderApp(createFakeTiger({ settings: { server: 'http://tt.hospital.example/v2' } }));
    const server = await screen.findByLabelText('Server');
    expect(server.getAttribute('aria-describedby')).toBe('server-hint');
    expect(document.getElementById('server-hint')?.textContent).toBe('TigerDesk only sends credentials over https; http is allowed only for a server on this computer.');
  });

  it('shows why main refused the server, by the refusal code', async () => {
    const fake = createFakeTiger();
    fake.failNext('signInWithPassword', 'TigerDesk only sends credentials over https; http is allowed only for a server on this computer', 'refused');
    renderApp(fake);
    await signInWith({ server: 'http://tt.example/v2', userId: 'ada@example.org', password: 'correct horse' });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The sign-in was refused: TigerDesk only sends credentials over https; http is allowed only for a server on this computer',
    );
    expect(fake.callsOf('signInWithPassword')).toEqual([{ server: 'http://tt.example/v2', userId: 'ada@example.org', password: 'correct horse' }]);
  });

  it('asks for both the user id and the password before signing in', async () => {
    const fake = createFakeTiger();
    renderApp(fake);
    await signInWith({ userId: 'ada@example.org', password: '' });
    expect((await screen.findByRole('alert')).textContent).toBe('Enter your user ID and password.');
    expect(fake.callsOf('signInWithPassword')).toEqual([]);
  });

  it('signs in with the right password, clears it, and shows the conversations', async () => {
    const fake = createFakeTiger();
    renderApp(fake);
    await signInWith({ userId: 'ada@example.org', password: 'correct horse' });
    expect(await screen.findByRole('list', { name: 'Conversations' })).toBeTruthy();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.getByText(account.displayName)).toBeTruthy();
    expect(fake.callsOf('roster')).toHaveLength(1);
  });

  it('signs in with a key and secret when that method is chosen', async () => {
    const fake = createFakeTiger();
    renderApp(fake);
    fireEvent.click(await screen.findByLabelText('Key and secret'));
    fireEvent.input(screen.getByLabelText('Key'), { target: { value: 'k-1' } });
    fireEvent.input(screen.getByLabelText('Secret'), { target: { value: 's-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('list', { name: 'Conversations' })).toBeTruthy();
    expect(fake.callsOf('signInWithKey')).toEqual([{ server: 'http://127.0.0.1:7443/v2', key: 'k-1', secret: 's-1' }]);
  });

  it('tries the local sandbox with one click', async () => {
    const fake = createFakeTiger();
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Try the local sandbox' }));
    expect(await screen.findByRole('list', { name: 'Conversations' })).toBeTruthy();
    expect(fake.callsOf('trySandbox')).toHaveLength(1);
  });

  it('hides the sandbox when the managed settings do not offer it', async () => {
    renderApp(createFakeTiger({ settings: { sandboxOffered: false } }));
    await screen.findByLabelText('Server');
    expect(screen.queryByRole('button', { name: 'Try the local sandbox' })).toBeNull();
  });

  it('says what it means on the sign-in screen when the system keychain does not answer', async () => {
    renderApp(createFakeTiger({ settings: { secretStorage: 'session-only' } }));
    expect((await screen.findByRole('note')).textContent).toContain('cannot remember your sign-in: it is kept only until you quit');
  });

  it('keeps saying it once signed in', async () => {
    const signedIn = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() }, settings: { secretStorage: 'safe-storage' } });
    renderApp(signedIn);
    await screen.findByRole('list', { name: 'Conversations' });
    expect(screen.getByRole('note').textContent).toContain('in its own file on this computer instead, encrypted by the operating system');
  });

  it('says nothing of where the sign-in is kept while the keychain holds it', async () => {
    renderApp(createFakeTiger({}));
    await screen.findByLabelText('Server');
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('explains a sign-out caused by rejected credentials', async () => {
    renderApp(createFakeTiger({ session: { kind: 'credentials-rejected', accountId: 'acct-1' } }));
    expect(await screen.findByText('You were signed out because the server rejected your credentials. Sign in again.')).toBeTruthy();
  });

  it('returns to the sign-in screen when main reports the session ended', async () => {
    const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
    renderApp(fake);
    await screen.findByRole('list', { name: 'Conversations' });
    fake.emit('session', { kind: 'signed-out' });
    await waitFor(() => expect(screen.getByLabelText('Server')).toBeTruthy());
  });
});
