// @vitest-environment happy-dom
import { lockState } from '../support/view-builders';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, conversation, createFakeTiger } from './fake-tiger';
import type { FakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

function withTwoConversations(): FakeTiger {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
  fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', lastActivity: 2 }));
  fake.conversations.set('u-bob', conversation('u-bob', { name: 'Bob Osei', lastActivity: 1 }));
  return fake;
}

async function open(name: string): Promise<HTMLTextAreaElement> {
  fireEvent.click(await screen.findByText(name, { selector: '.conversation-name' }));
  await screen.findByRole('heading', { name });
  return screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
}

describe('the composer', () => {
  it('is a textbox labelled Message with a Send button', async () => {
    renderApp(withTwoConversations());
    const box = await open('Ann Lee');
    expect(box.tagName).toBe('TEXTAREA');
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
  });

  it('sends on Enter with the options chosen, then empties the box and the stored draft', async () => {
    const fake = withTwoConversations();
    renderApp(fake);
    const box = await open('Ann Lee');
    fireEvent.input(box, { target: { value: 'Please review bed 4' } });
    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: 'high' } });
    fireEvent.click(screen.getByLabelText('Delete when read'));
    const notPrevented = fireEvent.keyDown(box, { key: 'Enter' });
    expect(notPrevented).toBe(false);
    await waitFor(() => expect(fake.callsOf('sendMessage')).toEqual([{ conversationId: 'u-ann', body: 'Please review bed 4', priority: 'high', deleteOnRead: true }]));
    await waitFor(() => expect(box.value).toBe(''));
    await waitFor(() => expect(fake.drafts.get('u-ann')).toBe(''));
    expect((screen.getByLabelText('Priority') as HTMLSelectElement).value).toBe('normal');
  });

  it('sends the expiry chosen, as minutes, and goes back to the default after', async () => {
    const fake = withTwoConversations();
    renderApp(fake);
    const box = await open('Ann Lee');
    const expiry = screen.getByLabelText('Expires after') as HTMLSelectElement;
    expect(expiry.value).toBe('null');
    fireEvent.input(box, { target: { value: 'Call back within the hour' } });
    fireEvent.change(expiry, { target: { value: '60' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(fake.callsOf('sendMessage')).toEqual([{ conversationId: 'u-ann', body: 'Call back within the hour', priority: 'normal', ttlMinutes: 60 }]));
    await waitFor(() => expect(expiry.value).toBe('null'));
  });

  it('keeps Shift+Enter for a new line and does not send', async () => {
    const fake = withTwoConversations();
    renderApp(fake);
    const box = await open('Ann Lee');
    fireEvent.input(box, { target: { value: 'Line one' } });
    const notPrevented = fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(notPrevented).toBe(true);
    fireEvent.input(box, { target: { value: 'Line one\nLine two' } });
    expect(box.value).toBe('Line one\nLine two');
    expect(fake.callsOf('sendMessage')).toEqual([]);
  });

  it('does not send an empty message', async () => {
    const fake = withTwoConversations();
    renderApp(fake);
    const box = await open('Ann Lee');
    fireEvent.input(box, { target: { value: '   ' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(fake.callsOf('sendMessage')).toEqual([]);
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('keeps the text and says why when main refuses the message', async () => {
    const fake = withTwoConversations();
    fake.failNext('sendMessage', 'The file is over 25 MB', 'too-large');
    renderApp(fake);
    const box = await open('Ann Lee');
    fireEvent.input(box, { target: { value: 'Scan attached' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect((await screen.findByRole('alert')).textContent).toBe('Not sent: The file is over 25 MB');
    expect(box.value).toBe('Scan attached');
  });

  it('saves a draft per conversation through setDraft and restores it after a restart', async () => {
    const fake = withTwoConversations();
    renderApp(fake);
    const box = await open('Ann Lee');
    fireEvent.input(box, { target: { value: 'Half-written handover' } });
    await waitFor(() => expect(fake.callsOf('setDraft')).toContainEqual({ conversationId: 'u-ann', text: 'Half-written handover' }));
    const bobBox = await open('Bob Osei');
    await waitFor(() => expect(bobBox.value).toBe(''));

    cleanup();
    renderApp(fake);
    const restored = await open('Ann Lee');
    await waitFor(() => expect(restored.value).toBe('Half-written handover'));
  });

  it('saves a pending draft at once when switching conversation', async () => {
    const fake = withTwoConversations();
    renderApp(fake);
    const box = await open('Ann Lee');
    fireEvent.input(box, { target: { value: 'Quick note' } });
    await open('Bob Osei');
    await waitFor(() => expect(fake.drafts.get('u-ann')).toBe('Quick note'));
  });

  it('says messages will be queued while offline', async () => {
    const fake = withTwoConversations();
    renderApp(fake);
    await open('Ann Lee');
    expect(screen.getByText('Offline: messages you send now are queued and will send when online.')).toBeTruthy();
    fake.emit('connection', { kind: 'live' });
    await waitFor(() => expect(screen.queryByText(/messages you send now are queued/)).toBeNull());
  });

  it('attaches a dropped file as bytes and sends it with the message', async () => {
    const fake = withTwoConversations();
    renderApp(fake);
    const box = await open('Ann Lee');
    const file = new File([new Uint8Array([1, 2, 3])], 'ecg.pdf', { type: 'application/pdf' });
    const thread = screen.getByRole('main');
    // happy-dom has no DataTransfer: a drop event carrying the file is built by hand.
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file] } });
    thread.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    expect(await screen.findByText('ecg.pdf (3 bytes)')).toBeTruthy();
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(fake.callsOf('sendMessage')).toHaveLength(1));
    const sent = fake.callsOf('sendMessage')[0] as { attachment: { kind: string; file: { name: string; contentType: string; bytes: Uint8Array } } };
    expect(sent.attachment.kind).toBe('bytes');
    expect(sent.attachment.file.name).toBe('ecg.pdf');
    expect(sent.attachment.file.contentType).toBe('application/pdf');
    expect([...sent.attachment.file.bytes]).toEqual([1, 2, 3]);
  });

  it('attaches a pasted file and refuses one over 25 MB, saying why', async () => {
    const fake = withTwoConversations();
    renderApp(fake);
    const box = await open('Ann Lee');
    const paste = (file: File) => {
      const event = new Event('paste', { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'clipboardData', { value: { files: [file] } });
      box.dispatchEvent(event);
    };
    paste(new File(['x'], 'photo.jpg', { type: 'image/jpeg' }));
    expect(await screen.findByText('photo.jpg (1 byte)')).toBeTruthy();
    const huge = new File(['x'], 'scan.tiff', { type: 'image/tiff' });
    Object.defineProperty(huge, 'size', { value: 26 * 1024 * 1024 });
    paste(huge);
    expect((await screen.findByRole('alert')).textContent).toBe('scan.tiff is over 25 MB and cannot be sent.');
    expect(screen.getByText('photo.jpg (1 byte)')).toBeTruthy();
  });
});
