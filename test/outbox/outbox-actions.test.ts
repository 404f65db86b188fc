import { beforeEach, describe, expect, it } from 'vitest';
import { englishText } from '../../i18n/english';
import type { RunningSandbox } from '../../sandbox/index';
import { newPerson } from '../sandbox/support/people';
import type { TestPerson } from '../sandbox/support/people';
import { useNurseOutbox } from './outbox-fixture';
import type { OutboxHarness } from './outbox-fixture';
import { readRecipient } from './recipient-view';

let sandbox: RunningSandbox;
let nurse: TestPerson;
let doctor: TestPerson;
let harness: OutboxHarness;

const world = useNurseOutbox('tigerdesk-outbox-actions-');
beforeEach(() => {
  ({ sandbox, nurse, doctor, harness } = world());
});

async function sent(body: string, to: TestPerson = doctor): Promise<{ id: number; token: string }> {
  const view = await harness.outbox.send({ conversationId: to.token, conversationKind: 'user', body });
  await harness.outbox.whenIdle();
  const message = harness.store.messages.byId(Number(view.id))!;
  expect(message.status).toBe('sent');
  return { id: message.id, token: message.token! };
}

describe('other changes made while offline', () => {
  it('queues a recall and recalls the message on the server and here once back online', async () => {
    const message = await sent('wrong chart attached');
    harness.outbox.networkLost();
    const job = await harness.outbox.recall(message.id);
    expect(job).toMatchObject({ kind: 'recall', state: 'pending', conversationId: doctor.token });
    await harness.outbox.whenIdle();
    expect((await doctor.client.getMessageStatus(message.token)).is_recalled).toBe(false);

    harness.outbox.networkBack();
    await harness.outbox.whenIdle();
    expect((await doctor.client.getMessageStatus(message.token)).is_recalled).toBe(true);
    expect(harness.store.messages.byId(message.id)).toMatchObject({ isRecalled: true, body: '' });
    expect(harness.changes.at(-1)!.messages).toMatchObject([{ id: String(message.id), recalled: true, body: '' }]);
    expect(harness.outbox.jobs()).toEqual([]);
  });

  it('removes a recalled message that was never tried instead of recalling it on the server', async () => {
    harness.outbox.networkLost();
    const view = await harness.outbox.send({ conversationId: doctor.token, conversationKind: 'user', body: 'oops' });
    expect(await harness.outbox.recall(Number(view.id))).toBe('cancelled');
    harness.outbox.networkBack();
    await harness.outbox.whenIdle();
    expect(await readRecipient(doctor, nurse.token)).toEqual([]);
    expect(harness.changes.at(-1)!.removedMessages).toEqual([{ id: view.id, conversationId: doctor.token }]);
  });

  it('recalls a message whose send is under way after that send, in the conversation\'s order', async () => {
    const view = await harness.outbox.send({ conversationId: doctor.token, conversationKind: 'user', body: 'wrong bed' });
    expect(harness.outbox.jobs()[0]?.state ?? 'sent already').not.toBe('pending');
    expect(await harness.outbox.recall(Number(view.id))).toMatchObject({ kind: 'recall' });
    await harness.outbox.whenIdle();
    const token = harness.store.messages.byId(Number(view.id))!.token!;
    expect((await doctor.client.getMessageStatus(token)).is_recalled).toBe(true);
  });

  it('queues a forward and the third person receives it once back online', async () => {
    const charge = await newPerson(sandbox, 'Charge Nurse');
    const message = await sent('bed 12 needs a porter');
    harness.outbox.networkLost();
    expect(harness.outbox.forward(message.id, { conversationId: charge.token })).toMatchObject({ kind: 'forward', state: 'pending' });
    harness.outbox.networkBack();
    await harness.outbox.whenIdle();
    const [received] = await readRecipient(charge, nurse.token);
    expect(received).toMatchObject({ body: 'bed 12 needs a porter' });
    expect(harness.outbox.jobs()).toEqual([]);
  });

  it('queues group membership changes and applies them in order once back online', async () => {
    const group = await nurse.client.createGroup({ name: 'Ward 4B', members: [doctor.token] });
    const porter = await newPerson(sandbox, 'Porter');
    harness.outbox.networkLost();
    harness.outbox.changeGroupMembers(group.token, 'add', [porter.token]);
    harness.outbox.changeGroupMembers(group.token, 'remove', [doctor.token]);
    expect(harness.outbox.jobs().map((job) => job.kind)).toEqual(['add-members', 'remove-members']);

    harness.outbox.networkBack();
    await harness.outbox.whenIdle();
    expect((await nurse.client.getGroup(group.token)).members.sort()).toEqual([nurse.token, porter.token].sort());
    expect(harness.outbox.jobs()).toEqual([]);
  });

  it('refuses changes it cannot check or carry with a precise error', async () => {
    expect(() => harness.outbox.changeGroupMembers('g1', 'add', ['a,b'])).toThrow('members must be one or more addresses without commas');
    await expect(harness.outbox.recall(987_654)).rejects.toThrow('There is no message 987654');
    expect(() => harness.outbox.forward(987_654, { conversationId: doctor.token })).toThrow('There is no message 987654');
    expect(harness.outbox.jobs()).toEqual([]);
  });

  it('fails a queued change the server refuses, with its reason', async () => {
    harness.outbox.changeGroupMembers('no-such-group', 'add', [doctor.token]);
    await harness.outbox.whenIdle();
    const [job] = harness.outbox.jobs();
    expect(job).toMatchObject({ kind: 'add-members', state: 'failed' });
    expect(englishText(job!.lastError!)).toMatch(/^The server does not know the recipient or message \(HTTP 404\): /);
  });
});
