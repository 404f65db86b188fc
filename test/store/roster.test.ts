import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../main/core/store';
import { markConversationRead } from '../../main/core/sync/read-marking';
import { ViewQueries } from '../../main/core/sync/view-queries';
import { incoming } from './message-input';
import { randomKey, useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

/** The roster as the window reads it (sync's summaries). */
function roster(store: Store) {
  return new ViewQueries(store.statements).summaries();
}

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

    const rows = roster(store);
    expect(rows.map((row) => [row.id, row.conversation_name, row.unread, row.unread_priority])).toEqual([
      ['u-bob', 'Bob Ray', 2, 1],
      ['g-ward', 'Ward 7', 1, 0],
      ['u-empty', 'Nobody Yet', 0, 0],
    ]);
    expect(rows[0]).toMatchObject({ last_body: 'latest from bob', last_activity: 300 });
    expect(rows[1]).toMatchObject({ last_sender: 'u-me', last_status: 'sending' });
    expect(rows[2]!.last_id).toBeNull();
    expect(store.conversations.unreadTotal()).toBe(3);

    store.transaction(() => markConversationRead(store, 'u-bob', { createdTime: 100, id: urgent.id }, 400));
    store.conversations.setMuted('g-ward', true);
    expect(roster(store)[0]).toMatchObject({ unread: 1, unread_priority: 0 });
    expect(store.conversations.unreadTotal()).toBe(1);
    store.close();
  });

  it('hides a conversation until a new message arrives in it', () => {
    const store = openStore({ dir: tempDir(), key: randomKey() });
    store.messages.upsert(incoming({ conversationId: 'u-bob', createdTime: 100 }));
    store.conversations.setHidden('u-bob', true);
    expect(roster(store)).toEqual([]);
    store.messages.upsert(incoming({ conversationId: 'u-bob', createdTime: 200 }));
    expect(roster(store).map((row) => row.id)).toEqual(['u-bob']);
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
    // The SQL the roster read prepares, to ask SQLite how it runs it.
    const prepared: string[] = [];
    const prepare = store.statements.prepare.bind(store.statements);
    store.statements.prepare = ((sql: string) => (prepared.push(sql), prepare(sql))) as typeof prepare;

    const started = performance.now();
    const rows = roster(store);
    const elapsed = performance.now() - started;
    const plan = (store.statements.db.prepare(`EXPLAIN QUERY PLAN ${prepared.at(-1)}`).all() as { detail: string }[])
      .map((row) => row.detail);
    expect(plan.filter((detail) => detail.startsWith('SCAN') || detail.includes('TEMP B-TREE'))).toEqual([]);
    expect(plan).toContain('SEARCH x USING INDEX messages_unread (conversation_id=?)');
    expect(rows).toHaveLength(10_000);
    expect(rows[0]).toMatchObject({ id: 'u-9999', last_activity: 99_999 });
    expect(rows[0]!.unread).toBe(10 - Array.from({ length: 10 }, (_, k) => 9999 + k * 10_000).filter((i) => i % 3 === 0).length);
    // Generous, for a shared machine: the plan above is what keeps it from growing with the messages.
    expect(elapsed).toBeLessThan(2_000);
    store.close();
  });
});

