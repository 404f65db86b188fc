// @vitest-environment happy-dom
/**
 * Every button that shows only an icon has an accessible name and a tooltip saying the same
 * (issue 15, item 4), on the main screen, a thread with its messages, the conversation menu and
 * the dialogs that have icon buttons.
 */
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { lockState } from '../support/view-builders';
import { account, conversation, createFakeTiger, message } from './fake-tiger';
import { renderApp } from './render-app';

/** The text a sighted user sees on the button: without what is hidden from sight or from screen readers. */
function visibleText(button: HTMLElement): string {
  const copy = button.cloneNode(true) as HTMLElement;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"], .visually-hidden')) hidden.remove();
  return copy.textContent?.trim() ?? '';
}

function iconButtonsWithoutNameAndTooltip(): string[] {
  return [...document.querySelectorAll<HTMLElement>('button')]
    .filter((button) => visibleText(button) === '')
    .filter((button) => {
      const name = button.getAttribute('aria-label') ?? '';
      const tooltip = button.getAttribute('title') ?? '';
      // The tooltip says what the name says: the same words, or the name's first part ("Conversation options").
      return name === '' || tooltip === '' || !(tooltip.startsWith(name) || name.startsWith(tooltip));
    })
    .map((button) => button.outerHTML.slice(0, 160));
}

describe('icon-only buttons', () => {
  it('each have an accessible name and a tooltip that says it, wherever they show', async () => {
    const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
    fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', lastActivity: 2 }));
    fake.conversations.set('g-icu', conversation('g-icu', { kind: 'group', name: 'ICU night team', lastActivity: 1 }));
    fake.messages.push(message('1', 'u-ann', { body: 'Bed 4 needs a review' }), message('2', 'u-ann', { outgoing: true, body: 'On my way', senderToken: 'u-me' }));
    const { state } = renderApp(fake);
    await screen.findByText('Ann Lee');
    expect(iconButtonsWithoutNameAndTooltip()).toEqual([]);

    fireEvent.click(screen.getByText('Ann Lee'));
    await screen.findByText('On my way');
    expect(iconButtonsWithoutNameAndTooltip()).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Conversation options: Ann Lee' }));
    expect(iconButtonsWithoutNameAndTooltip()).toEqual([]);

    for (const dialog of [{ kind: 'settings' }, { kind: 'new-group' }, { kind: 'new-conversation' }, { kind: 'keyboard-help' }, { kind: 'group', groupId: 'g-icu' }] as const) {
      state.ui.dialog.value = dialog;
      await screen.findByRole('dialog');
      expect(iconButtonsWithoutNameAndTooltip(), dialog.kind).toEqual([]);
    }
  });
});
