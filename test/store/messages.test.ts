import { describe, expect, it } from 'vitest';
import { userText } from '../../i18n/user-text';
import { openStore, type Store } from '../../main/core/store';
import { incoming } from './message-input';
import { randomKey, useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const t0 = Date.parse('2026-03-01T10:00:00Z');

function freshStore(now: () => number = () => t0) {
  return openStore({ dir: tempDir(), key: randomKey(), now });
}

function messageCount(store: Store, conversationId: string): number {
  return store.statements.prepare<{ n: number }>('SELECT count(*) AS n FROM messages WHERE conversation_id = ?').get(conversationId)!.n;
}

describe('storing messages', () => {
  it('stores a replayed message once: the second upsert changes nothing', () => {
    const store = freshStore();
    const message = incoming({ body: 'first version', attachments: [{ attachmentId: 'a1', name: 'scan.pdf', contentType: 'application/pdf', size: 10 }] });
    const first = store.transaction(() => store.messages.upsert(message));
    const replay = store.transaction(() => store.messages.upsert({ ...message, body: 'a replay must not overwrite' }));
    expect(first.outcome).toBe('inserted');
    expect(replay).toEqual({ id: first.id, outcome: 'unchanged' });
    expect(store.messages.byToken(message.token!)?.body).toBe('first version');
    expect(messageCount(store, 'u-bob')).toBe(1);
    expect(store.attachments.forMessage(first.id)).toHaveLength(1);
    store.close();
  });

  it('recognises the server copy of a message we sent by its client id and gives it the token', () => {
    const store = freshStore();
    const sent = store.messages.upsert(incoming({ token: null, clientId: 'c-1', direction: 'out', senderToken: 'u-me', status: 'sending' }));
    const echo = store.messages.upsert(incoming({ token: 'srv-1', clientId: 'c-1', direction: 'out', senderToken: 'u-me', status: 'sent' }));
    expect(echo).toEqual({ id: sent.id, outcome: 'matched-client-id' });
    expect(store.messages.byClientId('c-1')).toMatchObject({ id: sent.id, token: 'srv-1', status: 'sent' });
    expect(store.messages.upsert(incoming({ token: 'srv-1', clientId: 'c-1' })).outcome).toBe('unchanged');
    store.close();
  });

  it('marks a message it had given up on as sent when the server turns out to hold it', () => {
    const store = freshStore();
    const { id } = store.messages.upsert(incoming({ token: null, clientId: 'c-2', direction: 'out', status: 'sending' }));
    expect(store.messages.setStatus(id, 'failed', userText('failure.not-sent-hours', { hours: 24 }))).toBe('failed');
    expect(store.messages.byId(id)?.failureReason).toEqual(userText('failure.not-sent-hours', { hours: 24 }));
    store.messages.upsert(incoming({ token: 'srv-2', clientId: 'c-2', direction: 'out' }));
    expect(store.messages.byId(id)).toMatchObject({ status: 'sent', failureReason: null });
    store.close();
  });

  it('moves the stored status forward only', () => {
    const store = freshStore();
    const { id } = store.messages.upsert(incoming({ direction: 'out', status: 'sent' }));
    expect(store.messages.setStatus(id, 'read')).toBe('read');
    expect(store.messages.setStatus(id, 'delivered')).toBe('read');
    expect(store.messages.setStatus(id, 'failed')).toBe('read');
    expect(store.messages.byId(id)?.status).toBe('read');
    expect(store.messages.setStatus(999_999, 'read')).toBeUndefined();
    store.close();
  });

  it('keeps each recipient status moving forward, with the time of the step', () => {
    const store = freshStore();
    const { id } = store.messages.upsert(incoming({ conversationId: 'g-ward', conversationKind: 'group', direction: 'out' }));
    store.messages.setRecipientStatus(id, 'u-ann', 'read', t0 + 2);
    store.messages.setRecipientStatus(id, 'u-ann', 'delivered', t0 + 3);
    store.messages.setRecipientStatus(id, 'u-bob', 'delivered', t0 + 1);
    expect(store.messages.recipientStatuses(id)).toEqual([
      { accountId: 'u-ann', status: 'read', timestamp: t0 + 2 },
      { accountId: 'u-bob', status: 'delivered', timestamp: t0 + 1 },
    ]);
    store.close();
  });

  it('computes the expiry from the TTL and finds the next one to fire', () => {
    const store = freshStore();
    expect(store.messages.nextExpiry()).toBeNull();
    const soon = store.messages.upsert(incoming({ createdTime: t0, ttlMinutes: 5 })).id;
    store.messages.upsert(incoming({ createdTime: t0, ttlMinutes: 60 }));
    store.messages.upsert(incoming({ createdTime: t0, ttlMinutes: -1 }));
    expect(store.messages.byId(soon)?.expiresAt).toBe(t0 + 5 * 60_000);
    expect(store.messages.nextExpiry()).toBe(t0 + 5 * 60_000);
    expect(store.messages.expiredIds(t0 + 10 * 60_000)).toEqual([soon]);
    store.close();
  });

  it('writes a message and its conversation together or not at all', () => {
    const store = freshStore();
    expect(() => store.transaction(() => {
      store.messages.upsert(incoming({ conversationId: 'u-carol' }));
      throw new Error('the event could not be applied');
    })).toThrow('the event could not be applied');
    expect(store.statements.prepare<{ n: number }>('SELECT count(*) AS n FROM conversations').get()!.n).toBe(0);
    expect(messageCount(store, 'u-carol')).toBe(0);
    store.close();
  });
});

describe('people, drafts and settings', () => {
  it('merges user updates field by field and tracks presence', () => {
    const store = freshStore();
    store.people.upsertUser({ token: 'u-bob', displayName: 'Bob Ray', title: 'RN', dnd: true });
    store.people.upsertUser({ token: 'u-bob', department: 'Cardiology' });
    store.people.setPresence('u-bob', 'available');
    expect(store.people.user('u-bob')).toMatchObject({ displayName: 'Bob Ray', title: 'RN', department: 'Cardiology', dnd: true, presence: 'available' });
    store.close();
  });

  it('keeps each group member once and lets members be taken out', () => {
    const store = freshStore();
    store.people.upsertGroup({ token: 'g-ward', name: 'Ward 7', replayHistory: true, numMembers: 3 });
    store.people.addMembers('g-ward', ['u-bob', 'u-ann', 'u-bob']);
    store.people.removeMembers('g-ward', ['u-ann']);
    expect(store.people.members('g-ward')).toEqual(['u-bob']);
    store.close();
  });

  it('keeps one draft per conversation and forgets an emptied one', () => {
    const store = freshStore();
    store.drafts.set('u-bob', 'call me');
    store.drafts.set('g-ward', 'handover at 7');
    store.drafts.set('u-bob', '   ');
    expect(store.drafts.get('u-bob')).toBeNull();
    expect(store.drafts.get('g-ward')).toBe('handover at 7');
    store.close();
  });

  it('stores settings as JSON and refuses a value without a JSON form', () => {
    const store = freshStore();
    store.settings.set('notifications', { sound: false, priorityOnly: true });
    expect(store.settings.get('notifications')).toEqual({ sound: false, priorityOnly: true });
    expect(() => store.settings.set('broken', undefined)).toThrow(/no JSON form/);
    expect(store.settings.get('unset')).toBeUndefined();
    store.close();
  });
});
