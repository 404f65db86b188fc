import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../support/sandbox-fixture';
import { failure } from './support/api-failure';
import { basic, newPerson } from './support/people';
import type { TestPerson } from './support/people';
import { replayed } from './support/stream';
import type { EventStreamReader } from './support/stream';
import { useOpenStreams } from './support/open-streams';

let clock = Date.parse('2026-03-01T08:00:00.000Z');
const sandbox = useSandbox({ now: () => clock });
const { listen } = useOpenStreams();

async function pair(): Promise<[TestPerson, TestPerson]> {
  return [await newPerson(sandbox, 'Sender'), await newPerson(sandbox, 'Recipient')];
}

describe('sending a message', () => {
  it('answers with its token and effective ttl, and stores every field as sent', async () => {
    const [alice, bob] = await pair();
    const data = [{ namespace: 'tigerdesk:client-id', mimetype: 'text/plain', payload: 'c-1' }];
    const sent = await alice.client.sendMessage({
      recipient: bob.token,
      body: 'Patient in bay 4 needs review',
      ttl: 60,
      priority: 1,
      senderOrganization: sandbox.organizationKey,
      recipientOrganization: sandbox.organizationKey,
      data,
    });
    expect(sent.ttl).toBe(60);
    const message = await bob.client.getMessage(sent.messageId);
    expect(message).toMatchObject({
      message_id: sent.messageId,
      sender_token: alice.token,
      recipient_token: bob.token,
      body: 'Patient in bay 4 needs review',
      ttl: 60,
      priority: 1,
      dor: false,
      status: 'New',
      data,
      is_recalled: false,
      created_time: new Date(clock).toISOString(),
    });
  });

  it('lets the organization shorten a ttl of "never" to its maximum', async () => {
    const [alice, bob] = await pair();
    const sent = await alice.client.sendMessage({
      recipient: bob.token,
      body: 'forever?',
      ttl: -1,
      senderOrganization: sandbox.organizationKey,
    });
    expect(sent.ttl).toBe(30 * 24 * 60);
  });

  it('accepts urlencoded bodies, with data as a JSON string and recipient in the query', async () => {
    const [alice, bob] = await pair();
    const reader = await listen(bob);
    const form = new URLSearchParams({
      body: 'sent as a form',
      dor: 'true',
      priority: '-1',
      data: JSON.stringify([{ namespace: 'x:y', mimetype: 'text/plain', payload: 'p' }]),
    });
    const response = await fetch(`${sandbox.apiUrl}/message/?recipient=${encodeURIComponent(bob.email)}`, {
      method: 'POST',
      headers: { authorization: basic(alice), 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(response.status).toBe(204);
    const event = await reader.waitFor((e) => e.name === 'message');
    expect(event.payload).toMatchObject({
      message_id: response.headers.get('tt-x-message-id'),
      body: 'sent as a form',
      dor: true,
      priority: -1,
      data: [{ namespace: 'x:y', mimetype: 'text/plain', payload: 'p' }],
    });
  });

  it('creates an account for an unknown email recipient', async () => {
    const [alice] = await pair();
    const email = `new.${Date.now()}@elsewhere.test`;
    const sent = await alice.client.sendMessage({
      recipient: email.toUpperCase(),
      body: 'welcome',
      senderOrganization: sandbox.organizationKey,
    });
    const created = await alice.client.lookupUser(email);
    const message = await alice.client.getMessage(sent.messageId);
    expect(message.recipient_token).toBe(created.token);
    const phone = `+1 (555) 01${String(Date.now()).slice(-5)}`;
    const toPhone = await alice.client.sendMessage({ recipient: phone, body: 'by phone', senderOrganization: sandbox.organizationKey });
    const byPhone = await alice.client.lookupUser(phone.replace(/[^\d+]/g, ''));
    expect((await alice.client.getMessage(toPhone.messageId)).recipient_token).toBe(byPhone.token);
  });
});

describe('message status', () => {
  it('sends Delivered then Read to the sender, and never moves backwards', async () => {
    const [alice, bob] = await pair();
    const reader = await listen(alice);
    const { messageId } = await alice.client.sendMessage({
      recipient: bob.token,
      body: 'status please',
      senderOrganization: sandbox.organizationKey,
    });
    await bob.client.updateMessageStatus({ delivered: [messageId] });
    await bob.client.updateMessageStatus({ read: [messageId] });
    await bob.client.updateMessageStatus({ delivered: [messageId] });
    const statuses = await reader.waitForCount(2, (e) => e.name === 'message:status');
    expect(statuses.map((e) => [e.payload.client_id, e.payload.account_id, e.payload.status])).toEqual([
      [messageId, bob.token, 'Delivered'],
      [messageId, bob.token, 'Read'],
    ]);
    const report = await alice.client.getMessageStatus(messageId);
    expect(report).toEqual({
      is_recalled: false,
      statuses: [{ account_id: bob.token, status: 'Read', timestamp: new Date(clock).toISOString() }],
    });
    await sendAndWait(alice, bob, reader);
    expect(reader.named('message:status')).toHaveLength(2);
  });

  it('takes the status update by POST too, with comma-separated lists', async () => {
    const [alice, bob] = await pair();
    const one = await alice.client.sendMessage({ recipient: bob.token, body: '1', senderOrganization: sandbox.organizationKey });
    const two = await alice.client.sendMessage({ recipient: bob.token, body: '2', senderOrganization: sandbox.organizationKey });
    const response = await fetch(`${sandbox.apiUrl}/message/status`, {
      method: 'POST',
      headers: { authorization: basic(bob), 'content-type': 'application/json' },
      body: JSON.stringify({ read: `${one.messageId},${two.messageId}` }),
    });
    expect(response.status).toBe(204);
    const report = await alice.client.getMessageStatus(two.messageId);
    expect(report.statuses.map((s) => s.status)).toEqual(['Read']);
  });

  it('refuses a status from someone who did not receive the message, changing nothing', async () => {
    const [alice, bob] = await pair();
    const carol = await newPerson(sandbox, 'Carol');
    const { messageId } = await alice.client.sendMessage({ recipient: bob.token, body: 'x', senderOrganization: sandbox.organizationKey });
    expect((await failure(carol.client.updateMessageStatus({ read: [messageId] }))).status).toBe(403);
    expect((await failure(bob.client.updateMessageStatus({ read: [messageId, 'no-such-message'] }))).status).toBe(404);
    const report = await alice.client.getMessageStatus(messageId);
    expect(report.statuses.map((s) => s.status)).toEqual(['New']);
  });
});

async function sendAndWait(from: TestPerson, to: TestPerson, reader: EventStreamReader): Promise<string> {
  const { messageId } = await from.client.sendMessage({ recipient: to.token, body: 'marker', senderOrganization: sandbox.organizationKey });
  await reader.waitFor((e) => e.name === 'message' && e.payload.message_id === messageId);
  return messageId;
}

describe('recall', () => {
  it('removes the body for everyone, tells everyone is_recalled, and is idempotent', async () => {
    const [alice, bob] = await pair();
    const aliceStream = await listen(alice);
    const { messageId } = await alice.client.sendMessage({
      recipient: bob.token,
      body: 'sent to the wrong person',
      senderOrganization: sandbox.organizationKey,
    });
    await alice.client.recallMessage(messageId);
    await alice.client.recallMessage(messageId);
    const message = await bob.client.getMessage(messageId);
    expect(message.body).toBe('');
    expect(message.is_recalled).toBe(true);
    expect((await alice.client.getMessageStatus(messageId)).is_recalled).toBe(true);
    const recall = await aliceStream.waitFor((e) => e.name === 'message:status' && e.payload.is_recalled === true);
    expect(recall.payload.client_id).toBe(messageId);

    const bobStream = await listen(bob);
    const events = replayed(bobStream.events);
    // The message's own event is dropped; Alice's arrival on Bob's roster (friends) stays.
    expect(events.map((e) => e.name)).toEqual(['friends', 'message:status']);
    expect(events[1]!.payload).toMatchObject({ client_id: messageId, is_recalled: true });
    expect(JSON.stringify(bobStream.events)).not.toContain('sent to the wrong person');
  });

  it('lets only the sender recall', async () => {
    const [alice, bob] = await pair();
    const { messageId } = await alice.client.sendMessage({ recipient: bob.token, body: 'mine', senderOrganization: sandbox.organizationKey });
    expect((await failure(bob.client.recallMessage(messageId))).status).toBe(403);
    expect((await bob.client.getMessage(messageId)).body).toBe('mine');
  });
});

describe('forward', () => {
  it('sends the body on with original_sender and original_timestamp, by recipient or recipient_token', async () => {
    const [alice, bob] = await pair();
    const carol = await newPerson(sandbox, 'Carol');
    const dave = await newPerson(sandbox, 'Dave');
    const carolStream = await listen(carol);
    const original = await alice.client.sendMessage({ recipient: bob.token, body: 'FYI: lab results', senderOrganization: sandbox.organizationKey });
    const originalTime = new Date(clock).toISOString();
    clock += 60_000;
    await bob.client.forwardMessage(original.messageId, { recipient: carol.token });
    const forwarded = await carolStream.waitFor((e) => e.name === 'message');
    expect(forwarded.payload).toMatchObject({
      sender_token: bob.token,
      recipient_token: carol.token,
      body: 'FYI: lab results',
      original_sender: alice.token,
      original_timestamp: originalTime,
    });
    const response = await fetch(`${sandbox.apiUrl}/message/${original.messageId}/forward`, {
      method: 'POST',
      headers: { authorization: basic(bob), 'content-type': 'application/json' },
      body: JSON.stringify({ recipient_token: dave.token }),
    });
    expect(response.status).toBe(204);
    const forwardedAgain = await dave.client.getMessage(response.headers.get('tt-x-message-id')!);
    expect(forwardedAgain.original_sender).toBe(alice.token);
  });
});

describe('expiry', () => {
  it('deletes a message when its ttl runs out: no longer returned nor replayed', async () => {
    const [alice, bob] = await pair();
    const { messageId } = await alice.client.sendMessage({
      recipient: bob.token,
      body: 'short-lived',
      ttl: 5,
      senderOrganization: sandbox.organizationKey,
      attachment: { name: 'note.txt', contentType: 'text/plain', bytes: new TextEncoder().encode('secret note') },
    });
    clock += 4 * 60_000;
    expect((await bob.client.getMessage(messageId)).body).toBe('short-lived');
    clock += 60_000;
    expect((await failure(bob.client.getMessage(messageId))).status).toBe(404);
    expect((await failure(bob.client.getAttachment(messageId))).status).toBe(404);
    const reader = await listen(bob);
    // Only Alice's arrival on Bob's roster is left: the message and its events are gone.
    expect(replayed(reader.events).map((event) => event.name)).toEqual(['friends']);
  });

  it('deletes a delete-on-read message once it is read', async () => {
    const [alice, bob] = await pair();
    const aliceStream = await listen(alice);
    const { messageId } = await alice.client.sendMessage({
      recipient: bob.token,
      body: 'read once',
      dor: true,
      senderOrganization: sandbox.organizationKey,
    });
    await bob.client.updateMessageStatus({ read: [messageId] });
    await aliceStream.waitFor((e) => e.name === 'message:status' && e.payload.status === 'Read');
    expect((await failure(bob.client.getMessage(messageId))).status).toBe(404);
    expect((await failure(alice.client.getMessage(messageId))).status).toBe(404);
  });
});

describe('attachments', () => {
  it('round-trips a file byte for byte with its content type', async () => {
    const [alice, bob] = await pair();
    const bytes = new Uint8Array(randomBytes(300_000));
    const data = [{ namespace: 'tigerdesk:client-id', mimetype: 'text/plain', payload: 'with-file' }];
    const { messageId } = await alice.client.sendMessage({
      recipient: bob.token,
      body: 'scan attached',
      senderOrganization: sandbox.organizationKey,
      attachment: { name: 'scan.png', contentType: 'image/png', bytes },
      data,
    });
    const message = await bob.client.getMessage(messageId);
    expect(message.data).toEqual(data);
    expect(message.attachments).toEqual([{ attachment_id: '1', content_type: 'image/png', size: bytes.length }]);
    expect(message.attachment_name).toBe('scan.png');
    const download = await bob.client.getAttachment(messageId);
    expect(download.contentType).toBe('image/png');
    expect(Buffer.from(download.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('copies the attachment with a forward and deletes it with a recall', async () => {
    const [alice, bob] = await pair();
    const carol = await newPerson(sandbox, 'Carol');
    const bytes = new Uint8Array(randomBytes(1000));
    const { messageId } = await alice.client.sendMessage({
      recipient: bob.token,
      body: '',
      senderOrganization: sandbox.organizationKey,
      attachment: { name: 'a.bin', contentType: 'application/octet-stream', bytes },
    });
    const carolStream = await listen(carol);
    await bob.client.forwardMessage(messageId, { recipient: carol.token });
    const forwarded = await carolStream.waitFor((e) => e.name === 'message');
    await alice.client.recallMessage(messageId);
    expect((await failure(bob.client.getAttachment(messageId))).status).toBe(404);
    const copy = await carol.client.getAttachment(String(forwarded.payload.message_id));
    expect(Buffer.from(copy.bytes).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('conventions', () => {
  it('answers the same operation with or without the trailing slash', async () => {
    const [alice] = await pair();
    for (const path of ['/user', '/user/', '/roster', '/roster/']) {
      const response = await fetch(`${sandbox.apiUrl}${path}`, { headers: { authorization: basic(alice) } });
      expect([path, response.status]).toEqual([path, 200]);
    }
  });

  it('starts typing by POST as well as GET', async () => {
    const [alice, bob] = await pair();
    const reader = await listen(bob, ['is-typing']);
    const response = await fetch(`${sandbox.apiUrl}/message/typing`, {
      method: 'POST',
      headers: { authorization: basic(alice), 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: bob.token }),
    });
    expect(response.status).toBe(204);
    const typing = await reader.waitFor((e) => e.name === 'message:is_typing');
    expect(typing.payload).toEqual({ sender_token: alice.token, status: 'typing', organization_id: sandbox.organizationKey });
  });
});
