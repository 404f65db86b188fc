// @vitest-environment happy-dom
// Every screen of the window in a pseudo-locale: each string shown (text, accessible names,
// tooltips, placeholders, the page's title) must have come through the translator (a catalog
// message, or a date or number formatted in its language) or be data (names, message bodies,
// what the user typed). A string written into a component instead of a catalog fails here.
import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../i18n/translator';
import en from '../../i18n/catalogs/en.json';
import { useTranslator } from '../../renderer/src/state/language';
import type { Dialog } from '../../renderer/src/state/ui';
import { pseudoTranslator, strayWords } from '../support/pseudo-locale';
import { lockState } from '../support/view-builders';
import { busyDesk } from './busy-desk';
import { account, createFakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

const shownAttributes = ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext', 'aria-roledescription', 'aria-description'];

/** Every string the page shows or speaks that is not fenced and not data. */
function strays(data: readonly string[]): string[] {
  const found = new Set<string>();
  const consider = (shown: string | null | undefined) => {
    const text = shown?.replace(/\s+/g, ' ').trim() ?? '';
    if (text === '') return;
    const stray = strayWords(text, data);
    if (stray !== null) found.add(stray);
  };
  consider(document.title);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    // A key cap (K, F1) names a key on every keyboard; a word on one (Ctrl) comes from the catalog.
    const keyCap = node.parentElement?.tagName === 'KBD' && /^(F\d{1,2}|[A-Z0-9/?])$/.test(node.textContent?.trim() ?? '');
    if (node.parentElement?.closest('script, style') == null && !keyCap) consider(node.textContent);
  }
  for (const element of document.body.querySelectorAll('*')) {
    for (const attribute of shownAttributes) consider(element.getAttribute(attribute));
    if (element instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(element.type)) consider(element.value);
  }
  return [...found].sort();
}

beforeEach(() => useTranslator(pseudoTranslator({ direction: 'ltr' })));
afterEach(() => useTranslator(createTranslator('en', en)));

describe('every screen in a pseudo-locale', () => {
  it('shows only catalog words on the sign-in screen, and in its error', async () => {
    const fake = createFakeTiger();
    const { container } = renderApp(fake);
    expect(strays([])).toEqual([]);
    await waitFor(() => expect(container.querySelector('form')).not.toBeNull());
    expect(strays([])).toEqual([]);
    fake.failNext('signInWithPassword', 'nope', 'unauthorized');
    for (const input of container.querySelectorAll<HTMLInputElement>('form input:not([type=checkbox]):not([type=radio])')) {
      fireEvent.input(input, { target: { value: input.type === 'url' ? 'https://tt.example/v2' : 'ada@example.org' } });
    }
    fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(container.querySelector('[role=alert]')).not.toBeNull());
    expect(strays(['ada@example.org', 'https://tt.example/v2', 'tt.example'])).toEqual([]);
  });

  it('shows only catalog words and data on the main screen: roster, thread, banners, composer', async () => {
    const { fake, data } = busyDesk();
    const { state } = renderApp(fake);
    await waitFor(() => expect(document.querySelectorAll('.conversation').length).toBe(3));
    act(() => state.openConversation('u-ann'));
    await waitFor(() => expect(document.body.textContent).toContain('Forwarded result'));
    act(() => fake.emit('typing', { conversationId: 'u-ann', people: [{ token: 'u-ann', name: 'Ann Lee' }] }));
    expect(strays(data)).toEqual([]);
  });

  it('shows only catalog words and data in every dialog', async () => {
    const { fake, data } = busyDesk();
    const { state } = renderApp(fake);
    await waitFor(() => expect(document.querySelectorAll('.conversation').length).toBe(3));
    act(() => state.openConversation('u-ann'));
    await waitFor(() => expect(document.body.textContent).toContain('Forwarded result'));
    const dialogs: Dialog[] = [
      { kind: 'quick-switcher' },
      { kind: 'new-conversation' },
      { kind: 'new-group' },
      { kind: 'settings' },
      { kind: 'profile' },
      { kind: 'sign-in' },
      { kind: 'group', groupId: 'g-icu' },
      { kind: 'person', token: 'u-ann' },
      { kind: 'message-info', messageId: 'm2' },
      { kind: 'forward', messageId: 'm1' },
      { kind: 'keyboard-help' },
    ];
    const found: Record<string, string[]> = {};
    for (const dialog of dialogs) {
      act(() => {
        state.ui.dialog.value = dialog;
      });
      await screen.findByRole('dialog');
      // Let the dialog load what it asks main for.
      await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
      const stray = strays(data);
      if (stray.length > 0) found[dialog.kind] = stray;
      act(() => {
        state.ui.dialog.value = null;
      });
    }
    expect(found).toEqual({});
  });

  it('shows only catalog words on the lock screen', async () => {
    const { fake } = busyDesk();
    fake.session = { kind: 'signed-in', account, lock: lockState({ locked: true }) };
    renderApp(fake);
    await waitFor(() => expect(document.querySelector('input[type=password]')).not.toBeNull());
    expect(strays([account.displayName])).toEqual([]);
  });

  it('would catch a string written into a component (the check itself)', () => {
    const shown = Object.assign(document.createElement('p'), { textContent: '⟦Šéţţîñĝš Šéţ⟧ Ann Lee' });
    const button = Object.assign(document.createElement('button'), { textContent: '‹3›' });
    button.setAttribute('aria-label', 'Close');
    const tip = Object.assign(document.createElement('span'), { title: '⟦Ok⟧ more words' });
    document.body.replaceChildren(shown, button, tip);
    expect(strays(['Ann Lee'])).toEqual(['Close', '⟦Ok⟧ more words']);
    document.body.replaceChildren();
  });
});
