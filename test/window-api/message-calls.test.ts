import { mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { userText } from '../../i18n/user-text';
import { attachmentCalls } from '../../main/window-api/attachment-calls';
import { PickedFiles } from '../../main/window-api/file-dialogs';
import type { FileDialog } from '../../main/window-api/file-dialogs';
import type { CallHandlers } from '../../main/window-api/answer-call';
import { messageCalls } from '../../main/window-api/message-calls';
import { peopleCalls } from '../../main/window-api/people-calls';
import type { MessageView } from '../../preload/contract';
import { readRecipient } from '../outbox/recipient-view';
import { newPerson } from '../sandbox/support/people';
import { useSandbox } from '../support/sandbox-fixture';
import { call, signedInWithPeer, waitFor } from './support/signed-in-account';
import type { SignedInWithPeer } from './support/signed-in-account';

const sandbox = useSandbox();

interface Setup extends SignedInWithPeer {
  handlers: Partial<CallHandlers>;
  /** What the open dialog answers next: a path, or null for cancelled. */
  nextPick: { path: string | null };
  files: string;
}

async function setUp(): Promise<Setup> {
  const { me, peer, account } = await signedInWithPeer(sandbox, { me: 'Nurse Sender', peer: 'Doctor Reader' });
  const files = await mkdtemp(join(tmpdir(), 'tigerdesk-message-calls-'));
  onTestFinished(() => rm(files, { recursive: true, force: true }));
  const nextPick: { path: string | null } = { path: null };
  const dialog: FileDialog = {
    showOpenDialog: async () => (nextPick.path === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [nextPick.path] }),
    showSaveDialog: async () => ({ canceled: true, filePath: '' }),
  };
  const picked = new PickedFiles();
  const current = () => account.runtime;
  const handlers: Partial<CallHandlers> = {
    ...messageCalls(current, picked),
    ...peopleCalls(current),
    ...attachmentCalls({ current, dialog, picked, downloads: files, openedDir: join(files, 'opened'), openPath: async () => '' }),
  };
  return { me, peer, account, handlers, nextPick, files };
}

function threadOf(setup: Setup, conversationId: string): MessageView[] {
  return setup.account.runtime.sync.thread(conversationId, { limit: 50 });
}

/** Waits until the message has reached the server; returns it with its token. */
function sentView(setup: Setup, conversationId: string, id: string): Promise<MessageView> {
  return waitFor(`message ${id} sent`, () => threadOf(setup, conversationId).find((message) => message.id === id && message.status === 'sent'));
}

describe('sending a message', () => {
  it('queues the text at once and the peer receives it once', async () => {
    const setup = await setUp();
    const view = await call(setup.handlers, 'sendMessage', { conversationId: setup.peer.token, body: 'BP 120/80, stable', priority: 'high' });
    expect(view).toMatchObject({ conversationId: setup.peer.token, outgoing: true, body: 'BP 120/80, stable', priority: 'high', attachment: null });
    expect(['queued', 'sending', 'sent']).toContain(view.status);
    const sent = await sentView(setup, setup.peer.token, view.id);
    const received = await readRecipient(setup.peer, setup.me.token);
    expect(received.map((message) => [message.token, message.body])).toEqual([[sent.token, 'BP 120/80, stable']]);
  });

  it('sends a picked file by its pick id, which the window sees instead of the path, and only once', async () => {
    const setup = await setUp();
    const bytes = randomBytes(3_000);
    const path = join(setup.files, 'ecg strip.pdf');
    await writeFile(path, bytes);
    setup.nextPick.path = path;
    const pick = await call(setup.handlers, 'pickAttachment', undefined);
    expect(pick).toMatchObject({ name: 'ecg strip.pdf', size: 3_000, contentType: 'application/pdf' });
    expect(JSON.stringify(pick)).not.toContain(setup.files);

    const view = await call(setup.handlers, 'sendMessage', {
      conversationId: setup.peer.token,
      body: '',
      attachment: { kind: 'picked', pickId: pick!.pickId },
    });
    expect(view.attachment).toEqual({ name: 'ecg strip.pdf', contentType: 'application/pdf', size: 3_000 });
    const sent = await sentView(setup, setup.peer.token, view.id);
    const downloaded = await setup.peer.client.getAttachment(sent.token!);
    expect(Buffer.from(downloaded.bytes).equals(bytes)).toBe(true);

    await expect(
      call(setup.handlers, 'sendMessage', { conversationId: setup.peer.token, body: 'again', attachment: { kind: 'picked', pickId: pick!.pickId } }),
    ).rejects.toThrow('The picked file is no longer at hand; pick it again');
  });

  it('answers a cancelled pick with null and refuses a file over 25 MB before the window holds it', async () => {
    const setup = await setUp();
    expect(await call(setup.handlers, 'pickAttachment', undefined)).toBeNull();
    const big = join(setup.files, 'scan.dcm');
    await writeFile(big, '');
    await truncate(big, 25 * 1024 * 1024 + 1);
    setup.nextPick.path = big;
    await expect(call(setup.handlers, 'pickAttachment', undefined)).rejects.toThrow('The file scan.dcm is over 25 MB and cannot be sent');
  });

  it('refuses a picked file that grew past 25 MB before it was sent, and queues nothing', async () => {
    const setup = await setUp();
    const path = join(setup.files, 'notes.txt');
    await writeFile(path, 'short');
    setup.nextPick.path = path;
    const pick = await call(setup.handlers, 'pickAttachment', undefined);
    await truncate(path, 25 * 1024 * 1024 + 1);
    await expect(
      call(setup.handlers, 'sendMessage', { conversationId: setup.peer.token, body: 'see file', attachment: { kind: 'picked', pickId: pick!.pickId } }),
    ).rejects.toThrow('over 25 MB');
    expect(threadOf(setup, setup.peer.token)).toEqual([]);
    expect(setup.account.runtime.outbox.jobs()).toEqual([]);
  });

  it('sends dropped bytes under their plain name and leaves no plain copy behind', async () => {
    const setup = await setUp();
    const bytes = randomBytes(2_048);
    const view = await call(setup.handlers, 'sendMessage', {
      conversationId: setup.peer.token,
      body: 'wound, day 3',
      attachment: { kind: 'bytes', file: { name: 'C:\\fakepath\\wound.png', contentType: 'image/png', bytes: new Uint8Array(bytes) } },
    });
    expect(view.attachment).toEqual({ name: 'wound.png', contentType: 'image/png', size: 2_048 });
    const sent = await sentView(setup, setup.peer.token, view.id);
    expect(Buffer.from((await setup.peer.client.getAttachment(sent.token!)).bytes).equals(bytes)).toBe(true);
    expect(await readdir(join(dirname(setup.account.runtime.cache.dir), 'outgoing'))).toEqual([]);
  });
});

