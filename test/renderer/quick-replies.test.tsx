// @vitest-environment happy-dom
// Quick replies in the window (issue 13, item 4): buttons by the message box that send at once,
// and their list edited in Settings (or shown locked when hospital IT sets it).
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../preload/contract';
import { lockState } from '../support/view-builders';
import { account, conversation, createFakeTiger } from './fake-tiger';
import type { FakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

afterEach(cleanup);

function withAnn(settings: Partial<Settings> = {}): FakeTiger {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() }, settings });
  fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', lastActivity: 2 }));
  return fake;
}

async function openAnn(): Promise<HTMLTextAreaElement> {
  fireEvent.click(await screen.findByText('Ann Lee', { selector: '.conversation-name' }));
  await screen.findByRole('heading', { name: 'Ann Lee' });
  return screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
}

async function openSettings(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
  return screen.findByRole('dialog', { name: 'Settings' });
}

const quickReplyNames = () => within(screen.getByRole('group', { name: 'Quick replies' })).getAllByRole('button').map((button) => button.getAttribute('aria-label'));

describe('quick replies in the composer', () => {
  it('are buttons named for what they do, one per quick reply, in their order', async () => {
    renderApp(withAnn());
    await openAnn();
    expect(quickReplyNames()).toEqual(['Quick reply: On my way', 'Quick reply: Call me', 'Quick reply: Done']);
    for (const button of within(screen.getByRole('group', { name: 'Quick replies' })).getAllByRole('button')) {
      // Real buttons in the tab order: Enter and Space press them.
      expect(button.tagName).toBe('BUTTON');
      expect(button.getAttribute('tabindex')).toBeNull();
      expect(button.getAttribute('type')).toBe('button');
    }
  });

  it('send the text at once through sendMessage, leaving what is typed in the box', async () => {
    const fake = withAnn();
    renderApp(fake);
    const box = await openAnn();
    fireEvent.input(box, { target: { value: 'Half-written note' } });
    fireEvent.click(screen.getByRole('button', { name: 'Quick reply: On my way' }));
    await waitFor(() => expect(fake.callsOf('sendMessage')).toEqual([{ conversationId: 'u-ann', body: 'On my way' }]));
    expect(box.value).toBe('Half-written note');
  });

  it('send once for a second click while the first is on its way', async () => {
    const fake = withAnn();
    renderApp(fake);
    await openAnn();
    const button = screen.getByRole('button', { name: 'Quick reply: Call me' });
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(fake.callsOf('sendMessage')).toHaveLength(1));
    fireEvent.click(button);
    await waitFor(() => expect(fake.callsOf('sendMessage')).toHaveLength(2));
  });

  it('say why when the send is refused', async () => {
    const fake = withAnn();
    fake.failNext('sendMessage', 'No account is signed in');
    renderApp(fake);
    await openAnn();
    fireEvent.click(screen.getByRole('button', { name: 'Quick reply: Done' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not sent: No account is signed in');
  });

  it('are not there when the list is empty', async () => {
    renderApp(withAnn({ quickReplies: [] }));
    await openAnn();
    expect(screen.queryByRole('group', { name: 'Quick replies' })).toBeNull();
  });
});

describe('quick replies in Settings', () => {
  it('are edited in place, and the composer offers the edited one', async () => {
    const fake = withAnn();
    renderApp(fake);
    await openAnn();
    const dialog = await openSettings();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Quick reply 2' }), { target: { value: 'Call me on 4411' } });
    await waitFor(() => expect(fake.callsOf('updateSettings')).toEqual([{ quickReplies: ['On my way', 'Call me on 4411', 'Done'] }]));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(quickReplyNames()).toEqual(['Quick reply: On my way', 'Quick reply: Call me on 4411', 'Quick reply: Done']));
  });

  it('are added below and removed by their own button', async () => {
    const fake = withAnn();
    renderApp(fake);
    const dialog = await openSettings();
    const add = within(dialog).getByRole('button', { name: 'Add' }) as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    fireEvent.input(within(dialog).getByRole('textbox', { name: 'New quick reply' }), { target: { value: '  Stat: coming ' } });
    fireEvent.click(add);
    await waitFor(() => expect(fake.callsOf('updateSettings')).toEqual([{ quickReplies: ['On my way', 'Call me', 'Done', 'Stat: coming'] }]));
    await waitFor(() => expect((within(dialog).getByRole('textbox', { name: 'New quick reply' }) as HTMLInputElement).value).toBe(''));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove quick reply: Call me' }));
    await waitFor(() => expect(fake.callsOf('updateSettings').at(-1)).toEqual({ quickReplies: ['On my way', 'Done', 'Stat: coming'] }));
  });

  it('keep a new one that was refused in its field, and say why', async () => {
    const fake = withAnn();
    fake.failNext('updateSettings', 'Two quick replies are the same', 'invalid-call');
    renderApp(fake);
    const dialog = await openSettings();
    const field = within(dialog).getByRole('textbox', { name: 'New quick reply' }) as HTMLInputElement;
    fireEvent.input(field, { target: { value: 'Done' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Two quick replies are the same');
    expect(field.value).toBe('Done');
  });

  it('are shown locked when hospital IT sets them: no editing, adding or removing', async () => {
    renderApp(withAnn({ quickReplies: ['Acknowledged'], managed: ['quickReplies'] }));
    const dialog = await openSettings();
    const section = within(dialog).getByRole('region', { name: /Quick replies/ });
    expect(within(section).getByText('(set by your organization)')).toBeTruthy();
    expect((within(section).getByRole('textbox', { name: 'Quick reply 1' }) as HTMLInputElement).disabled).toBe(true);
    expect(within(section).queryByRole('button')).toBeNull();
    expect(within(section).queryByRole('textbox', { name: 'New quick reply' })).toBeNull();
  });
});
