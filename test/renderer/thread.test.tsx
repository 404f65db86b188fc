// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../preload/contract';
import { account, conversation, createFakeTiger, message } from './fake-tiger';
import { changeSet, personView, lockState, saying } from '../support/view-builders';
import type { FakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

function withConversation(messages: MessageView[]): FakeTiger {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
  fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', lastActivity: Date.now() }));
  fake.messages.push(...messages);
  return fake;
}

async function openAnn(fake: FakeTiger) {
  const result = renderApp(fake);
  fireEvent.click(await screen.findByText('Ann Lee'));
  const list = await screen.findByRole('list', { name: 'Messages' });
  return { ...result, list };
}

describe('the thread', () => {
  it('shows markup in a body as literal text and creates no element from it', async () => {
    const hostile = '<img src=x onerror=alert(1)> and <script>alert(2)</script>';
    const { list } = await openAnn(withConversation([message('m1', 'u-ann', { body: hostile })]));
    const body = await within(list).findByText(hostile);
    expect(body.textContent).toBe(hostile);
    expect(list.querySelector('img')).toBeNull();
    expect(list.querySelector('script')).toBeNull();
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it('makes https links clickable and opens them through main, leaving schemes main refuses as text', async () => {
    const body = 'See https://ward.example/protocol and javascript:alert(1) or ftp://files.example/x, http://plain.example/y, mailto:desk@ward.example';
    const fake = withConversation([message('m1', 'u-ann', { body })]);
    const { list } = await openAnn(fake);
    await within(list).findByText(/See/);
    const links = within(list).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['https://ward.example/protocol']);
    fireEvent.click(links[0] as HTMLElement);
    expect(fake.callsOf('openExternalLink')).toEqual([{ url: 'https://ward.example/protocol' }]);
    expect(list.textContent).toContain('javascript:alert(1) or ftp://files.example/x, http://plain.example/y, mailto:desk@ward.example');
  });

  it('says a queued message will send when online, and offers edit and cancel', async () => {
    const fake = withConversation([message('q1', 'u-ann', { outgoing: true, status: 'queued', token: null, body: 'Call me' })]);
    fake.emit('connection', { kind: 'offline', nextRetryAt: Date.now() + 30_000, reason: saying('no network') });
    const { list } = await openAnn(fake);
    const item = (await within(list).findByText('Call me')).closest('article') as HTMLElement;
    expect(within(item).getByText('Queued, will send when online')).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: 'Cancel sending' }));
    expect(fake.callsOf('cancelMessage')).toEqual([{ messageId: 'q1' }]);
    fireEvent.click(within(item).getByRole('button', { name: 'Edit' }));
    fireEvent.input(within(item).getByLabelText('Edit queued message'), { target: { value: 'Call me at 4' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.callsOf('editQueued')).toEqual([{ messageId: 'q1', body: 'Call me at 4' }]));
  });

  it('shows why a message failed and retries it on request', async () => {
    const fake = withConversation([message('f1', 'u-ann', { outgoing: true, status: 'failed', failureReason: saying('Recipient not found'), token: null, body: 'Lab results' })]);
    const { list } = await openAnn(fake);
    const item = (await within(list).findByText('Lab results')).closest('article') as HTMLElement;
    expect(within(item).getByText('Failed to send: Recipient not found')).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: 'Retry' }));
    expect(fake.callsOf('retryMessage')).toEqual([{ messageId: 'f1' }]);
  });

  it('updates a message status in place when a change arrives', async () => {
    const fake = withConversation([message('s1', 'u-ann', { outgoing: true, status: 'sent', body: 'On my way' })]);
    const { list } = await openAnn(fake);
    const item = (await within(list).findByText('On my way')).closest('article') as HTMLElement;
    expect(within(item).getByText('Sent')).toBeTruthy();
    fake.emit('change', changeSet({ messages: [message('s1', 'u-ann', { outgoing: true, status: 'read', body: 'On my way' })] }));
    await waitFor(() => expect(within(item).getByText('Read')).toBeTruthy());
  });

  it('announces, politely, a message someone else sends into the open conversation, and not the ones already there or its own', async () => {
    const fake = withConversation([message('m1', 'u-ann', { body: 'Already here' })]);
    await openAnn(fake);
    const announcer = document.querySelector('p.visually-hidden[aria-live="polite"]') as HTMLElement;
    expect(announcer.textContent).toBe('');
    fake.emit('change', changeSet({ messages: [message('m2', 'u-ann', { outgoing: true, body: 'Mine', createdAt: Date.now() })] }));
    await screen.findByText('Mine');
    expect(announcer.textContent).toBe('');
    fake.emit('change', changeSet({ messages: [message('m3', 'u-ann', { body: 'Bed 4 is asking for you', createdAt: Date.now() + 1 })] }));
    await waitFor(() => expect(announcer.textContent).toBe('New message from Ann Lee: Bed 4 is asking for you'));
    fake.emit('change', changeSet({ messages: [message('m4', 'u-ann', { priority: 'high', body: 'Now please', createdAt: Date.now() + 2 })] }));
    await waitFor(() => expect(announcer.textContent).toBe('Urgent message from Ann Lee: Now please'));
  });

  it('marks urgent, recalled, forwarded, delete-on-read and expiring messages in words', async () => {
    const now = Date.now();
    const fake = withConversation([
      message('p1', 'u-ann', { priority: 'high', body: 'Code blue bed 2', createdAt: now - 5000 }),
      message('r1', 'u-ann', { recalled: true, body: '', createdAt: now - 4000 }),
      message('w1', 'u-ann', { forwardedFrom: { senderToken: 'u-zed', senderName: 'Zed Kim', sentAt: null }, body: 'Forwarded note', createdAt: now - 3000 }),
      message('d1', 'u-ann', { deleteOnRead: true, expiresAt: now + 125_000, body: 'Door code 4412', createdAt: now - 2000 }),
    ]);
    const { list } = await openAnn(fake);
    const urgent = (await within(list).findByText('Code blue bed 2')).closest('article') as HTMLElement;
    expect(within(urgent).getByText('Urgent')).toBeTruthy();
    expect(within(list).getByText('This message was recalled.')).toBeTruthy();
    expect(await within(list).findByText('Forwarded from Zed Kim')).toBeTruthy();
    const secret = within(list).getByText('Door code 4412').closest('article') as HTMLElement;
    expect(within(secret).getByText('Deletes when read')).toBeTruthy();
    expect(within(secret).getByText(/^Expires in 2:0[45]$/)).toBeTruthy();
  });

  it('names the senders in a group as the messages say, without asking main about each', async () => {
    const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
    fake.conversations.set('g-ward', conversation('g-ward', { kind: 'group', name: 'Ward 7', lastActivity: Date.now() }));
    fake.groupMembers.set('g-ward', []);
    fake.messages.push(
      message('g1', 'g-ward', { senderToken: 'u-cy', senderName: 'Cy Oduya', body: 'Bed 9 is free' }),
      message('g2', 'g-ward', { senderToken: 'u-dee', senderName: 'u-dee', body: 'Taking it', createdAt: Date.UTC(2026, 10, 20, 9, 1, 0) }),
    );
    renderApp(fake);
    fireEvent.click(await screen.findByText('Ward 7'));
    const list = await screen.findByRole('list', { name: 'Messages' });
    expect(await within(list).findByRole('article', { name: /^Cy Oduya, / })).toBeTruthy();
    expect(within(list).getByRole('article', { name: /^u-dee, / })).toBeTruthy();

    fake.emit('change', changeSet({ people: [personView({ token: 'u-dee', name: 'Dee Park' })] }));
    expect(await within(list).findByRole('article', { name: /^Dee Park, / })).toBeTruthy();
    expect(within(list).getByRole('article', { name: /^Cy Oduya, / })).toBeTruthy();
    expect(fake.callsOf('person')).toEqual([]);
  });

  it('recalls an own message only after a second, confirming click', async () => {
    const fake = withConversation([message('o1', 'u-ann', { outgoing: true, status: 'delivered', body: 'Wrong patient' })]);
    const { list } = await openAnn(fake);
    const item = (await within(list).findByText('Wrong patient')).closest('article') as HTMLElement;
    fireEvent.click(within(item).getByRole('button', { name: 'Recall' }));
    expect(fake.callsOf('recallMessage')).toEqual([]);
    fireEvent.click(within(item).getByRole('button', { name: 'Confirm recall' }));
    expect(fake.callsOf('recallMessage')).toEqual([{ messageId: 'o1' }]);
  });

  it('keeps at most 200 message elements in the DOM for a thread of 50,000 messages', async () => {
    const fake = withConversation([]);
    const { list } = await openAnn(fake);
    const start = Date.UTC(2026, 0, 1);
    const many = Array.from({ length: 50_000 }, (_, index) => message(`n${index}`, 'u-ann', { createdAt: start + index * 60_000, body: `Observation ${index}` }));
    fake.emit('change', changeSet({ messages: many }));
    await waitFor(() => expect(list.querySelectorAll('[data-message-id]').length).toBeGreaterThan(0));
    const rendered = list.querySelectorAll('[data-message-id]');
    expect(rendered.length).toBeLessThanOrEqual(200);
    const scroller = list.parentElement as HTMLElement;
    scroller.scrollTop = Number.parseFloat(list.style.height) / 2;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(list.querySelector('[data-message-id="n0"]')).toBeNull());
    const middle = [...list.querySelectorAll<HTMLElement>('[data-message-id]')].map((element) => Number(element.dataset.messageId?.slice(1)));
    expect(middle.length).toBeLessThanOrEqual(200);
    expect(Math.min(...middle)).toBeGreaterThan(20_000);
    expect(Math.max(...middle)).toBeLessThan(30_000);
  });

  it('loads older pages when the oldest loaded message comes into view', async () => {
    const start = Date.UTC(2026, 0, 1);
    const fake = withConversation(Array.from({ length: 150 }, (_, index) => message(`h${index}`, 'u-ann', { createdAt: start + index * 60_000 })));
    await openAnn(fake);
    await waitFor(() => expect(fake.callsOf('threadPage')).toContainEqual({ conversationId: 'u-ann', before: 'h50', limit: 100 }));
  });

  it('marks messages read up to the newest unread one in view while the window has focus', async () => {
    const now = Date.now();
    const fake = withConversation([
      message('a1', 'u-ann', { createdAt: now - 2000, readByMe: false }),
      message('a2', 'u-ann', { createdAt: now - 1000, readByMe: false }),
    ]);
    const focus = document.hasFocus;
    document.hasFocus = () => true;
    try {
      await openAnn(fake);
      await waitFor(() => expect(fake.callsOf('markRead')).toEqual([{ conversationId: 'u-ann', upToMessageId: 'a2' }]));
    } finally {
      document.hasFocus = focus;
    }
  });

  it('does not mark anything read while the window is in the background', async () => {
    const fake = withConversation([message('b1', 'u-ann', { readByMe: false })]);
    const focus = document.hasFocus;
    document.hasFocus = () => false;
    try {
      const { list } = await openAnn(fake);
      await within(list).findByText('Body of b1');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fake.callsOf('markRead')).toEqual([]);
    } finally {
      document.hasFocus = focus;
    }
  });

  it('shows who is typing in the open conversation', async () => {
    const fake = withConversation([]);
    await openAnn(fake);
    fake.emit('typing', { conversationId: 'u-ann', people: [{ token: 'u-ann', name: 'Ann Lee' }] });
    expect(await screen.findByText('Ann Lee is typing…')).toBeTruthy();
    fake.emit('typing', { conversationId: 'u-ann', people: [] });
    await waitFor(() => expect(screen.queryByText(/is typing/)).toBeNull());
  });

  it('opens the conversation main asks for, as after a notification is clicked', async () => {
    const fake = withConversation([message('m1', 'u-ann', { body: 'Are you free?' })]);
    renderApp(fake);
    await screen.findByText('Ann Lee');
    fake.emit('openConversation', { conversationId: 'u-ann' });
    expect(await screen.findByRole('heading', { name: 'Ann Lee' })).toBeTruthy();
    expect(await screen.findByText('Are you free?')).toBeTruthy();
  });

  it('names a conversation opened before it joined the roster, and shows its picture, once it joins', async () => {
    const fake = withConversation([]);
    fake.avatars.set('person:u-bo', { bytes: new Uint8Array([137, 80, 78, 71]), contentType: 'image/png' });
    const { state } = renderApp(fake);
    await screen.findByText('Ann Lee');
    state.openConversation('u-bo', { name: 'bo@example.test' });
    expect(await screen.findByRole('heading', { name: 'bo@example.test' })).toBeTruthy();
    fake.emit('change', changeSet({ conversations: [conversation('u-bo', { name: 'Bo Reyes', avatar: 'http://127.0.0.1:7443/v2/user/u-bo/avatar', lastActivity: Date.now() })] }));
    expect(await screen.findByRole('heading', { name: 'Bo Reyes' })).toBeTruthy();
    const header = document.querySelector('header.thread-header') as HTMLElement;
    await waitFor(() => expect(header.querySelector('img.avatar')?.getAttribute('src')).toMatch(/^blob:/));
  });

  it('previews an image attachment through a blob URL from main, and offers save and open for a file', async () => {
    const fake = withConversation([
      message('img', 'u-ann', { body: '', attachment: { name: 'wound.png', contentType: 'image/png', size: 2048 }, createdAt: Date.now() - 2000 }),
      message('doc', 'u-ann', { body: 'Discharge letter', attachment: { name: 'letter.pdf', contentType: 'application/pdf', size: 1_572_864 }, createdAt: Date.now() - 1000 }),
    ]);
    const { list } = await openAnn(fake);
    const image = (await within(list).findByRole('img', { name: 'wound.png' })) as HTMLImageElement;
    expect(image.src.startsWith('blob:')).toBe(true);
    expect(fake.callsOf('attachmentPreview')).toEqual([{ messageId: 'img' }]);
    const card = (within(list).getByText('letter.pdf').closest('.file-card') as HTMLElement);
    expect(card.textContent).toContain('application/pdf, 1.5 MB');
    expect(within(card).queryByRole('img')).toBeNull();
    fireEvent.click(within(card).getByRole('button', { name: 'Save as… letter.pdf' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Open letter.pdf' }));
    expect(fake.callsOf('saveAttachment')).toEqual([{ messageId: 'doc' }]);
    expect(fake.callsOf('openAttachment')).toEqual([{ messageId: 'doc' }]);
  });
});