describe('the outbox calls', () => {
  it('edit and cancel queued messages while offline; the edited text is what goes when the network is back', async () => {
    const setup = await setUp();
    const { runtime } = setup.account;
    runtime.outbox.networkLost();
    const first = await call(setup.handlers, 'sendMessage', { conversationId: setup.peer.token, body: 'K+ 5.2' });
    const second = await call(setup.handlers, 'sendMessage', { conversationId: setup.peer.token, body: 'ignore that' });
    const edited = await call(setup.handlers, 'editQueued', { messageId: first.id, body: 'K+ 5.9, repeat sample' });
    expect(edited).toMatchObject({ id: first.id, body: 'K+ 5.9, repeat sample', status: 'queued' });
    expect(await call(setup.handlers, 'cancelMessage', { messageId: second.id })).toEqual({ ok: true });
    expect(threadOf(setup, setup.peer.token).map((message) => message.id)).toEqual([first.id]);
    expect(await call(setup.handlers, 'retryMessage', { messageId: first.id })).toEqual({ ok: true });
    expect(await call(setup.handlers, 'retryAll', { conversationId: setup.peer.token })).toEqual({ ok: true });

    runtime.networkBack();
    await sentView(setup, setup.peer.token, first.id);
    expect((await readRecipient(setup.peer, setup.me.token)).map((message) => message.body)).toEqual(['K+ 5.9, repeat sample']);
    await expect(call(setup.handlers, 'editQueued', { messageId: first.id, body: 'too late' })).rejects.toThrow(
      `Message ${first.id} is not waiting in the outbox: it was sent or cancelled`,
    );
    await expect(call(setup.handlers, 'retryMessage', { messageId: first.id })).rejects.toThrow('is not waiting in the outbox');
    await expect(call(setup.handlers, 'cancelMessage', { messageId: 'not-a-message' })).rejects.toThrow('There is no message "not-a-message"');
  });

  it('retry a message the server refused: it is queued again, and fails again with the reason', async () => {
    const setup = await setUp();
    const view = await call(setup.handlers, 'sendMessage', { conversationId: 'no-such-person-token', body: 'lost?' });
    const failed = await waitFor('the refusal', () => threadOf(setup, 'no-such-person-token').find((m) => m.id === view.id && m.status === 'failed'));
    expect(failed.failureReason).toEqual(userText('failure.unknown-recipient-saying', { status: 404, serverMessage: 'unknown user: no-such-person-token' }));
    const shown: string[] = [];
    const stop = setup.account.runtime.changes.subscribe((change) => {
      for (const message of change.messages) if (message.id === view.id) shown.push(message.status);
    });
    onTestFinished(stop);
    expect(await call(setup.handlers, 'retryMessage', { messageId: view.id })).toEqual({ ok: true });
    await waitFor('the second refusal', () => (shown.at(-1) === 'failed' ? true : undefined));
    expect(shown[0]).toBe('queued');
    expect(setup.account.runtime.outbox.jobOfMessage(Number(view.id))).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('recall a sent message on the server, and refuse to recall one received', async () => {
    const setup = await setUp();
    const view = await call(setup.handlers, 'sendMessage', { conversationId: setup.peer.token, body: 'wrong patient' });
    const sent = await sentView(setup, setup.peer.token, view.id);
    expect(await call(setup.handlers, 'recallMessage', { messageId: view.id })).toEqual({ ok: true });
    await waitFor('the recall', () => threadOf(setup, setup.peer.token).find((message) => message.id === view.id && message.recalled));
    expect((await setup.account.runtime.api.getMessageStatus(sent.token!)).is_recalled).toBe(true);

    await setup.peer.client.sendMessage({ recipient: setup.me.token, body: 'noted', senderOrganization: sandbox.organizationKey });
    const incoming = await waitFor('the reply', () => threadOf(setup, setup.peer.token).find((message) => !message.outgoing));
    await expect(call(setup.handlers, 'recallMessage', { messageId: incoming.id })).rejects.toThrow('Only messages you sent can be recalled');
  });

  it('forward a message to someone else, who receives it', async () => {
    const setup = await setUp();
    const third = await newPerson(sandbox, 'Pharmacist');
    const view = await call(setup.handlers, 'sendMessage', { conversationId: setup.peer.token, body: 'vancomycin trough 18' });
    await sentView(setup, setup.peer.token, view.id);
    expect(await call(setup.handlers, 'forwardMessage', { messageId: view.id, to: third.token })).toEqual({ ok: true });
    await waitFor('the forward to go', () => (setup.account.runtime.outbox.jobs().length === 0 ? true : undefined));
    const received = await readRecipient(third, setup.me.token);
    expect(received.map((message) => message.body)).toEqual(['vancomycin trough 18']);
    await expect(call(setup.handlers, 'forwardMessage', { messageId: '999999', to: third.token })).rejects.toThrow('There is no message 999999');
  });
});

describe('reading about messages', () => {
  it('tell who read a message, by name', async () => {
    const setup = await setUp();
    // The card of the peer is fetched once and kept: their name comes from the store after.
    expect((await call(setup.handlers, 'person', { token: setup.peer.token })).name).toBe('Doctor Reader');
    const view = await call(setup.handlers, 'sendMessage', { conversationId: setup.peer.token, body: 'please review' });
    const sent = await sentView(setup, setup.peer.token, view.id);
    expect(await call(setup.handlers, 'messageInfo', { messageId: view.id })).toEqual({ statuses: [] });
    await setup.peer.client.updateMessageStatus({ read: [sent.token!] });
    const info = await waitFor('the read receipt', async () => {
      const reply = await call(setup.handlers, 'messageInfo', { messageId: view.id });
      return reply.statuses.some((status) => status.status === 'read') ? reply : undefined;
    });
    expect(info.statuses).toEqual([{ token: setup.peer.token, name: 'Doctor Reader', status: 'read', at: expect.any(Number) }]);
    await expect(call(setup.handlers, 'messageInfo', { messageId: '999999' })).rejects.toThrow('There is no message 999999');
  });

  it('find messages by their words, with the conversation named', async () => {
    const setup = await setUp();
    await call(setup.handlers, 'person', { token: setup.peer.token });
    await call(setup.handlers, 'sendMessage', { conversationId: setup.peer.token, body: 'potassium is 5.9, recheck at noon' });
    await call(setup.handlers, 'sendMessage', { conversationId: setup.peer.token, body: 'bed 4 is free' });
    const found = await call(setup.handlers, 'searchMessages', { query: 'potassium' });
    expect(found.map((hit) => [hit.message.body, hit.conversationName])).toEqual([['potassium is 5.9, recheck at noon', 'Doctor Reader']]);
    expect(await call(setup.handlers, 'searchMessages', { query: 'sodium' })).toEqual([]);
  });
});

describe('with no account signed in', () => {
  it('every message call is refused plainly', async () => {
    const handlers = messageCalls(() => null, new PickedFiles());
    await expect(call(handlers, 'sendMessage', { conversationId: 'user-bob', body: 'hello' })).rejects.toThrow('No account is signed in');
    await expect(call(handlers, 'retryAll', {})).rejects.toThrow('No account is signed in');
    await expect(call(handlers, 'searchMessages', { query: 'x' })).rejects.toThrow('No account is signed in');
  });
});
