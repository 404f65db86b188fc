// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, conversation, createFakeTiger, message } from './fake-tiger';
import { changeSet, lockState } from '../support/view-builders';
import type { FakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

function signedIn(settings: Parameters<typeof createFakeTiger>[0] = {}): FakeTiger {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() }, ...settings });
  const now = Date.now();
  fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', lastActivity: now - 60_000, unread: 3, unreadPriority: 1, lastMessage: { messageId: 'm1', senderToken: 'u-ann', outgoing: false, preview: 'Bed 4 needs review', priority: 'high', status: 'delivered' } }));
  fake.conversations.set('g-icu', conversation('g-icu', { kind: 'group', name: 'ICU night team', lastActivity: now - 10_000 }));
  fake.conversations.set('u-bob', conversation('u-bob', { name: 'Bob Osei', lastActivity: now - 3_600_000 }));
  return fake;
}

async function rowNames(): Promise<string[]> {
  const list = await screen.findByRole('list', { name: 'Conversations' });
  await waitFor(() => expect(within(list).queryAllByRole('listitem').length).toBeGreaterThan(0));
  return within(list)
    .getAllByRole('listitem')
    .sort((a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')))
    .map((item) => item.querySelector('.conversation-name')?.textContent ?? '');
}

describe('the roster', () => {
  it('lists conversations by last activity, newest first', async () => {
    renderApp(signedIn());
    expect(await rowNames()).toEqual(['ICU night team', 'Ann Lee', 'Bob Osei']);
  });

  it('shows unread and urgent unread counts in words a screen reader reads out', async () => {
    renderApp(signedIn());
    const row = (await screen.findByText('Ann Lee')).closest('button');
    expect(row?.textContent).toContain('3 unread');
    expect(row?.textContent).toContain('1 urgent unread');
    expect(row?.textContent).toContain('Bed 4 needs review');
    expect(row?.textContent).toContain('Urgent');
  });

  it('marks groups as groups', async () => {
    renderApp(signedIn());
    const row = (await screen.findByText('ICU night team')).closest('button');
    expect(row?.textContent).toContain('Group');
  });

  it('shows the message preview whatever the notification privacy, and hides it when previews are off', async () => {
    renderApp(signedIn({ settings: { notificationPrivacy: 'count' } }));
    expect((await screen.findByText('Ann Lee')).closest('button')?.textContent).toContain('Bed 4');
    cleanup();
    renderApp(signedIn({ settings: { notificationPrivacy: 'full', showMessagePreviews: false } }));
    const row = (await screen.findByText('Ann Lee')).closest('button');
    expect(row?.textContent).not.toContain('Bed 4');
    expect(row?.textContent).toContain('Message hidden');
  });

  it('filters conversations by name as the person types', async () => {
    renderApp(signedIn());
    await rowNames();
    fireEvent.input(screen.getByLabelText('Filter conversations and search messages'), { target: { value: 'bo' } });
    await waitFor(async () => expect(await rowNames()).toEqual(['Bob Osei']));
  });

  it('moves a conversation to the top and updates its badge when a change arrives', async () => {
    const fake = signedIn();
    renderApp(fake);
    await rowNames();
    const bob = fake.conversations.get('u-bob');
    if (bob === undefined) throw new Error('fixture');
    fake.emit('change', changeSet({ conversations: [{ ...bob, lastActivity: Date.now(), unread: 2 }] }));
    await waitFor(async () => expect(await rowNames()).toEqual(['Bob Osei', 'ICU night team', 'Ann Lee']));
    expect(screen.getByText('Bob Osei').closest('button')?.textContent).toContain('2 unread');
  });

  it('removes a conversation that main reports removed', async () => {
    const fake = signedIn();
    renderApp(fake);
    await rowNames();
    fake.emit('change', changeSet({ removedConversations: ['g-icu'] }));
    await waitFor(async () => expect(await rowNames()).toEqual(['Ann Lee', 'Bob Osei']));
  });

  it('searches message text through the core index and opens the conversation of a result', async () => {
    const fake = signedIn();
    fake.messages.push(message('m-k', 'u-bob', { body: 'Potassium is 6.1' }));
    renderApp(fake);
    await rowNames();
    fireEvent.input(screen.getByLabelText('Filter conversations and search messages'), { target: { value: 'potassium' } });
    const results = await screen.findByRole('list', { name: 'Matching messages' });
    expect(fake.callsOf('searchMessages')).toEqual([{ query: 'potassium' }]);
    fireEvent.click(within(results).getByText('Potassium is 6.1'));
    expect(await screen.findByRole('heading', { name: 'Bob Osei' })).toBeTruthy();
  });

  it('opens a found message in its thread with the page before it and everything after it, so no gap is left', async () => {
    const fake = signedIn();
    const start = Date.UTC(2026, 0, 1);
    for (let index = 0; index < 400; index += 1) fake.messages.push(message(`b${index}`, 'u-bob', { createdAt: start + index * 60_000, body: index === 150 ? 'Potassium is 6.1' : `Routine ${index}` }));
    const { state } = renderApp(fake);
    await rowNames();
    fireEvent.input(screen.getByLabelText('Filter conversations and search messages'), { target: { value: 'potassium' } });
    const results = await screen.findByRole('list', { name: 'Matching messages' });
    fireEvent.click(within(results).getByText('Potassium is 6.1'));
    await waitFor(() => expect(state.thread.target.value).toBe('b150'));
    expect(fake.callsOf('threadPage').slice(0, 2)).toEqual([
      { conversationId: 'u-bob', before: 'b150', limit: 100 },
      { conversationId: 'u-bob', after: 'b150', limit: 500 },
    ]);
    const order = state.thread.order.value;
    expect(order.slice(order.indexOf('b50'), order.indexOf('b50') + 350)).toEqual(Array.from({ length: 350 }, (_, index) => `b${index + 50}`));
    expect(order[order.length - 1]).toBe('b399');
  });

  it('renders only the rows in view of a roster of 10,000 conversations', async () => {
    const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
    for (let index = 0; index < 10_000; index += 1) fake.conversations.set(`c${index}`, conversation(`c${index}`, { lastActivity: index }));
    renderApp(fake);
    const list = await screen.findByRole('list', { name: 'Conversations' });
    await waitFor(() => expect(within(list).queryAllByRole('listitem').length).toBeGreaterThan(0));
    // The first page is painted first; the rest fills in behind it.
    await waitFor(() => expect(within(list).getAllByRole('listitem')[0]?.getAttribute('aria-setsize')).toBe('10000'));
    const rendered = within(list).getAllByRole('listitem');
    expect(rendered.length).toBeLessThan(100);
    expect(rendered[0]?.textContent).toContain('Person c9999');
  });
});
