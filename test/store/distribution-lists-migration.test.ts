/**
 * The step to distribution lists (migration 11) rebuilds the conversations table, which
 * messages refer to: every row, index and reference survives, references are enforced again
 * afterwards, and a rebuild that would leave a reference dangling is rolled back whole.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath, openStore, StoreOpenError } from '../../main/core/store';
import { migrate } from '../../main/core/store/migrate';
import { migrations } from '../../main/core/store/migrations';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function databaseAt(version: number): { dir: string; db: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'tigerdesk-lists-migration-'));
  dirs.push(dir);
  const db = new Database(databasePath(dir));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.filter((step) => step.version <= version), databasePath(dir));
  return { dir, db };
}

describe('the migration to distribution lists', () => {
  it('keeps every conversation with its flags, messages and indexes, and lets a conversation be a list', () => {
    const { dir, db } = databaseAt(10);
    db.exec(`INSERT INTO conversations (id, kind, name, organization_key, last_activity, muted, hidden, peer_token)
        VALUES ('u-ann', 'user', 'Ann Lee', 'org-home', 5, 1, 0, 'u-ann'), ('g-ward', 'group', 'Ward 7', 'org-home', 9, 0, 1, 'g-ward');
      INSERT INTO messages (conversation_id, direction, sender_token, body, created_time, status)
        VALUES ('u-ann', 'in', 'u-ann', 'Bed 4 needs a review', 1, 'sent');`);
    db.close();

    const store = openStore({ dir, key: null, unencryptedForTestsOnly: true });
    const sql = store.statements;
    expect(sql.prepare('SELECT id, kind, name, organization_key, last_activity, muted, hidden, peer_token FROM conversations ORDER BY id').all()).toEqual([
      { id: 'g-ward', kind: 'group', name: 'Ward 7', organization_key: 'org-home', last_activity: 9, muted: 0, hidden: 1, peer_token: 'g-ward' },
      { id: 'u-ann', kind: 'user', name: 'Ann Lee', organization_key: 'org-home', last_activity: 5, muted: 1, hidden: 0, peer_token: 'u-ann' },
    ]);
    expect(sql.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'conversations' AND name NOT LIKE 'sqlite_%' ORDER BY name").all())
      .toEqual([{ name: 'conversations_by_activity' }, { name: 'conversations_by_peer' }]);
    expect(sql.prepare('SELECT body FROM messages').all()).toEqual([{ body: 'Bed 4 needs a review' }]);

    store.conversations.upsert({ id: 'dl-night', kind: 'list', name: 'Night shift nurses', organizationKey: 'org-home' });
    expect(store.conversations.identityOf('dl-night')).toEqual({ kind: 'list', peer: 'dl-night', organizationKey: 'org-home' });
    expect(() => store.conversations.upsert({ id: 'x', kind: 'pager' as never })).toThrow(/CHECK constraint/);
    // The messages still refer to the rebuilt table, and the reference is enforced again.
    expect(() => sql.prepare(`INSERT INTO messages (conversation_id, direction, sender_token, body, created_time, status)
      VALUES ('nobody', 'in', 'x', 'x', 1, 'sent')`).run()).toThrow(/FOREIGN KEY/);
    expect(sql.prepare("SELECT sql FROM sqlite_master WHERE name = 'messages'").get()).toEqual({ sql: expect.stringContaining('REFERENCES conversations(id)') });
    store.close();
  });

  it('rolls a rebuild back whole when a reference would no longer find its row, and enforces references again', () => {
    const latest = migrations.at(-1)!.version;
    const { dir, db } = databaseAt(latest);
    const path = databasePath(dir);
    db.exec("INSERT INTO conversations (id, kind, peer_token) VALUES ('u-ann', 'user', 'u-ann')");
    db.exec("INSERT INTO messages (conversation_id, direction, sender_token, body, created_time, status) VALUES ('u-ann', 'in', 'u-ann', 'kept', 1, 'sent')");
    const losing = { version: latest + 1, rebuildsTables: true, sql: "DELETE FROM conversations WHERE id = 'u-ann'; CREATE TABLE marker (x INTEGER);" };
    expect(() => migrate(db, [...migrations, losing], path)).toThrow(StoreOpenError);
    expect(() => migrate(db, [...migrations, losing], path)).toThrow(`Schema step ${latest + 1} failed and was rolled back: 1 row(s) of messages no longer find their conversations row`);
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'marker'").get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
