import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { databasePath, moveAside, openStore, StoreOpenError } from '../../main/core/store';
import { migrate } from '../../main/core/store/migrate';
import { migrations } from '../../main/core/store/migrations';
import { randomKey, useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

function openError(open: () => unknown): StoreOpenError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreOpenError);
    return error as StoreOpenError;
  }
  throw new Error('the store opened, but it should not have');
}

describe('opening the encrypted store', () => {
  it('keeps what was written across close and reopen, in WAL mode at the latest schema version', () => {
    const dir = tempDir();
    const key = randomKey();
    const store = openStore({ dir, key });
    store.settings.set('theme', { dark: true });
    store.drafts.set('u-bob', 'see you at the ward round');
    store.close();

    const again = openStore({ dir, key });
    expect(again.settings.get('theme')).toEqual({ dark: true });
    expect(again.drafts.get('u-bob')).toBe('see you at the ward round');
    expect(again.statements.db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(again.statements.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // FULL (2): an acknowledged event must survive a power cut; checkpoints are spaced for replays.
    expect(again.statements.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(again.statements.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    // Set by the store, not left to the build: deleted content is overwritten (issue 12).
    expect(again.statements.db.pragma('secure_delete', { simple: true })).toBe(1);
    again.close();
  });

  it('writes nothing readable to disk: the plaintext is not in the files', () => {
    const dir = tempDir();
    const store = openStore({ dir, key: randomKey() });
    store.drafts.set('u-bob', 'patient-in-bed-seven');
    // While open, the latest writes live in the WAL file: it must be encrypted too.
    expect(readdirSync(dir)).toContain('tigerdesk.db-wal');
    for (const suffix of ['', '-wal']) expect(statSync(`${databasePath(dir)}${suffix}`).mode & 0o777).toBe(0o600);
    for (const name of readdirSync(dir)) {
      expect(readFileSync(join(dir, name)).includes(Buffer.from('patient-in-bed-seven'))).toBe(false);
    }
    store.close();
    expect(readFileSync(databasePath(dir)).includes(Buffer.from('patient-in-bed-seven'))).toBe(false);
    expect(readFileSync(databasePath(dir)).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
  });

  it('refuses a wrong key as wrong-key-or-corrupt and leaves the file byte for byte as it was', () => {
    const dir = tempDir();
    const store = openStore({ dir, key: randomKey() });
    store.settings.set('a', 1);
    store.close();
    const before = readFileSync(databasePath(dir));

    const error = openError(() => openStore({ dir, key: randomKey() }));
    expect(error.reason).toBe('wrong-key-or-corrupt');
    expect(error.message).toMatch(/key is wrong or the file is damaged/);
    expect(readFileSync(databasePath(dir)).equals(before)).toBe(true);
  });

  it('refuses a corrupt file, keeps it when moved aside, and then starts fresh', async () => {
    const dir = tempDir();
    const key = randomKey();
    const garbage = Buffer.alloc(8192, 0x5a);
    writeFileSync(databasePath(dir), garbage);

    expect(openError(() => openStore({ dir, key })).reason).toBe('wrong-key-or-corrupt');
    const paths = await moveAside(dir, () => Date.parse('2026-01-02T03:04:05.678Z'));
    expect(paths).toEqual([join(dir, 'tigerdesk.db.unreadable-2026-01-02T03-04-05-678Z')]);
    expect(readFileSync(paths[0]!).equals(garbage)).toBe(true);
    const fresh = openStore({ dir, key });
    expect(fresh.statements.prepare<{ n: number }>('SELECT count(*) AS n FROM conversations').get()!.n).toBe(0);
    fresh.close();
  });

  it('moves the WAL companions aside with the database and never overwrites an earlier one', async () => {
    const dir = tempDir();
    const now = () => Date.parse('2026-01-02T03:04:05.678Z');
    const names = ['tigerdesk.db', 'tigerdesk.db-wal', 'tigerdesk.db-shm'];
    for (const name of names) writeFileSync(join(dir, name), `first ${name}`);
    await moveAside(dir, now);
    for (const name of names) writeFileSync(join(dir, name), `second ${name}`);
    const second = await moveAside(dir, now);
    expect(second).toHaveLength(3);
    const kept = readdirSync(dir).sort();
    expect(kept).toHaveLength(6);
    for (const name of names) {
      const stamp = `unreadable-2026-01-02T03-04-05-678Z`;
      expect(readFileSync(join(dir, name.replace('tigerdesk.db', `tigerdesk.db.${stamp}`)), 'utf8')).toBe(`first ${name}`);
      expect(readFileSync(join(dir, name.replace('tigerdesk.db', `tigerdesk.db.${stamp}-2`)), 'utf8')).toBe(`second ${name}`);
    }
  });

  it('refuses a key that is not 64 hex digits before touching the disk', () => {
    const dir = tempDir();
    expect(openError(() => openStore({ dir, key: 'secret-passphrase' })).reason).toBe('invalid-key');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('opens without encryption only when a test asks for it with both the null key and the flag', () => {
    const dir = tempDir();
    const options = { dir, key: null } as unknown as Parameters<typeof openStore>[0];
    expect(openError(() => openStore(options)).reason).toBe('invalid-key');
    expect(readdirSync(dir)).toEqual([]);
    openStore({ dir, key: null, unencryptedForTestsOnly: true }).close();
    expect(readFileSync(databasePath(dir)).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  });

  it('refuses a database from a newer TigerDesk and leaves it alone', () => {
    const dir = tempDir();
    const key = randomKey();
    const store = openStore({ dir, key });
    store.statements.db.pragma(`user_version = ${migrations.at(-1)!.version + 1}`);
    store.close();
    const error = openError(() => openStore({ dir, key }));
    expect(error.reason).toBe('newer-version');
    expect(error.message).toMatch(/update TigerDesk/);
  });

  it('reports a folder it cannot create as an io error', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-file'), '');
    expect(openError(() => openStore({ dir: join(dir, 'a-file', 'account'), key: randomKey() })).reason).toBe('io');
  });
});

describe('schema migrations', () => {
  it('are idempotent: running them again on an up-to-date database changes nothing', () => {
    const dir = tempDir();
    const key = randomKey();
    openStore({ dir, key }).close();
    const store = openStore({ dir, key });
    const schema = () => store.statements.db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    const before = schema();
    migrate(store.statements.db, migrations, databasePath(dir));
    expect(schema()).toEqual(before);
    store.close();
  });

  it('take the words of a message erased before the upgrade out of the search index files', () => {
    const dir = tempDir();
    const db = new Database(databasePath(dir));
    db.pragma('journal_mode = WAL');
    migrate(db, migrations.filter((step) => step.version <= 5), databasePath(dir));
    db.exec(`INSERT INTO conversations (id, kind) VALUES ('u-ann', 'user');
      INSERT INTO messages (conversation_id, direction, sender_token, body, created_time, status)
        VALUES ('u-ann', 'in', 'u-ann', 'Zorblaxine for Quimbertson', 0, 'read'),
               ('u-ann', 'in', 'u-ann', 'Plumbagoid review', 0, 'read');`);
    // Indexed, then erased the old way: FTS5 only appends a tombstone for the words.
    db.exec(`INSERT INTO messages_fts (rowid, body) SELECT id, body FROM messages; DELETE FROM search_pending;
      DELETE FROM messages WHERE body LIKE 'Zorblaxine%';`);
    db.close();
    const wordsOnDisk = () => ['zorblaxine', 'quimbertson', 'plumbagoid'].filter((word) => readFileSync(databasePath(dir)).toString('latin1').includes(word));
    expect(wordsOnDisk()).toEqual(['zorblaxine', 'quimbertson', 'plumbagoid']);

    const store = openStore({ dir, key: null, unencryptedForTestsOnly: true });
    expect(store.search.messages('plumbagoid', { limit: 5 })).toHaveLength(1);
    expect(store.truncateWal()).toBe(true);
    expect(wordsOnDisk()).toEqual(['plumbagoid']);
    store.close();
  });

  it('roll a failing step back whole and keep the previous version', () => {
    const db = new Database(':memory:');
    const error = (() => {
      try {
        migrate(db, [{ version: 1, sql: 'CREATE TABLE a (x); CREATE TABLE b (' }], ':memory:');
      } catch (caught) {
        return caught as StoreOpenError;
      }
      throw new Error('the migration should have failed');
    })();
    expect(error.reason).toBe('migration-failed');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'`).get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('truncating the WAL after an erasure', () => {
  it('empties the WAL file, and reports it could not while another connection is reading', () => {
    const dir = tempDir();
    const store = openStore({ dir, key: null, unencryptedForTestsOnly: true });
    store.drafts.set('u-bob', 'see you at the ward round');
    const walSize = () => statSync(`${databasePath(dir)}-wal`).size;
    expect(walSize()).toBeGreaterThan(0);
    const reader = new Database(databasePath(dir));
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM drafts').get();
    expect(store.truncateWal()).toBe(false);
    reader.exec('COMMIT');
    reader.close();
    expect(store.truncateWal()).toBe(true);
    expect(walSize()).toBe(0);
    store.close();
  });
});
