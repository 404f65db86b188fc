// @vitest-environment happy-dom
import { lockState } from '../support/view-builders';
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAvatarStore } from '../../renderer/src/state/avatars';
import { account, conversation, createFakeTiger } from './fake-tiger';
import type { FakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

const png = { bytes: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), contentType: 'image/png' };

function signedIn(): FakeTiger {
  return createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
}

const rowOf = async (name: string) => (await screen.findByText(name, { selector: '.conversation-name' })).closest('button') as HTMLElement;

/** The picture shown in `element`, once there is one. */
const pictureIn = (element: Element) =>
  waitFor(() => {
    const picture = element.querySelector<HTMLImageElement>('img.avatar');
    if (picture === null) throw new Error('no picture shown yet');
    return picture;
  });

afterEach(() => vi.restoreAllMocks());

describe('avatars', () => {
  it('show the picture main fetched through a blob URL in the roster, the thread header and the profile', async () => {
    const fake = signedIn();
    fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', avatar: 'https://cdn.example/ann.png', lastActivity: 2 }));
    fake.people.push({ token: 'u-ann', name: 'Ann Lee', title: 'Registrar', department: null, avatar: 'https://cdn.example/ann.png', presence: 'available', dnd: false });
    fake.avatars.set('person:u-ann', png);
    renderApp(fake);

    const row = await rowOf('Ann Lee');
    const inRow = await pictureIn(row);
    expect(inRow.src).toMatch(/^blob:/);
    expect(row.textContent).not.toContain('AL');
    expect(fake.callsOf('avatar')).toEqual([{ kind: 'person', token: 'u-ann' }]);

    fireEvent.click(row);
    const header = (await screen.findByRole('heading', { name: 'Ann Lee' })).closest('header') as HTMLElement;
    expect((await pictureIn(header)).src).toBe(inRow.src);

    fireEvent.click(within(header).getByRole('button', { name: 'Profile' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ann Lee' });
    expect((await pictureIn(dialog)).src).toBe(inRow.src);
    // One picture, one blob URL, asked of main once however many places show it.
    expect(fake.callsOf('avatar')).toHaveLength(1);
  });

  it('show a group picture as a group avatar', async () => {
    const fake = signedIn();
    fake.conversations.set('g-icu', conversation('g-icu', { kind: 'group', name: 'ICU night team', avatar: 'http://127.0.0.1:7443/v2/group/g-icu/avatar', lastActivity: 1 }));
    fake.avatars.set('group:g-icu', png);
    renderApp(fake);
    const row = await rowOf('ICU night team');
    expect((await pictureIn(row)).src).toMatch(/^blob:/);
    expect(fake.callsOf('avatar')).toEqual([{ kind: 'group', token: 'g-icu' }]);
  });

  it('show initials when main has no picture, and never load the remote address', async () => {
    const fake = signedIn();
    fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', avatar: 'https://cdn.example/ann.png', lastActivity: 1 }));
    renderApp(fake);
    const row = await rowOf('Ann Lee');
    await waitFor(() => expect(fake.callsOf('avatar')).toEqual([{ kind: 'person', token: 'u-ann' }]));
    expect(row.querySelector('img')).toBeNull();
    expect(row.textContent).toContain('AL');
    expect(document.querySelector('img[src^="https:"]')).toBeNull();
  });

  it('show initials when main refuses the picture', async () => {
    const fake = signedIn();
    fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', avatar: 'http://elsewhere.example/ann.png', lastActivity: 1 }));
    fake.avatars.set('person:u-ann', png);
    fake.failNext('avatar', 'The avatar is at http://elsewhere.example, which is neither https nor this account\'s server; it is not fetched');
    renderApp(fake);
    const row = await rowOf('Ann Lee');
    await waitFor(() => expect(fake.callsOf('avatar')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(row.querySelector('img')).toBeNull();
    expect(row.textContent).toContain('AL');
  });

  it('ask main nothing for someone without an avatar address', async () => {
    const fake = signedIn();
    fake.conversations.set('u-bo', conversation('u-bo', { name: 'Bo Chen', lastActivity: 1 }));
    renderApp(fake);
    const row = await rowOf('Bo Chen');
    expect(row.textContent).toContain('BC');
    expect(fake.callsOf('avatar')).toEqual([]);
  });

  it('share one blob URL among its users and revoke it when the last lets go', async () => {
    const fake = signedIn();
    fake.avatars.set('person:u-ann', png);
    const revoked: string[] = [];
    const revoke = URL.revokeObjectURL.bind(URL);
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => {
      revoked.push(url);
      revoke(url);
    });
    const store = createAvatarStore(fake.api);
    const first = store.hold('person', 'u-ann', 'https://cdn.example/ann.png');
    const second = store.hold('person', 'u-ann', 'https://cdn.example/ann.png');
    const url = await waitFor(() => first.url.value ?? Promise.reject(new Error('not yet')));
    expect(second.url.value).toBe(url);
    expect(fake.callsOf('avatar')).toHaveLength(1);
    first.release();
    first.release();
    expect(revoked).toEqual([]);
    second.release();
    expect(revoked).toEqual([url]);
    // Held again: asked anew, a new URL.
    const again = store.hold('person', 'u-ann', 'https://cdn.example/ann.png');
    const next = await waitFor(() => again.url.value ?? Promise.reject(new Error('not yet')));
    expect(next).not.toBe(url);
    expect(fake.callsOf('avatar')).toHaveLength(2);
    store.clear();
    expect(revoked).toEqual([url, next]);
    expect(again.url.value).toBeNull();
  });

  it('create no URL for a picture that arrives after its last user let go', async () => {
    const fake = signedIn();
    fake.avatars.set('person:u-ann', png);
    const created = vi.spyOn(URL, 'createObjectURL');
    const store = createAvatarStore(fake.api);
    store.hold('person', 'u-ann', 'https://cdn.example/ann.png').release();
    await waitFor(() => expect(fake.callsOf('avatar')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(created).not.toHaveBeenCalled();
  });

  it('ask again when the address of the picture changes', async () => {
    const fake = signedIn();
    fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', avatar: 'https://cdn.example/ann-1.png', lastActivity: 1 }));
    fake.avatars.set('person:u-ann', png);
    const { state } = renderApp(fake);
    const row = await rowOf('Ann Lee');
    const before = (await pictureIn(row)).src;
    state.roster.apply([conversation('u-ann', { name: 'Ann Lee', avatar: 'https://cdn.example/ann-2.png', lastActivity: 1 })], []);
    await waitFor(() => expect(fake.callsOf('avatar')).toHaveLength(2));
    await waitFor(() => expect((row.querySelector('img.avatar') as HTMLImageElement).src).not.toBe(before));
  });
});
