// @vitest-environment happy-dom
/**
 * Keyboard help (issue 15): F1 and Ctrl+/ (Cmd+/, with or without Shift as keyboard layouts
 * need) open a dialog listing every shortcut, and each shortcut it lists as working anywhere
 * does what it says.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { asksForKeyboardHelp, commandKeyName } from '../../renderer/src/components/keyboard/shortcut-keys';
import { lockState } from '../support/view-builders';
import { account, conversation, createFakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

function signedIn() {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
  fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', lastActivity: 2 }));
  return fake;
}

const press = (init: KeyboardEventInit) => fireEvent.keyDown(document, init);
const helpDialog = () => screen.queryByRole('dialog', { name: 'Keyboard shortcuts' });

describe('keyboard help', () => {
  it('opens with F1, Ctrl+/, Ctrl+Shift+/ (the "?" key), Cmd+/ and its button, and closes with Esc', async () => {
    const { state } = renderApp(signedIn());
    await screen.findByText('Ann Lee');
    for (const keys of [{ key: 'F1' }, { key: '/', ctrlKey: true }, { key: '?', ctrlKey: true, shiftKey: true }, { key: '/', ctrlKey: true, shiftKey: true }, { key: '/', metaKey: true }]) {
      state.ui.dialog.value = null;
      await waitFor(() => expect(helpDialog()).toBeNull());
      press(keys);
      await waitFor(() => expect(helpDialog(), JSON.stringify(keys)).not.toBeNull());
    }
    fireEvent.keyDown(helpDialog()!, { key: 'Escape' });
    await waitFor(() => expect(helpDialog()).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Keyboard shortcuts' }).getAttribute('title')).toBe('Keyboard shortcuts (F1)');
  });

  it('is not asked for by a plain slash, F1 with a modifier, or Alt with the slash', () => {
    const key = (init: Partial<KeyboardEvent>) => ({ key: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...init });
    expect(asksForKeyboardHelp(key({ key: '/' }))).toBe(false);
    expect(asksForKeyboardHelp(key({ key: 'F1', ctrlKey: true }))).toBe(false);
    expect(asksForKeyboardHelp(key({ key: '/', ctrlKey: true, altKey: true }))).toBe(false);
    expect(asksForKeyboardHelp(key({ key: 'F1' }))).toBe(true);
    expect(commandKeyName(true)).toBe('⌘');
    expect(commandKeyName(false)).toBe('Ctrl');
  });

  it('lists each shortcut with its keys, grouped by where it works', async () => {
    renderApp(signedIn());
    await screen.findByText('Ann Lee');
    press({ key: 'F1' });
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent))
      .toEqual(['Anywhere', 'Conversation list', 'Messages', 'Writing a message', 'Menus and lists in dialogs']);
    const rows = [...dialog.querySelectorAll('.shortcut')].map((row) => [row.querySelector('dt')!.textContent, row.querySelector('dd')!.textContent]);
    expect(rows).toContainEqual(['Ctrl+K', 'Switch to a conversation by name']);
    expect(rows).toContainEqual(['F1 or Ctrl+/', 'Show these keyboard shortcuts']);
    expect(rows).toContainEqual(['Shift+Enter', 'Start a new line']);
    expect(rows).toContainEqual(['Shift+F10 or Menu', 'Open the conversation\'s options']);
  });

  it('each shortcut listed as working anywhere does what it says', async () => {
    const fake = signedIn();
    const { state } = renderApp(fake);
    await screen.findByText('Ann Lee');
    press({ key: 'k', ctrlKey: true });
    await waitFor(() => expect(state.ui.dialog.value).toEqual({ kind: 'quick-switcher' }));
    press({ key: 'Escape' });
    await waitFor(() => expect(state.ui.dialog.value).toBeNull());
    press({ key: 'n', ctrlKey: true });
    await waitFor(() => expect(state.ui.dialog.value).toEqual({ kind: 'new-conversation' }));
    state.ui.dialog.value = null;
    press({ key: 'l', ctrlKey: true });
    await waitFor(() => expect(fake.callsOf('lockNow')).toHaveLength(1));
  });
});
