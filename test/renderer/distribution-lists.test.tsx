// @vitest-environment happy-dom
/**
 * A distribution list in the window: its row and header say it is a list and how many it
 * reaches, the thread says where answers arrive, a message is sent to it like any other, and
 * nothing offers what a list cannot do (mute, a profile, group details).
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, conversation, createFakeTiger } from './fake-tiger';
import { lockState } from '../support/view-builders';
import { renderApp } from './render-app';

function withList(memberCount?: number) {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
  fake.conversations.set('dl-night', conversation('dl-night', {
    kind: 'list', name: 'Night shift nurses', lastActivity: Date.now() - 1000, ...(memberCount === undefined ? {} : { memberCount }),
  }));
  fake.conversations.set('u-jordan', conversation('u-jordan', { name: 'Jordan Lee', lastActivity: Date.now() - 2000 }));
  return fake;
}

const row = (name: string) => screen.getByRole('list', { name: 'Conversations' }).querySelector<HTMLElement>(`[data-options-for="${name}"]`)!.parentElement!;

describe('a distribution list in the window', () => {
  it('tags the row and the header with the list\'s size, and sends to the list from its thread', async () => {
    const fake = withList(4);
    const { state } = renderApp(fake);
    await screen.findByText('Night shift nurses');
    expect(within(row('dl-night')).getByText('List · 4 members')).toBeTruthy();
    expect(within(row('u-jordan')).queryByText(/^List/)).toBeNull();

    fireEvent.click(screen.getByText('Night shift nurses'));
    const header = await screen.findByRole('heading', { level: 2, name: 'Night shift nurses' });
    expect(header.parentElement?.textContent).toContain('List · 4 members');
    expect(within(header.parentElement!).queryByRole('button', { name: 'Profile' })).toBeNull();
    expect(within(header.parentElement!).queryByRole('button', { name: 'Group details' })).toBeNull();
    expect(screen.getByRole('note').textContent).toBe(
      'Each of the 4 members receives your message on their own; their answers arrive in your conversation with each of them.',
    );

    fireEvent.input(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'Huddle at 7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send', exact: true }));
    await waitFor(() => expect(fake.callsOf('sendMessage')).toEqual([expect.objectContaining({ conversationId: 'dl-night', body: 'Huddle at 7' })]));
    expect(state.ui.selected.value).toBe('dl-night');
  });

  it('says "List" alone until its size is known, and one member in the singular', async () => {
    renderApp(withList());
    await screen.findByText('Night shift nurses');
    expect(within(row('dl-night')).getByText('List')).toBeTruthy();
    const fake = withList(1);
    fake.conversations.delete('u-jordan');
    renderApp(fake);
    await waitFor(() => expect(screen.getAllByText('List · 1 member')).toHaveLength(1));
  });

  it('offers pinning but no muting in a list\'s menu (nothing arrives in it), and both for a person', async () => {
    renderApp(withList(4));
    await screen.findByText('Night shift nurses');
    fireEvent.click(screen.getByRole('button', { name: 'Conversation options: Night shift nurses' }));
    const listMenu = screen.getByRole('menu', { name: 'Options for Night shift nurses' });
    expect(within(listMenu).getAllByRole(/menuitem/).map((item) => item.textContent)).toEqual(['Pin to top']);
    fireEvent.keyDown(listMenu, { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: 'Conversation options: Jordan Lee' }));
    const personMenu = screen.getByRole('menu', { name: 'Options for Jordan Lee' });
    expect(within(personMenu).getByRole('menuitem', { name: 'Mute for 1 hour' })).toBeTruthy();
  });
});
