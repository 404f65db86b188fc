import { describe, expect, it } from 'vitest';
import { messageSchema } from '../../main/core/api/schemas';
import * as v from 'valibot';
import { conversationOf, statusFromWire, toMessageInput, ttlFromWire } from '../../main/core/sync/message-mapping';
import { ALICE, BOB, GROUP, ME, wireMessage } from './fixture';

const created = Date.UTC(2026, 0, 5, 9, 0, 0, 123);
const HOME = 'org-home';
const CLINIC = 'org-clinic';
const READER = { me: ME, homeOrganization: HOME, isList: () => false };
const read = (fields: Parameters<typeof wireMessage>[0]) => v.parse(messageSchema, wireMessage(fields));

describe('mapping a wire message to a stored row', () => {
  it('files an incoming 1:1 message under the sender, and an outgoing one under the recipient', () => {
    const incoming = toMessageInput(read({ token: 't1', from: ALICE, to: ME, createdAt: created }), READER, { isGroupEvent: false, receivedAt: 0 });
    const outgoing = toMessageInput(read({ token: 't2', from: ME, to: ALICE, createdAt: created }), READER, { isGroupEvent: false, receivedAt: 0 });
    expect([incoming.input.conversationId, incoming.input.direction, incoming.input.conversationKind]).toEqual([ALICE, 'in', 'user']);
    expect([outgoing.input.conversationId, outgoing.input.direction]).toEqual([ALICE, 'out']);
  });

  it('files a group message under the group token, whoever sent it', () => {
    const message = read({ token: 't3', from: ALICE, to: GROUP, group: GROUP, createdAt: created });
    expect(conversationOf(message, READER, true)).toEqual({ id: GROUP, kind: 'group', peer: GROUP, organizationKey: HOME });
    const withoutGroupToken = read({ token: 't4', from: ME, to: GROUP, createdAt: created, organization: CLINIC });
    expect(conversationOf(withoutGroupToken, READER, true)).toEqual({ id: GROUP, kind: 'group', peer: GROUP, organizationKey: CLINIC });
  });

  it('files my message to a distribution list under the list, and a member\'s answer under the member, 1:1', () => {
    const LIST = 'dl-night';
    const withList = { ...READER, isList: (token: string) => token === LIST };
    expect(conversationOf(read({ token: 't30', from: ME, to: LIST, createdAt: created }), withList, false))
      .toEqual({ id: LIST, kind: 'list', peer: LIST, organizationKey: HOME });
    expect(conversationOf(read({ token: 't31', from: ALICE, to: ME, createdAt: created }), withList, false))
      .toEqual({ id: ALICE, kind: 'user', peer: ALICE, organizationKey: HOME });
    // Not a list held here: a token like any person's.
    expect(conversationOf(read({ token: 't32', from: ME, to: LIST, createdAt: created }), READER, false).kind).toBe('user');
  });

  it('files the same two people in two organizations under two conversations, the home one keeping the bare token', () => {
    const home = toMessageInput(read({ token: 't20', from: ALICE, to: ME, createdAt: created, organization: HOME }), READER, { isGroupEvent: false, receivedAt: 0 }).input;
    const unnamed = toMessageInput(read({ token: 't21', from: ME, to: ALICE, createdAt: created }), READER, { isGroupEvent: false, receivedAt: 0 }).input;
    const clinic = toMessageInput(read({ token: 't22', from: ALICE, to: ME, createdAt: created, organization: CLINIC }), READER, { isGroupEvent: false, receivedAt: 0 }).input;
    const mineInClinic = toMessageInput(read({ token: 't23', from: ME, to: ALICE, createdAt: created, organization: CLINIC }), READER, { isGroupEvent: false, receivedAt: 0 }).input;
    expect([home.conversationId, home.organizationKey, home.peerToken]).toEqual([ALICE, HOME, ALICE]);
    expect([unnamed.conversationId, unnamed.organizationKey]).toEqual([ALICE, HOME]);
    expect(clinic.conversationId).not.toBe(ALICE);
    expect([clinic.organizationKey, clinic.peerToken]).toEqual([CLINIC, ALICE]);
    expect(mineInClinic.conversationId).toBe(clinic.conversationId);
  });

  it('reads the created time to the millisecond and the expiry from the TTL in minutes', () => {
    const { input } = toMessageInput(read({ token: 't5', from: ALICE, to: ME, createdAt: created, ttl: 30 }), READER, { isGroupEvent: false, receivedAt: 0 });
    expect(input.createdTime).toBe(created);
    expect(input.ttlMinutes).toBe(30);
  });

  it('treats a TTL of -1, 0 or none as never expiring', () => {
    expect([ttlFromWire(-1), ttlFromWire(0), ttlFromWire(undefined), ttlFromWire(5)]).toEqual([null, null, null, 5]);
  });

  it('maps the wire statuses New, Delivered and Read to sent, delivered and read', () => {
    expect([statusFromWire('New'), statusFromWire('Delivered'), statusFromWire('Read'), statusFromWire(undefined)])
      .toEqual(['sent', 'delivered', 'read', 'sent']);
  });

  it('takes our client id from the tigerdesk:client-id data element', () => {
    const { input } = toMessageInput(read({ token: 't6', from: ME, to: ALICE, createdAt: created, clientId: 'c-77' }), READER, { isGroupEvent: false, receivedAt: 0 });
    expect(input.clientId).toBe('c-77');
    const none = toMessageInput(read({ token: 't7', from: ALICE, to: ME, createdAt: created }), READER, { isGroupEvent: false, receivedAt: 0 });
    expect(none.input.clientId).toBeNull();
  });

  it('ignores a client id on another sender\'s message or on a forward, so neither is taken for a message held', () => {
    const theirs = toMessageInput(read({ token: 't11', from: ALICE, to: ME, createdAt: created, clientId: 'c-alice-1' }), READER, { isGroupEvent: false, receivedAt: 0 });
    expect(theirs.input.clientId).toBeNull();
    const forward = { ...read({ token: 't12', from: ME, to: ALICE, createdAt: created, clientId: 'c-77' }), original_sender: ALICE };
    expect(toMessageInput(forward, READER, { isGroupEvent: false, receivedAt: 0 }).input.clientId).toBeNull();
  });

  it('keeps another sender\'s client id apart, as theirs, and none of a forward or of our own message', () => {
    const theirs = toMessageInput(read({ token: 't13', from: ALICE, to: ME, createdAt: created, clientId: 'c-alice-2' }), READER, { isGroupEvent: false, receivedAt: 0 });
    expect([theirs.input.clientId, theirs.input.senderClientId]).toEqual([null, 'c-alice-2']);
    const forward = { ...read({ token: 't14', from: ALICE, to: ME, createdAt: created, clientId: 'c-alice-2' }), original_sender: BOB };
    expect(toMessageInput(forward, READER, { isGroupEvent: false, receivedAt: 0 }).input.senderClientId).toBeNull();
    const ours = toMessageInput(read({ token: 't15', from: ME, to: ALICE, createdAt: created, clientId: 'c-78' }), READER, { isGroupEvent: false, receivedAt: 0 });
    expect([ours.input.clientId, ours.input.senderClientId]).toEqual(['c-78', null]);
  });

  it('keeps priority and delete-on-read, and names the one attachment', () => {
    const { input } = toMessageInput(
      read({ token: 't8', from: ALICE, to: ME, createdAt: created, priority: 1, dor: true, attachment: { name: 'xray.png', contentType: 'image/png', size: 2048 } }),
      READER,
      { isGroupEvent: false, receivedAt: 0 },
    );
    expect(input.priority).toBe(1);
    expect(input.dor).toBe(true);
    expect(input.attachments).toEqual([{ attachmentId: 't8-a1', name: 'xray.png', contentType: 'image/png', size: 2048 }]);
  });

  it('stands the receive time in for a created time that is not a date, and says so', () => {
    const message = { ...read({ token: 't9', from: ALICE, to: ME, createdAt: created }), created_time: 'yesterday-ish' };
    const mapped = toMessageInput(message, READER, { isGroupEvent: false, receivedAt: 42_000 });
    expect(mapped.badCreatedTime).toBe(true);
    expect(mapped.input.createdTime).toBe(42_000);
  });

  it('stores a message that arrives recalled without its body or attachment', () => {
    const { input } = toMessageInput(
      read({ token: 't10', from: ALICE, to: ME, createdAt: created, recalled: true, body: 'secret', attachment: { name: 'a.pdf', contentType: 'application/pdf', size: 1 } }),
      READER,
      { isGroupEvent: false, receivedAt: 0 },
    );
    expect(input.body).toBe('');
    expect(input.attachments).toEqual([]);
  });
});
