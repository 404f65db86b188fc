import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountRuntime, OpenAccountOptions } from '../../main/core/account';
import { createApiClient } from '../../main/core/api';
import { CLIENT_ID_NAMESPACE } from '../../main/core/sync/message-mapping';
import type { ChangeSet } from '../../preload/contract';
import type { RunningSandbox } from '../../sandbox';
import { newUser } from '../session/fixtures/sandbox-users';
import type { SandboxUser } from '../session/fixtures/sandbox-users';
import { waitFor } from '../session/fixtures/wait-for';
import { openUserRuntime } from './user-runtime';
import { restartableSandbox } from './restartable-sandbox';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Each person has their own keychain service and data folder, as on their own machine. */
async function runtimeOf(sandbox: RunningSandbox, user: SandboxUser, options: Partial<OpenAccountOptions> = {}): Promise<AccountRuntime> {
  const { runtime, close } = await openUserRuntime(sandbox.apiUrl, user, options);
  cleanup.push(close);
  return runtime;
}

function bodiesFrom(runtime: AccountRuntime, conversationId: string): string[] {
  return runtime.sync.thread(conversationId, { limit: 100 }).map((message) => message.body);
}

describe('the outbox in the account runtime', () => {
  it('queues a message while the server is down and delivers it once when the stream reconnects by itself', async () => {
    const sandbox = await restartableSandbox();
    cleanup.push(() => sandbox.remove());
    const nurse = await newUser(sandbox.first.url, 'Queueing Nurse');
    const doctor = await newUser(sandbox.first.url, 'Waiting Doctor');
    const sender = await runtimeOf(sandbox.first, nurse);
    const recipient = await runtimeOf(sandbox.first, doctor);
    await sender.catchUp(10_000);
    await recipient.catchUp(10_000);
    const shown: ChangeSet[] = [];
    sender.changes.subscribe((changes) => shown.push(changes));

    await sandbox.stop();
    await waitFor('the sender to notice', () => (sender.connection.kind === 'offline' ? true : undefined));
    const queued = await sender.outbox.send({ conversationId: doctor.token, body: 'Bed 12 is asking for you' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Offline holds every attempt: nothing is tried against a server known to be away.
    expect(sender.outbox.jobOfMessage(Number(queued.id))).toMatchObject({ state: 'pending', attempts: 0 });
    expect(sender.sync.thread(doctor.token, { limit: 10 })).toMatchObject([{ id: queued.id, status: 'queued', token: null }]);

    await sandbox.start();

    await waitFor('the doctor to receive it', () => (bodiesFrom(recipient, nurse.token).length > 0 ? true : undefined), 15_000);
    await waitFor('the queue to drain', () => (sender.outbox.jobs().length === 0 ? true : undefined));
    // Time for a second copy, were there one, to arrive.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bodiesFrom(recipient, nurse.token)).toEqual(['Bed 12 is asking for you']);
    const [sent] = sender.sync.thread(doctor.token, { limit: 10 });
    expect(sent).toMatchObject({ id: queued.id, body: 'Bed 12 is asking for you' });
    expect(sent!.token).not.toBeNull();
    // The doctor's runtime may already have reported it delivered.
    expect(['sent', 'delivered']).toContain(sent!.status);
    // The window heard of it through the same channel as sync's changes: queued first, sent later.
    const statuses = shown.flatMap((changes) => changes.messages).filter((message) => message.id === queued.id).map((message) => message.status);
    expect(statuses[0]).toBe('queued');
    expect(statuses).toContain('sent');
  });

  it('sends the queue at once when told the network is back, without waiting out its backoff', async () => {
    const sandbox = await restartableSandbox();
    cleanup.push(() => sandbox.remove());
    const nurse = await newUser(sandbox.first.url, 'Hurrying Nurse');
    const doctor = await newUser(sandbox.first.url, 'Paged Doctor');
    // A minute between attempts, of the stream and of the outbox: only networkBack can send it in time.
    const sender = await runtimeOf(sandbox.first, nurse, {
      reconnectBackoff: { baseMs: 60_000, capMs: 60_000 },
      outboxRetry: { baseMs: 60_000, capMs: 60_000 },
      random: () => 0.999,
    });
    const recipient = await runtimeOf(sandbox.first, doctor);
    await sender.catchUp(10_000);
    await recipient.catchUp(10_000);

    await sandbox.stop();
    await waitFor('the sender to notice', () => (sender.connection.kind === 'offline' ? true : undefined));
    const queued = await sender.outbox.send({ conversationId: doctor.token, body: 'Theatre 2 is ready' });
    await sandbox.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sender.outbox.jobOfMessage(Number(queued.id))).toMatchObject({ state: 'pending', attempts: 0 });
    expect(sender.connection.kind).toBe('offline');

    sender.networkBack();

    await waitFor('the doctor to receive it', () => (bodiesFrom(recipient, nurse.token).length > 0 ? true : undefined), 5_000);
    await waitFor('the queue to drain', () => (sender.outbox.jobs().length === 0 ? true : undefined));
    await waitFor('the stream to be live again', () => (sender.connection.kind === 'live' ? true : undefined));
    expect(bodiesFrom(recipient, nurse.token)).toEqual(['Theatre 2 is ready']);
  });

  it('shows two server copies of one send once on the recipient\'s side, and a recall of either copy recalls it', async () => {
    const sandbox = await restartableSandbox();
    cleanup.push(() => sandbox.remove());
    const nurse = await newUser(sandbox.first.url, 'Doubled Nurse');
    const doctor = await newUser(sandbox.first.url, 'Receiving Doctor');
    const recipient = await runtimeOf(sandbox.first, doctor);
    await recipient.catchUp(10_000);
    const changes: ChangeSet[] = [];
    recipient.changes.subscribe((set) => changes.push(set));

    // What a resend the server had in fact accepted leaves behind: two copies, one client id.
    const nurseApi = createApiClient({ baseUrl: sandbox.first.apiUrl, credentials: { key: nurse.key, secret: nurse.secret } });
    const clientId = randomUUID();
    const send = () => nurseApi.sendMessage({
      recipient: doctor.token,
      body: 'Potassium is 6.1',
      senderOrganization: sandbox.first.organizationKey,
      data: [{ namespace: CLIENT_ID_NAMESPACE, mimetype: 'text/plain', payload: clientId }],
    });
    const first = await send();
    const second = await send();
    expect(second.messageId).not.toBe(first.messageId);

    await waitFor('both copies stored', () => {
      const a = recipient.store.messages.byToken(first.messageId);
      const b = recipient.store.messages.byToken(second.messageId);
      return a !== undefined && b !== undefined ? true : undefined;
    });
    expect(recipient.store.messages.byToken(second.messageId)!.id).toBe(recipient.store.messages.byToken(first.messageId)!.id);
    const thread = recipient.sync.thread(nurse.token, { limit: 10 });
    expect(thread.map((message) => [message.token, message.body])).toEqual([[first.messageId, 'Potassium is 6.1']]);
    const touching = changes.filter((set) => set.messages.some((message) => message.id === thread[0]!.id));
    expect(touching).toHaveLength(1);
    expect(recipient.sync.roster()).toMatchObject([{ id: nurse.token, unread: 1 }]);

    await nurseApi.recallMessage(second.messageId);
    await waitFor('the recall', () => (recipient.sync.thread(nurse.token, { limit: 10 })[0]?.recalled ? true : undefined));
    expect(recipient.sync.thread(nurse.token, { limit: 10 })).toMatchObject([{ id: thread[0]!.id, body: '', recalled: true }]);
  });
});
