// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { lockState } from '../support/view-builders';
import { account, conversation, createFakeTiger } from './fake-tiger';
import type { FakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

function signedIn(): FakeTiger {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
  const now = Date.now();
  fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', lastActivity: now - 60_000 }));
  fake.conversations.set('g-icu', conversation('g-icu', { kind: 'group', name: 'ICU night team', lastActivity: now - 10_000 }));
  fake.conversations.set('u-bob', conversation('u-bob', { name: 'Bob Osei', lastActivity: now - 3_600_000 }));
  return fake;
}

async function rowNames(): Promise<string[]> {
  const list = await screen.findByRole('list', { name: 'Conversations' });
  return within(list)
    .getAllByRole('listitem')
    .sort((a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')))
    .map((item) => item.querySelector('.conversation-name')?.textContent ?? '');
}

const row = async (name: string) => (await screen.findByText(name, { selector: '.conversation-name' })).closest('button')!;

describe("a conversation's menu", () => {
  it('opens from its "Conversation options" button with the first item focused; "Pin to top" moves it first with a pin marker', async () => {
    const fake = signedIn();
    renderApp(fake);
    await waitFor(async () => expect(await rowNames()).toEqual(['ICU night team', 'Ann Lee', 'Bob Osei']));
    fireEvent.click(await screen.findByRole('button', { name: 'Conversation options: Bob Osei' }));
    const menu = await screen.findByRole('menu', { name: 'Options for Bob Osei' });
    const pin = within(menu).getByRole('menuitem', { name: 'Pin to top' });
    expect(document.activeElement).toBe(pin);
    fireEvent.click(pin);
    await waitFor(async () => expect(await rowNames()).toEqual(['Bob Osei', 'ICU night team', 'Ann Lee']));
    expect(screen.queryByRole('menu')).toBeNull();
    expect(fake.callsOf('setConversationPinned')).toEqual([{ conversationId: 'u-bob', pinned: true }]);
    expect((await row('Bob Osei')).textContent).toContain('Pinned.');
    // The focus is back on the options button it came from.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Conversation options: Bob Osei' }));

    fireEvent.click(screen.getByRole('button', { name: 'Conversation options: Bob Osei' }));
    fireEvent.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Unpin' }));
    await waitFor(async () => expect(await rowNames()).toEqual(['ICU night team', 'Ann Lee', 'Bob Osei']));
  });

  it('opens as the context menu of the row; muting shows the muted marker, which a screen reader reads as "Muted until …"', async () => {
    const fake = signedIn();
    renderApp(fake);
    fireEvent.contextMenu(await row('Ann Lee'));
    const menu = await screen.findByRole('menu', { name: 'Options for Ann Lee' });
    expect(within(menu).getAllByRole('menuitem').map((item) => item.textContent)).toEqual([
      'Pin to top', 'Mute for 1 hour', 'Mute for 8 hours', 'Mute until tomorrow morning', 'Mute for a year',
    ]);
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Mute for 1 hour' }));
    await waitFor(async () => expect((await row('Ann Lee')).textContent).toMatch(/Muted until \d{1,2}:\d{2}( [AP]M)?\./));
    expect(fake.callsOf('muteConversation')).toEqual([{ conversationId: 'u-ann', duration: 'hour' }]);

    fireEvent.contextMenu(await row('Ann Lee'));
    fireEvent.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Unmute' }));
    await waitFor(async () => expect((await row('Ann Lee')).textContent).not.toContain('Muted'));
  });

  it('moves with the arrow keys, Home and End; Escape closes it; "Urgent messages still alert" is a checkbox item, on by default', async () => {
    const fake = signedIn();
    renderApp(fake);
    const options = await screen.findByRole('button', { name: 'Conversation options: Ann Lee' });
    fireEvent.click(options);
    const menu = await screen.findByRole('menu');
    const urgent = within(menu).getByRole('menuitemcheckbox', { name: 'Urgent messages still alert' });
    expect(urgent.getAttribute('aria-checked')).toBe('true');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(urgent);
    fireEvent.keyDown(urgent, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(within(menu).getByRole('menuitem', { name: 'Pin to top' }));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(urgent);
    fireEvent.keyDown(urgent, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(options);

    fireEvent.click(options);
    fireEvent.click(within(await screen.findByRole('menu')).getByRole('menuitemcheckbox'));
    await waitFor(() => expect(fake.callsOf('setUrgentWhenMuted')).toEqual([{ conversationId: 'u-ann', alert: false }]));
    fireEvent.click(options);
    expect(within(await screen.findByRole('menu')).getByRole('menuitemcheckbox').getAttribute('aria-checked')).toBe('false');
  });

  it('says why when main refuses, and changes nothing', async () => {
    const fake = signedIn();
    fake.failNext('muteConversation', 'There is no conversation "u-ann"', 'not-found');
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Conversation options: Ann Lee' }));
    fireEvent.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Mute for a year' }));
    expect((await screen.findByRole('alert')).textContent).toContain('There is no conversation "u-ann"');
    expect((await row('Ann Lee')).textContent).not.toContain('Muted');
  });
});
