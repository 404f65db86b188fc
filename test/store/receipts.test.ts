import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../main/core/store';
import { migrate } from '../../main/core/store/migrate';
import { migrations } from '../../main/core/store/migrations';
import { randomKey, useTempDirs } from './temp-dir';

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

const tokens = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 6 });
const owedArbitrary = fc.record({ delivered: tokens, read: tokens });

describe('the receipts owed, one row each', () => {
  it('lets a Read receipt stand for the Delivered one of the same message, whichever came first', () => {
    withStore((store) => {
      store.receipts.owe({ delivered: ['a', 'b'], read: [] });
      store.receipts.owe({ delivered: ['c'], read: ['a'] });
      store.receipts.owe({ delivered: ['a'], read: [] });
      expect(store.receipts.all()).toEqual({ delivered: ['b', 'c'], read: ['a'] });
    });
  });

  it('owes each receipt once, however often it is added (property)', () => {
    withStore((store) => {
      fc.assert(fc.property(owedArbitrary, owedArbitrary, (held, added) => {
        store.statements.db.exec('DELETE FROM pending_receipts');
        store.receipts.owe(held);
        store.receipts.owe(added);
        const once = store.receipts.all();
        store.receipts.owe(added);
        expect(store.receipts.all()).toEqual(once);
        expect(new Set(once.delivered).size).toBe(once.delivered.length);
        expect(once.delivered.some((token) => once.read.includes(token))).toBe(false);
        expect([...once.read].sort()).toEqual([...new Set([...held.read, ...added.read])].sort());
      }));
    });
  });

  it('takes Read receipts first into a batch of at most the given size, each kind in the order owed', () => {
    withStore((store) => {
      store.receipts.owe({ delivered: ['d1', 'd2'], read: [] });
      store.receipts.owe({ delivered: [], read: ['r2', 'r1'] });
      expect(store.receipts.first(3)).toEqual({ read: ['r2', 'r1'], delivered: ['d1'] });
      expect(store.receipts.first(1)).toEqual({ read: ['r2'], delivered: [] });
    });
  });

  it('keeps, once a batch is settled, the receipts owed that were not in it', () => {
    withStore((store) => {
      store.receipts.owe({ delivered: ['a'], read: ['r'] });
      const batch = store.receipts.first(1);
      store.receipts.owe({ delivered: ['new'], read: [] });
      store.receipts.settle(batch);
      expect(store.receipts.all()).toEqual({ delivered: ['a', 'new'], read: [] });
      store.receipts.settle({ delivered: ['a', 'new'], read: [] });
      expect(store.receipts.all()).toEqual(none);
    });
  });

  it('owes nothing that a rolled-back transaction added', () => {
    withStore((store) => {
      expect(() => store.transaction(() => {
        store.receipts.owe({ delivered: ['lost'], read: [] });
        throw new Error('the batch failed');
      })).toThrow('the batch failed');
      expect(store.receipts.all()).toEqual(none);
    });
  });

  it('reads a batch from the head of many owed receipts without scanning them all', () => {
    withStore((store) => {
      const plan = store.statements.db.prepare(
        `EXPLAIN QUERY PLAN SELECT message_token FROM pending_receipts INDEXED BY pending_receipts_by_kind WHERE kind = 'read' ORDER BY id LIMIT 100`,
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
