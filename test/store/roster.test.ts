import { describe, expect, it } from 'vitest';
import { openStore } from '../../main/core/store';
import { rosterSql } from '../../main/core/store/conversations';
import { markConversationRead } from '../../main/core/sync/read-marking';
import { incoming } from './message-input';
import { randomKey, useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

describe('the roster', () => {
  it('lists conversations by last activity with unread and unread-priority counts and the newest message', () => {
    const store = openStore({ dir: tempDir(), key: randomKey() });
    store.conversations.upsert({ id: 'g-ward', kind: 'group', name: 'Ward 7' });
    store.conversations.upsert({ id: 'u-bob', kind: 'user', name: 'Bob Ray' });
    store.conversations.upsert({ id: 'u-empty', kind: 'user', name: 'Nobody Yet' });
    const urgent = store.messages.upsert(incoming({ conversationId: 'u-bob', createdTime: 100, priority: 1 }));
    store.messages.upsert(incoming({ conversationId: 'u-bob', createdTime: 300, body: 'latest from bob' }));
    store.messages.upsert(incoming({ conversationId: 'g-ward', conversationKind: 'group', createdTime: 200, senderToken: 'u-ann' }));
    store.messages.upsert(incoming({ conversationId: 'g-ward', conversationKind: 'group', createdTime: 250, direction: 'out', senderToken: 'u-me', status: 'sending' }));

    const roster = store.conversations.roster(10);
    expect(roster.map((entry) => [entry.id, entry.name, entry.unreadCount, entry.unreadPriorityCount])).toEqual([
      ['u-bob', 'Bob Ray', 2, 1],
      ['g-ward', 'Ward 7', 1, 0],
      ['u-empty', 'Nobody Yet', 0, 0],
    ]);
    expect(roster[0]!.lastMessage).toMatchObject({ body: 'latest from bob', createdTime: 300 });
    expect(roster[1]!.lastMessage).toMatchObject({ senderToken: 'u-me', status: 'sending' });
    expect(roster[2]!.lastMessage).toBeNull();
    expect(store.conversations.unreadTotal()).toBe(3);

    store.transaction(() => markConversationRead(store, 'u-bob', { createdTime: 100, id: urgent.id }, 400));
    store.conversations.setMuted('g-ward', true);
    expect(store.conversations.roster(10)[0]).toMatchObject({ unreadCount: 1, unreadPriorityCount: 0 });
    expect(store.conversations.unreadTotal()).toBe(1);
    store.close();
  });

  it('hides a conversation until a new message arrives in it', () => {
    const store = openStore({ dir: tempDir(), key: randomKey() });
    store.messages.upsert(incoming({ conversationId: 'u-bob', createdTime: 100 }));
    store.conversations.setHidden('u-bob', true);
    expect(store.conversations.roster(10)).toEqual([]);
    store.messages.upsert(incoming({ conversationId: 'u-bob', createdTime: 200 }));
    expect(store.conversations.roster(10).map((entry) => entry.id)).toEqual(['u-bob']);
    store.close();
  });

  it('stays index-driven for 10,000 conversations and 100,000 messages', () => {
    const store = openStore({ dir: tempDir(), key: randomKey() });
    // Bulk rows straight in SQL: this test is about reading the roster, not about writing.
    store.statements.db.exec(`
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
      INSERT INTO conversations (id, kind, last_activity) SELECT 'u-' || i, 'user', 0 FROM n WHERE i < 10000;
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
      INSERT INTO messages (token, conversation_id, direction, sender_token, body, created_time, priority, status)
        SELECT 'bulk-' || i, 'u-' || (i % 10000), CASE WHEN i % 3 = 0 THEN 'out' ELSE 'in' END, 'u-' || (i % 10000),
          'message ' || i, i, CASE WHEN i % 7 = 0 THEN 1 ELSE 0 END, 'delivered' FROM n;
      UPDATE conversations SET last_activity = (SELECT max(created_time) FROM messages WHERE conversation_id = conversations.id);
    `);
    const plan = (store.statements.db.prepare(`EXPLAIN QUERY PLAN ${rosterSql}`).all(50, 0) as { detail: string }[])
      .map((row) => row.detail);
    expect(plan.filter((detail) => detail.startsWith('SCAN') || detail.includes('TEMP B-TREE'))).toEqual([]);
    expect(plan).toContain('SEARCH u USING INDEX messages_unread (conversation_id=?)');

    const started = performance.now();
    const page = store.conversations.roster(50);
    const elapsed = performance.now() - started;
    expect(page).toHaveLength(50);
    expect(page[0]).toMatchObject({ id: 'u-9999', lastActivity: 99_999 });
    expect(page[0]!.unreadCount).toBe(10 - Array.from({ length: 10 }, (_, k) => 9999 + k * 10_000).filter((i) => i % 3 === 0).length);
    // Generous: the point is that it does not grow with the number of messages.
    expect(elapsed).toBeLessThan(250);
    store.close();
  });
});

