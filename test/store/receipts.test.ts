import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eraseMessageRows } from '../../main/core/lifecycle/erasure';
import { openStore, Store, type ReceiptFor } from '../../main/core/store';
import { migrate } from '../../main/core/store/migrate';
import { migrations } from '../../main/core/store/migrations';
import { incoming } from './message-input';
import { randomKey, useTempDirs } from './temp-dir';
import { owedTokens } from './owed-receipts';

const tempDir = useTempDirs();
const none = { delivered: [], read: [] };

function withStore<T>(work: (store: Store) => T): T {
  const store = openStore({ dir: tempDir(), key: randomKey() });
  try {
    return work(store);
  } finally {
    store.close();
  }
}

/** Stores an incoming message under each token (once) and hands back what a receipt for it is owed by. */
function held(store: Store, ...tokens: string[]): Record<string, ReceiptFor> {
  return Object.fromEntries(tokens.map((token) => {
    const { id } = store.transaction(() => store.messages.upsert(incoming({ token })));
    return [token, { messageId: id, token }];
  }));
}

const letters = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
const tokens = fc.uniqueArray(fc.constantFrom(...letters), { maxLength: 6 });
const owedArbitrary = fc.record({ delivered: tokens, read: tokens });

describe('the receipts owed, one row each', () => {
  it('lets a Read receipt stand for the Delivered one of the same message, whichever came first', () => {
    withStore((store) => {
      const m = held(store, 'a', 'b', 'c');
      store.receipts.owe({ delivered: [m.a!, m.b!], read: [] });
      store.receipts.owe({ delivered: [m.c!], read: [m.a!] });
      store.receipts.owe({ delivered: [m.a!], read: [] });
      expect(owedTokens(store)).toEqual({ delivered: ['b', 'c'], read: ['a'] });
    });
  });

  it('owes each receipt once, however often it is added (property)', () => {
    withStore((store) => {
      const m = held(store, ...letters);
      const receiptsFor = (owed: { delivered: string[]; read: string[] }) => ({
        delivered: owed.delivered.map((token) => m[token]!),
        read: owed.read.map((token) => m[token]!),
      });
      fc.assert(fc.property(owedArbitrary, owedArbitrary, (before, added) => {
        store.statements.db.exec('DELETE FROM pending_receipts');
        store.receipts.owe(receiptsFor(before));
        store.receipts.owe(receiptsFor(added));
        const once = owedTokens(store);
        store.receipts.owe(receiptsFor(added));
        expect(owedTokens(store)).toEqual(once);
        expect(new Set(once.delivered).size).toBe(once.delivered.length);
        expect(once.delivered.some((token) => once.read.includes(token))).toBe(false);
        expect([...once.read].sort()).toEqual([...new Set([...before.read, ...added.read])].sort());
      }));
    });
  });

  it('takes Read receipts first into a batch of at most the given size, each kind in the order owed', () => {
    withStore((store) => {
      const m = held(store, 'd1', 'd2', 'r1', 'r2');
      store.receipts.owe({ delivered: [m.d1!, m.d2!], read: [] });
      store.receipts.owe({ delivered: [], read: [m.r2!, m.r1!] });
      const tokensOf = (batch: { read: { token: string }[]; delivered: { token: string }[] }) => ({
        read: batch.read.map((row) => row.token),
        delivered: batch.delivered.map((row) => row.token),
      });
      expect(tokensOf(store.receipts.first(3))).toEqual({ read: ['r2', 'r1'], delivered: ['d1'] });
      expect(tokensOf(store.receipts.first(1))).toEqual({ read: ['r2'], delivered: [] });
    });
  });

  it('keeps, once a batch is settled, the receipts owed that were not in it', () => {
    withStore((store) => {
      const m = held(store, 'a', 'r', 'new');
      store.receipts.owe({ delivered: [m.a!], read: [m.r!] });
      const batch = store.receipts.first(1);
      store.receipts.owe({ delivered: [m.new!], read: [] });
      store.receipts.settle(batch);
      expect(owedTokens(store)).toEqual({ delivered: ['a', 'new'], read: [] });
      store.receipts.settle(store.receipts.first(10));
      expect(owedTokens(store)).toEqual(none);
    });
  });

  it('owes nothing that a rolled-back transaction added', () => {
    withStore((store) => {
      const m = held(store, 'lost');
      expect(() => store.transaction(() => {
        store.receipts.owe({ delivered: [m.lost!], read: [] });
        throw new Error('the batch failed');
      })).toThrow('the batch failed');
      expect(owedTokens(store)).toEqual(none);
    });
  });

  it('keeps the receipt owed for a message erased before it was sent, apart from the next message given its id', () => {
    withStore((store) => {
      const { gone } = held(store, 'gone');
      store.receipts.owe({ delivered: [gone!], read: [] });
      store.transaction(() => eraseMessageRows(store, [gone!.messageId]));
      const { next } = held(store, 'next');
      // SQLite gives the highest id again once its row is gone: the case this guards.
      expect(next!.messageId).toBe(gone!.messageId);
      store.receipts.owe({ delivered: [next!], read: [] });
      store.receipts.owe({ delivered: [], read: [next!] });
      expect(owedTokens(store)).toEqual({ delivered: ['gone'], read: ['next'] });
    });
  });

  it('owes a receipt for a message erased in the same transaction, not for the message stored after it under the same id', () => {
    withStore((store) => {
      store.transaction(() => {
        const { gone } = held(store, 'gone');
        eraseMessageRows(store, [gone!.messageId]);
        const { next } = held(store, 'next');
        expect(next!.messageId).toBe(gone!.messageId);
        store.receipts.owe({ delivered: [gone!, next!], read: [] });
        store.receipts.owe({ delivered: [], read: [gone!] });
      });
      expect(owedTokens(store)).toEqual({ delivered: ['gone', 'next'], read: ['gone'] });
      expect(store.statements.db.prepare('SELECT message_token AS token, kind, message_id AS messageId FROM pending_receipts ORDER BY id').all())
        .toEqual([
          { token: 'gone', kind: 'delivered', messageId: null },
          { token: 'next', kind: 'delivered', messageId: expect.any(Number) },
          { token: 'gone', kind: 'read', messageId: null },
        ]);
    });
  });

  it('settles each row sent, even two owing the same token', () => {
    withStore((store) => {
      const { twice } = held(store, 'twice');
      store.receipts.owe({ delivered: [twice!], read: [] });
      store.transaction(() => eraseMessageRows(store, [twice!.messageId]));
      const again = held(store, 'twice');
      store.receipts.owe({ delivered: [again.twice!], read: [] });
      const batch = store.receipts.first(10);
      expect(batch.delivered.map((row) => row.token)).toEqual(['twice', 'twice']);
      store.receipts.settle(batch);
      expect(owedTokens(store)).toEqual(none);
    });
  });

  it('reads a batch from the head of many owed receipts without scanning them all', () => {
    withStore((store) => {
      const plan = store.statements.db.prepare(
        `EXPLAIN QUERY PLAN SELECT id, message_token FROM pending_receipts INDEXED BY pending_receipts_by_kind WHERE kind = 'read' ORDER BY id LIMIT 100`,
      ).all() as { detail: string }[];
      expect(plan.map((row) => row.detail).join('\n')).toMatch(/USING (COVERING )?INDEX pending_receipts_by_kind \(kind=\?\)/);
      expect(plan.map((row) => row.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
    });
  });
});

describe('schema step 3', () => {
  it('moves the receipts a version-2 database owed in its settings into the table, Read first, and drops the setting', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.filter((step) => step.version <= 2), ':memory:');
    db.prepare(`INSERT INTO settings (key, value_json) VALUES ('sync.pending-receipts', ?)`)
      .run(JSON.stringify({ delivered: ['d1', 'both', '', 'd2'], read: ['r1', 'both'] }));
    migrate(db, migrations, ':memory:');
    const rows = db.prepare('SELECT kind, message_token AS token FROM pending_receipts ORDER BY id').all();
    expect(rows).toEqual([
      { kind: 'read', token: 'r1' },
      { kind: 'read', token: 'both' },
      { kind: 'delivered', token: 'd1' },
      { kind: 'delivered', token: 'd2' },
    ]);
    expect(db.prepare(`SELECT count(*) AS n FROM settings WHERE key = 'sync.pending-receipts'`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('owes nothing for a stored setting that is not in the expected shape, and still upgrades', () => {
    for (const stored of ['not json', JSON.stringify({ delivered: 'x', read: [1, 2] }), JSON.stringify([])]) {
      const db = new Database(':memory:');
      migrate(db, migrations.filter((step) => step.version <= 2), ':memory:');
      db.prepare(`INSERT INTO settings (key, value_json) VALUES ('sync.pending-receipts', ?)`).run(stored);
      migrate(db, migrations, ':memory:');
      expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
      expect(db.prepare('SELECT count(*) AS n FROM pending_receipts').get()).toEqual({ n: 0 });
      db.close();
    }
  });
});

describe('schema step 5', () => {
  /** A version-4 database holding two messages (one with a further copy) and owing receipts for them and for others. */
  function version4(): Database.Database {
    const db = new Database(':memory:');
    migrate(db, migrations.filter((step) => step.version <= 4), ':memory:');
    db.exec(`
      INSERT INTO conversations (id, kind) VALUES ('u-bob', 'user');
      INSERT INTO messages (id, token, conversation_id, direction, sender_token, created_time, status)
        VALUES (7, 'held-1', 'u-bob', 'in', 'u-bob', 1, 'delivered'), (9, 'held-2', 'u-bob', 'in', 'u-bob', 2, 'delivered');
      INSERT INTO message_aliases (token, message_id) VALUES ('copy-of-1', 7);
      INSERT INTO pending_receipts (id, message_token, kind, created_at) VALUES
        (3, 'held-1', 'delivered', 100), (4, 'erased', 'delivered', 101), (5, 'copy-of-1', 'delivered', 102),
        (6, 'held-2', 'read', 103), (8, 'erased-read', 'read', 104);
    `);
    return db;
  }

  it('keeps every receipt a version-4 database owed, in the order owed, by message id where the message is held', () => {
    const db = version4();
    migrate(db, migrations, ':memory:');
    expect(db.prepare('SELECT id, message_id AS messageId, message_token AS token, kind, created_at AS createdAt FROM pending_receipts ORDER BY id').all())
      .toEqual([
        { id: 3, messageId: 7, token: 'held-1', kind: 'delivered', createdAt: 100 },
        { id: 4, messageId: null, token: 'erased', kind: 'delivered', createdAt: 101 },
        { id: 5, messageId: null, token: 'copy-of-1', kind: 'delivered', createdAt: 102 },
        { id: 6, messageId: 9, token: 'held-2', kind: 'read', createdAt: 103 },
        { id: 8, messageId: null, token: 'erased-read', kind: 'read', createdAt: 104 },
      ]);
    const store = new Store(db, () => 200);
    expect(owedTokens(store)).toEqual({ read: ['held-2', 'erased-read'], delivered: ['held-1', 'erased', 'copy-of-1'] });
    db.close();
  });

  it('still lets a Read receipt stand for a Delivered one carried over, and owes nothing twice', () => {
    const db = version4();
    migrate(db, migrations, ':memory:');
    db.pragma('foreign_keys = ON');
    const store = new Store(db, () => 200);
    store.receipts.owe({ delivered: [{ messageId: 9, token: 'held-2' }], read: [{ messageId: 7, token: 'held-1' }] });
    store.receipts.owe({ delivered: [], read: [{ messageId: 9, token: 'held-2' }] });
    expect(owedTokens(store)).toEqual({ read: ['held-2', 'erased-read', 'held-1'], delivered: ['erased', 'copy-of-1'] });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('keeps a carried-over receipt when its message is erased, apart from the next message given its id', () => {
    const db = version4();
    migrate(db, migrations, ':memory:');
    db.pragma('foreign_keys = ON');
    db.exec('DELETE FROM messages WHERE id = 9');
    db.exec(`INSERT INTO messages (id, token, conversation_id, direction, sender_token, created_time, status)
      VALUES (9, 'next', 'u-bob', 'in', 'u-bob', 3, 'delivered')`);
    const store = new Store(db, () => 200);
    store.receipts.owe({ delivered: [{ messageId: 9, token: 'next' }], read: [] });
    expect(owedTokens(store)).toEqual({ read: ['held-2', 'erased-read'], delivered: ['held-1', 'erased', 'copy-of-1', 'next'] });
    db.close();
  });
});
