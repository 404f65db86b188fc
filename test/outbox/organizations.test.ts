/**
 * The outbox sends in the conversation's organization (API.md, "Multi-org"), and a send queued
 * before there were several organizations goes in the account's home one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationIdOf } from '../../main/core/store';
import { startRecordingServer } from '../support/recording-server';
import type { RecordedRequest, RecordingServer } from '../support/recording-server';
import { eventually, openHarness } from './outbox-fixture';
import type { OutboxHarness } from './outbox-fixture';

const HOME = 'org-1';
const CLINIC = 'org-clinic';
let server: RecordingServer;
let harness: OutboxHarness;
let tokens = 0;

const wireOf = (request: RecordedRequest) => JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
const sends = () => server.requests.filter((request) => request.path === '/v2/message/');

beforeEach(async () => {
  server = await startRecordingServer();
  server.respond(() => {
    tokens += 1;
    return { status: 204, headers: { 'TT-X-Message-Id': `token-${tokens}` } };
  });
  harness = openHarness({ apiUrl: `${server.origin}/v2`, senderOrganization: HOME });
});

afterEach(async () => {
  await harness.close();
  await server.close();
});

describe('sending in several organizations', () => {
  it("sends to the conversation's counterparty in the conversation's organization", async () => {
    const clinicConversation = conversationIdOf({ kind: 'user', peer: 'peer-1', organizationKey: CLINIC }, HOME);
    harness.store.conversations.upsert({ id: clinicConversation, kind: 'user', peerToken: 'peer-1', organizationKey: CLINIC });
    harness.outbox.start();
    const inClinic = await harness.outbox.send({ conversationId: clinicConversation, body: 'From the clinic' });
    const atHome = await harness.outbox.send({ conversationId: 'peer-1', body: 'From the hospital' });
    await eventually(() => sends().length === 2, 'both sent');
    const wire = sends().map(wireOf).map((body) => [body['recipient'], body['sender_organization'], body['recipient_organization'], body['body']]);
    expect(wire).toEqual(expect.arrayContaining([
      ['peer-1', CLINIC, CLINIC, 'From the clinic'],
      ['peer-1', HOME, HOME, 'From the hospital'],
    ]));
    expect([inClinic.conversationId, atHome.conversationId]).toEqual([clinicConversation, 'peer-1']);
    const stored = harness.store.statements.prepare<{ organization_key: string }>('SELECT organization_key FROM messages ORDER BY id').all();
    expect(stored.map((row) => row.organization_key)).toEqual([CLINIC, HOME]);
  });

  it('sends a job queued before several organizations (no organization in it) in the home organization', async () => {
    const view = await harness.outbox.send({ conversationId: 'peer-2', body: 'Queued by an older TigerDesk' });
    // What an older version wrote: the recipient only.
    harness.store.statements.prepare(`UPDATE outbox_jobs SET payload_json = '{"recipient":"peer-2"}' WHERE message_id = ?`).run(Number(view.id));
    harness.outbox.start();
    await eventually(() => sends().length === 1, 'sent');
    expect(wireOf(sends()[0]!)).toMatchObject({ recipient: 'peer-2', sender_organization: HOME });
  });

  it("applies the organization's settings: its default lifetime and delete-on-read, and what it forbids refused with nothing queued", async () => {
    const clinicConversation = conversationIdOf({ kind: 'user', peer: 'peer-3', organizationKey: CLINIC }, HOME);
    harness.store.conversations.upsert({ id: clinicConversation, kind: 'user', peerToken: 'peer-3', organizationKey: CLINIC });
    harness.store.transaction(() => harness.store.organizations.replaceAll([
      { token: HOME, name: 'Tiger General Hospital', settings: { ttl: '10080', forward: 'false' } },
      { token: CLINIC, name: 'Northside Clinic', settings: { ttl: '1440', dor: 'true', priority_messaging: 'false', settings_restricted: 'true' } },
    ]));
    const atHome = await harness.outbox.send({ conversationId: 'peer-3', body: 'Default lifetime' });
    expect(atHome.expiresAt).toBe(atHome.createdAt + 10080 * 60_000);
    const inClinic = await harness.outbox.send({ conversationId: clinicConversation, body: 'Clinic defaults' });
    expect([inClinic.expiresAt, inClinic.deleteOnRead]).toEqual([inClinic.createdAt + 1440 * 60_000, true]);
    await expect(harness.outbox.send({ conversationId: clinicConversation, body: 'Urgent', priority: 'high' }))
      .rejects.toMatchObject({ code: 'not-allowed', message: expect.stringContaining('urgent') });
    await expect(harness.outbox.send({ conversationId: clinicConversation, body: 'Kept', ttlMinutes: 60 }))
      .rejects.toMatchObject({ code: 'not-allowed' });
    expect(() => harness.outbox.forward(Number(inClinic.id), { conversationId: 'peer-3' }))
      .toThrow('Tiger General Hospital does not allow forwarding messages; nothing was queued');
    expect(harness.outbox.jobs().map((job) => job.kind)).toEqual(['send', 'send']);
    harness.outbox.start();
    await eventually(() => sends().length === 2, 'both sent');
    expect(sends().map(wireOf).map((body) => [body['ttl'], body['dor']])).toEqual(expect.arrayContaining([[10080, false], [1440, true]]));
  });
});
