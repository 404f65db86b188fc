import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALICE, BOB, GROUP, ME, messageEvent, rowCount, streamEvent, wireMessage } from './fixture';
import { expectNotLogged } from './expectations';
import { useHarness } from './sync-harness';
import { owedTokens } from '../store/owed-receipts';

const h = useHarness();

const t0 = Date.UTC(2026, 0, 5, 8, 0, 0);

describe('storing events', () => {
  it('stores a message once and changes nothing when its batch is replayed', async () => {
    const batch = [
      messageEvent({ token: 'm1', from: ALICE, to: ME, createdAt: t0, body: 'Patient in bed 4 is stable' }),
      messageEvent({ token: 'm2', from: ALICE, to: ME, createdAt: t0 + 1_000 }),
    ];
    await h.sync.handle(batch);
    expect(rowCount(h.local.store, 'messages')).toBe(2);
    expect(h.changes).toHaveLength(1);
    expect(h.changes[0]?.messages.map((m) => m.token)).toEqual(['m1', 'm2']);
    expect(h.changes[0]?.conversations.map((c) => [c.id, c.unread])).toEqual([[ALICE, 2]]);

    await h.sync.handle(batch);
    expect(rowCount(h.local.store, 'messages')).toBe(2);
    expect(h.changes).toHaveLength(1);
    expectNotLogged(h.local.records, 'Patient in bed 4');
  });

  it('writes a whole batch in one transaction: a failing event leaves nothing of the batch', async () => {
    await h.sync.handle([messageEvent({ token: 'held', from: ALICE, to: ME, createdAt: t0 })]);
    h.local.store.statements.prepare(
      `CREATE TRIGGER refuse_m4 BEFORE INSERT ON messages WHEN new.token = 'm4' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`,
    ).run();
    const batch = [
      messageEvent({ token: 'm3', from: BOB, to: ME, createdAt: t0 }),
      messageEvent({ token: 'm4', from: BOB, to: ME, createdAt: t0 }),
    ];
    await expect(h.sync.handle(batch)).rejects.toThrow('disk trouble');
    expect(rowCount(h.local.store, 'messages')).toBe(1);
    expect(h.changes).toHaveLength(1);
  });

  it('matches the echo of our own queued message by its client id instead of adding a second row', async () => {
    const store = h.local.store;
    store.transaction(() => store.messages.upsert({
      token: null, clientId: 'c-9', conversationId: ALICE, conversationKind: 'user', direction: 'out', senderToken: ME,
      body: 'On my way', createdTime: t0, ttlMinutes: null, dor: false, priority: 0, status: 'sending',
    }));
    const local = store.messages.byClientId('c-9')!;
    await h.sync.handle([messageEvent({ token: 'srv-9', from: ME, to: ALICE, createdAt: t0 + 50, clientId: 'c-9', body: 'On my way' })]);
    expect(rowCount(store, 'messages')).toBe(1);
    const after = store.messages.byId(local.id)!;
    expect([after.token, after.status]).toEqual(['srv-9', 'sent']);
    expect(h.changes[0]?.messages.map((m) => [m.id, m.token, m.status, m.outgoing])).toEqual([[String(local.id), 'srv-9', 'sent', true]]);
  });

  it('stores two messages from another sender that carry the same client id to two conversations as two messages', async () => {
    await h.sync.handle([
      messageEvent({ token: 'a1', from: ALICE, to: GROUP, group: GROUP, createdAt: t0, clientId: 'c-shared' }),
      messageEvent({ token: 'a2', from: ALICE, to: ME, createdAt: t0 + 1, clientId: 'c-shared' }),
    ]);
    expect(rowCount(h.local.store, 'messages')).toBe(2);
  });

  it('stores two server copies of one send from another person as one message, with one change', async () => {
    await h.sync.handle([messageEvent({ token: 'copy-1', from: ALICE, to: ME, createdAt: t0, clientId: 'c-twice', body: 'Bed 7 needs a review' })]);
    await h.sync.handle([messageEvent({ token: 'copy-2', from: ALICE, to: ME, createdAt: t0 + 900, clientId: 'c-twice', body: 'Bed 7 needs a review' })]);

    expect(h.sync.thread(ALICE, { limit: 10 }).map((m) => [m.token, m.body])).toEqual([['copy-1', 'Bed 7 needs a review']]);
    expect(h.changes).toHaveLength(1);
    expect(h.sync.roster()[0]).toMatchObject({ id: ALICE, unread: 1 });
    // The second copy's token names the same row: a status or recall sent for it lands there.
    expect(h.local.store.messages.byToken('copy-2')?.id).toBe(h.local.store.messages.byToken('copy-1')?.id);
  });

  it('applies a recall addressed to the second server copy to the one message held', async () => {
    await h.sync.handle([
      messageEvent({ token: 'first', from: ALICE, to: GROUP, group: GROUP, createdAt: t0, clientId: 'c-recall', body: 'wrong patient' }),
      messageEvent({ token: 'second', from: ALICE, to: GROUP, group: GROUP, createdAt: t0 + 1, clientId: 'c-recall', body: 'wrong patient' }),
    ]);
    expect(rowCount(h.local.store, 'messages')).toBe(1);

    await h.sync.handle([streamEvent('group:message:status', { client_id: 'second', is_recalled: true })]);

    expect(h.sync.thread(GROUP, { limit: 5 })).toMatchObject([{ token: 'first', recalled: true, body: '' }]);
  });

  it('never merges another sender\'s message, nor a forward, into one that carries the same client id', async () => {
    await h.sync.handle([
      messageEvent({ token: 'alice-1', from: ALICE, to: GROUP, group: GROUP, createdAt: t0, clientId: 'c-same' }),
      messageEvent({ token: 'bob-1', from: BOB, to: GROUP, group: GROUP, createdAt: t0 + 1, clientId: 'c-same' }),
      streamEvent('group_message', {
        ...wireMessage({ token: 'fwd-1', from: ALICE, to: GROUP, group: GROUP, createdAt: t0 + 2, clientId: 'c-same' }),
        original_sender: BOB,
        original_timestamp: new Date(t0).toISOString(),
      }),
    ]);
    expect(h.sync.thread(GROUP, { limit: 5 }).map((m) => m.token)).toEqual(['alice-1', 'bob-1', 'fwd-1']);
  });

  it('keeps the token of a second server copy of our own send, so statuses addressed to it reach the one row', async () => {
    await h.sync.handle([
      messageEvent({ token: 'mine-1', from: ME, to: ALICE, createdAt: t0, clientId: 'c-mine' }),
      messageEvent({ token: 'mine-2', from: ME, to: ALICE, createdAt: t0 + 1, clientId: 'c-mine' }),
    ]);
    await h.sync.handle([streamEvent('message:status', { client_id: 'mine-2', account_id: ALICE, status: 'Read', timestamp: new Date(t0 + 5).toISOString() })]);

    expect(h.sync.thread(ALICE, { limit: 5 })).toMatchObject([{ token: 'mine-1', status: 'read' }]);
  });

  it('files group messages under the group, with unread and unread-priority counts', async () => {
    await h.sync.handle([
      messageEvent({ token: 'g1', from: ALICE, to: GROUP, group: GROUP, createdAt: t0, priority: 1 }),
      messageEvent({ token: 'g2', from: BOB, to: GROUP, group: GROUP, createdAt: t0 + 1 }),
      messageEvent({ token: 'g3', from: ME, to: GROUP, group: GROUP, createdAt: t0 + 2 }),
      messageEvent({ token: 'd1', from: BOB, to: ME, createdAt: t0 + 3, priority: 1 }),
    ]);
    const roster = h.sync.roster();
    expect(roster.map((c) => [c.id, c.kind, c.unread, c.unreadPriority])).toEqual([
      [BOB, 'user', 1, 1],
      [GROUP, 'group', 2, 1],
    ]);
    expect(roster[1]?.lastMessage).toMatchObject({ senderToken: ME, outgoing: true, priority: 'normal', status: 'sent' });
  });

  it('lowers the unread counts as the user reads, up to the message seen', async () => {
    await h.sync.handle([0, 1, 2].map((i) => messageEvent({ token: `r${i}`, from: ALICE, to: ME, createdAt: t0 + i, priority: i === 2 ? 1 : 0 })));
    const [, second] = h.sync.thread(ALICE, { limit: 10 });
    await h.sync.markRead(ALICE, second!.id);
    expect(h.sync.roster().map((c) => [c.unread, c.unreadPriority])).toEqual([[1, 1]]);
    const last = h.changes.at(-1)!;
    expect(last.messages.map((m) => [m.token, m.readByMe])).toEqual([['r0', true], ['r1', true]]);
    expect(last.conversations.map((c) => c.unread)).toEqual([1]);
    await h.sync.markRead(ALICE);
    expect(h.sync.roster().map((c) => [c.unread, c.unreadPriority])).toEqual([[0, 0]]);
  });

  it('refuses to mark read up to a message that is not in the conversation, and changes nothing', async () => {
    await h.sync.handle([messageEvent({ token: 'x1', from: ALICE, to: ME, createdAt: t0 })]);
    await expect(h.sync.markRead(BOB, '1')).rejects.toThrow(/markRead: no message "1" in conversation "user-bob"/);
    await expect(h.sync.markRead(ALICE, 'nonsense')).rejects.toThrow(RangeError);
    expect(h.sync.roster()[0]?.unread).toBe(1);
  });

  it('recalls a message: the body is blanked, the search no longer finds it, the preview says so', async () => {
    await h.sync.handle([messageEvent({ token: 'rc', from: ALICE, to: ME, createdAt: t0, body: 'potassium result 6.1' })]);
    expect(h.sync.search('potassium').map((r) => r.message.token)).toEqual(['rc']);
    await h.sync.handle([streamEvent('message:status', { client_id: 'rc', is_recalled: true })]);
    const [message] = h.sync.thread(ALICE, { limit: 5 });
    expect(message).toMatchObject({ token: 'rc', recalled: true, body: '' });
    expect(h.sync.search('potassium')).toEqual([]);
    expect(h.sync.roster()[0]?.lastMessage?.preview).toBe('Message recalled');
    expect(h.sync.roster()[0]?.unread).toBe(0);
    const held = h.local.store.messages.byToken('rc')!;
    expect(held.body).toBe('');
    const changesBefore = h.changes.length;
    await h.sync.handle([streamEvent('message:status', { client_id: 'rc', is_recalled: true })]);
    expect(h.changes).toHaveLength(changesBefore);
  });

  it('shows an attachment-only message in the roster as its attachment name', async () => {
    await h.sync.handle([messageEvent({ token: 'at', from: ALICE, to: ME, createdAt: t0, body: '', attachment: { name: 'ecg.pdf', contentType: 'application/pdf', size: 9000 } })]);
    expect(h.sync.roster()[0]?.lastMessage?.preview).toBe('Attachment: ecg.pdf');
    expect(h.sync.thread(ALICE, { limit: 1 })[0]?.attachment).toEqual({ name: 'ecg.pdf', contentType: 'application/pdf', size: 9000 });
  });

  it('moves our message status forward with receipts and keeps each recipient status', async () => {
    await h.sync.handle([messageEvent({ token: 'o1', from: ME, to: GROUP, group: GROUP, createdAt: t0 })]);
    await h.sync.handle([
      streamEvent('group:message:status', { client_id: 'o1', account_id: ALICE, status: 'Read', timestamp: new Date(t0 + 5).toISOString() }),
      streamEvent('group:message:status', { client_id: 'o1', account_id: BOB, status: 'Delivered', timestamp: new Date(t0 + 6).toISOString() }),
      streamEvent('group:message:status', { client_id: 'o1', account_id: ALICE, status: 'Delivered', timestamp: new Date(t0 + 7).toISOString() }),
    ]);
    const held = h.local.store.messages.byToken('o1')!;
    expect(held.status).toBe('read');
    expect(h.local.store.messages.recipientStatuses(held.id).map((s) => [s.accountId, s.status])).toEqual([[ALICE, 'read'], [BOB, 'delivered']]);
  });

  it('never moves a message status backwards, whatever order the reports come in (property)', async () => {
    const order = ['sent', 'delivered', 'read'] as const;
    const wire = { sent: 'New', delivered: 'Delivered', read: 'Read' } as const;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...order), { maxLength: 12 }), async (reports) => {
        const token = `p${++n}`;
        await h.sync.handle([messageEvent({ token, from: ME, to: ALICE, createdAt: t0 + n })]);
        let highest = 0;
        for (const report of reports) {
          await h.sync.handle([streamEvent('message:status', { client_id: token, account_id: ALICE, status: wire[report] })]);
          highest = Math.max(highest, order.indexOf(report));
          const now = h.local.store.messages.byToken(token)!.status;
          expect(now).toBe(order[highest]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('leaves a group: its messages and the conversation are gone, a replay of it changes nothing', async () => {
    await h.sync.handle([
      streamEvent('update', { type: 'tigertext:entity:group', token: GROUP, name: 'Ward 7', members: [ME, ALICE] }),
      messageEvent({ token: 'lg1', from: ALICE, to: GROUP, group: GROUP, createdAt: t0, body: 'handover notes' }),
    ]);
    expect(h.sync.roster().map((c) => [c.id, c.name])).toEqual([[GROUP, 'Ward 7']]);
    const leave = streamEvent('bang', { event: 'removed', subject_entity: ME, target_entity: GROUP, caller_entity: ALICE });
    await h.sync.handle([leave]);
    expect(h.sync.roster()).toEqual([]);
    expect(rowCount(h.local.store, 'messages')).toBe(0);
    expect(h.sync.search('handover')).toEqual([]);
    const last = h.changes.at(-1)!;
    expect(last.removedConversations).toEqual([GROUP]);
    expect(last.removedMessages.map((m) => m.conversationId)).toEqual([GROUP]);
    const count = h.changes.length;
    await h.sync.handle([leave]);
    expect(h.changes).toHaveLength(count);
  });

  it('adds a group when this user is added to it, and keeps membership of others', async () => {
    await h.sync.handle([
      streamEvent('update', { type: 'tigertext:entity:group', token: GROUP, name: 'Ward 7', members: [ALICE] }),
      streamEvent('bang', { event: 'added', subject_entity: ME, target_entity: GROUP, caller_entity: ALICE }),
      streamEvent('bang', { event: 'added', subject_entity: BOB, target_entity: GROUP, caller_entity: ALICE }),
    ]);
    expect(h.sync.roster().map((c) => [c.id, c.kind, c.name])).toEqual([[GROUP, 'group', 'Ward 7']]);
    expect(h.local.store.people.members(GROUP)).toEqual([ME, ALICE, BOB].sort());
  });

  it('tells the window when another member joins or leaves a group it shows, once per real change', async () => {
    await h.sync.handle([
      streamEvent('update', { type: 'tigertext:entity:group', token: GROUP, name: 'Ward 7', members: [ME, ALICE] }),
    ]);
    const joined = streamEvent('bang', { event: 'added', subject_entity: BOB, target_entity: GROUP, caller_entity: ALICE });
    await h.sync.handle([joined]);
    expect(h.changes.at(-1)?.conversations.map((c) => c.id)).toEqual([GROUP]);
    const afterJoin = h.changes.length;
    await h.sync.handle([joined]);
    expect(h.changes).toHaveLength(afterJoin);

    const left = streamEvent('bang', { event: 'removed', subject_entity: BOB, target_entity: GROUP, caller_entity: ALICE });
    await h.sync.handle([left]);
    expect(h.changes).toHaveLength(afterJoin + 1);
    expect(h.changes.at(-1)?.conversations.map((c) => c.id)).toEqual([GROUP]);
    expect(h.local.store.people.members(GROUP)).toEqual([ME, ALICE].sort());
    await h.sync.handle([left]);
    expect(h.changes).toHaveLength(afterJoin + 1);
  });

  it('renames a conversation on a user update, and a repeated update changes nothing', async () => {
    await h.sync.handle([messageEvent({ token: 'u1', from: ALICE, to: ME, createdAt: t0 })]);
    const update = streamEvent('update', { type: 'tigertext:entity:account', token: ALICE, display_name: 'Dr Alice Moreau', avatar: 'https://example.test/a.png' });
    await h.sync.handle([update]);
    expect(h.sync.roster()[0]).toMatchObject({ id: ALICE, name: 'Dr Alice Moreau', avatar: 'https://example.test/a.png' });
    expect(h.changes.at(-1)?.conversations.map((c) => c.name)).toEqual(['Dr Alice Moreau']);
    const count = h.changes.length;
    await h.sync.handle([update]);
    expect(h.changes).toHaveLength(count);
  });

  it('keeps presence', async () => {
    await h.sync.handle([streamEvent('presence', { from: ALICE, type: 'available' })]);
    expect(h.sync.person(ALICE).presence).toBe('available');
    await h.sync.handle([streamEvent('presence', { from: ALICE, type: 'unavailable' })]);
    expect([h.sync.person(ALICE).presence, h.sync.person(BOB).presence]).toEqual(['unavailable', 'unknown']);
  });

  it('skips a status report for a message not held, and says how many', async () => {
    await h.sync.handle([streamEvent('message:status', { client_id: 'never-seen', account_id: ALICE, status: 'Read' })]);
    expect(rowCount(h.local.store, 'messages')).toBe(0);
    expect(h.local.records.some((r) => r.message.includes('not held') && r.fields['count'] === 1)).toBe(true);
  });

  it('marks read locally a message the server says this user already read elsewhere, and owes no receipt for it', async () => {
    await h.sync.handle([messageEvent({ token: 're', from: ALICE, to: ME, createdAt: t0, status: 'Read' })]);
    expect(h.sync.roster()[0]?.unread).toBe(0);
    expect(h.sync.thread(ALICE, { limit: 1 })[0]?.readByMe).toBe(true);
    expect(owedTokens(h.local.store)).toEqual({ delivered: [], read: [] });
  });
});

describe('reading threads', () => {
  it('pages a conversation oldest first, before and after a message', async () => {
    await h.sync.handle(Array.from({ length: 7 }, (_, i) => messageEvent({ token: `pg${i}`, from: ALICE, to: ME, createdAt: t0 + i * 1_000 })));
    const newest = h.sync.thread(ALICE, { limit: 3 });
    expect(newest.map((m) => m.token)).toEqual(['pg4', 'pg5', 'pg6']);
    const older = h.sync.thread(ALICE, { limit: 3, before: newest[0]!.id });
    expect(older.map((m) => m.token)).toEqual(['pg1', 'pg2', 'pg3']);
    const newer = h.sync.thread(ALICE, { limit: 2, after: older[0]!.id });
    expect(newer.map((m) => m.token)).toEqual(['pg2', 'pg3']);
  });

  it('refuses a page size outside 1..500 and a cursor from another conversation', async () => {
    await h.sync.handle([messageEvent({ token: 'c1', from: ALICE, to: ME, createdAt: t0 })]);
    const id = h.sync.thread(ALICE, { limit: 1 })[0]!.id;
    expect(() => h.sync.thread(ALICE, { limit: 0 })).toThrow(/limit must be a whole number from 1 to 500/);
    expect(() => h.sync.thread(BOB, { limit: 5, before: id })).toThrow(/no message/);
  });
});
