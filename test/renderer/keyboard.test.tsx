// @vitest-environment happy-dom
import { lockState } from '../support/view-builders';
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, conversation, createFakeTiger, message } from './fake-tiger';
import type { FakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

function roster(): FakeTiger {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
  fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', lastActivity: 3 }));
  fake.conversations.set('u-bob', conversation('u-bob', { name: 'Bob Osei', lastActivity: 2 }));
  fake.conversations.set('u-cat', conversation('u-cat', { name: 'Cat Diaz', lastActivity: 1 }));
  fake.people.push({ token: 'u-dan', name: 'Dan Ito', title: 'Charge nurse', department: 'ICU', avatar: null, presence: 'available', dnd: false });
  return fake;
}

describe('keyboard use', () => {
  it('opens the quick switcher with Ctrl+K and goes to the conversation chosen with the arrows and Enter', async () => {
    renderApp(roster());
    await screen.findByText('Ann Lee');
    fireEvent.keyDown(document, { key: 'k', ctrlKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Go to conversation' });
    const input = within(dialog).getByRole('combobox', { name: 'Conversation name' });
    expect(document.activeElement).toBe(input);
    fireEvent.input(input, { target: { value: 'o' } });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(within(dialog).getByRole('option', { selected: true }).textContent).toBe('Bob Osei');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await screen.findByRole('heading', { name: 'Bob Osei' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens the quick switcher with Cmd+K as well', async () => {
    renderApp(roster());
    await screen.findByText('Ann Lee');
    fireEvent.keyDown(document, { key: 'k', metaKey: true });
    expect(await screen.findByRole('dialog', { name: 'Go to conversation' })).toBeTruthy();
  });

  it('starts a new conversation with Ctrl+N through a people search', async () => {
    const fake = roster();
    renderApp(fake);
    await screen.findByText('Ann Lee');
    fireEvent.keyDown(document, { key: 'n', ctrlKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'New conversation' });
    fireEvent.input(within(dialog).getByRole('searchbox', { name: 'Search people and groups' }), { target: { value: 'dan' } });
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Message Dan Ito' }));
    expect(await screen.findByRole('heading', { name: 'Dan Ito' })).toBeTruthy();
    await waitFor(() => expect(fake.callsOf('threadPage')).toContainEqual({ conversationId: 'u-dan', limit: 100 }));
  });

  it('closes a dialog with Esc and gives focus back', async () => {
    renderApp(roster());
    const settings = await screen.findByRole('button', { name: 'Settings' });
    settings.focus();
    fireEvent.click(settings);
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    fireEvent.keyDown(within(dialog).getByLabelText('Theme'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(settings);
  });

  it('moves through the conversation list with the arrow keys, Home and End', async () => {
    renderApp(roster());
    const list = await screen.findByRole('list', { name: 'Conversations' });
    const first = (await within(list).findByText('Ann Lee')).closest('button') as HTMLButtonElement;
    expect(first.tabIndex).toBe(0);
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Bob Osei'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Cat Diaz'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Ann Lee'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toContain('Ann Lee');
  });

  it('clears the conversation filter with Esc', async () => {
    renderApp(roster());
    await screen.findByText('Ann Lee');
    const filter = screen.getByLabelText('Filter conversations and search messages') as HTMLInputElement;
    fireEvent.input(filter, { target: { value: 'zzz' } });
    await screen.findByText('No conversation names match.');
    fireEvent.keyDown(filter, { key: 'Escape' });
    await waitFor(() => expect(filter.value).toBe(''));
    expect(await screen.findByText('Cat Diaz')).toBeTruthy();
  });

  it('moves between messages with the arrow keys, skipping day headings, and reaches their actions', async () => {
    const fake = roster();
    const day1 = new Date(2026, 10, 20, 9, 0).getTime();
    const day2 = new Date(2026, 10, 21, 9, 0).getTime();
    fake.messages.push(message('m1', 'u-ann', { createdAt: day1, body: 'First' }), message('m2', 'u-ann', { createdAt: day2, body: 'Second' }));
    renderApp(fake);
    fireEvent.click(await screen.findByText('Ann Lee', { selector: '.conversation-name' }));
    const list = await screen.findByRole('list', { name: 'Messages' });
    const second = (await within(list).findByText('Second')).closest('article') as HTMLElement;
    expect(second.tabIndex).toBe(0);
    expect((within(list).getByText('First').closest('article') as HTMLElement).tabIndex).toBe(-1);
    second.focus();
    fireEvent.keyDown(second, { key: 'ArrowUp' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-message-id')).toBe('m1'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-message-id')).toBe('m2'));
    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-message-id')).toBe('m1'));
    const copy = within(document.activeElement as HTMLElement).getByRole('button', { name: 'Copy' });
    expect(copy.tabIndex).not.toBe(-1);
  });
});
