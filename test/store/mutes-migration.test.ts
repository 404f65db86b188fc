/**
 * The step to mutes per organization (migration 12): every mute held is kept, one that named no
 * organization covering the person everywhere as before; the same person may then be muted in
 * two organizations apart.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath, openStore } from '../../main/core/store';
import { migrate } from '../../main/core/store/migrate';
import { migrations } from '../../main/core/store/migrations';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the migration to mutes per organization', () => {
  it('keeps every mute, and then holds the same person muted in two organizations apart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tigerdesk-mutes-migration-'));
    dirs.push(dir);
    const db = new Database(databasePath(dir));
    migrate(db, migrations.filter((step) => step.version <= 11), databasePath(dir));
    db.exec(`INSERT INTO mutes (kind, token, organization_key, started_at, ends_at) VALUES
      ('user', 'u-ann', NULL, 1, 100), ('group', 'g-ward', 'org-home', 2, 200), ('organization', 'org-home', 'org-home', 3, 300)`);
    db.close();

    const store = openStore({ dir, key: null, unencryptedForTestsOnly: true, now: () => 0 });
    expect(store.mutes.all()).toEqual([
      { kind: 'group', token: 'g-ward', organizationKey: 'org-home', startedAt: 2, endsAt: 200 },
      { kind: 'organization', token: 'org-home', organizationKey: 'org-home', startedAt: 3, endsAt: 300 },
      { kind: 'user', token: 'u-ann', organizationKey: null, startedAt: 1, endsAt: 100 },
    ]);
    expect(store.mutes.nextEnd()).toBe(100);
    store.mutes.set({ kind: 'user', token: 'u-ann', organizationKey: 'org-clinic', startedAt: 5, endsAt: 500 });
    expect(store.mutes.all().filter((mute) => mute.token === 'u-ann').map((mute) => mute.organizationKey)).toEqual([null, 'org-clinic']);
    expect(store.mutes.remove({ kind: 'user', token: 'u-ann', organizationKey: null })).toBe(true);
    expect(store.mutes.all().filter((mute) => mute.token === 'u-ann').map((mute) => mute.organizationKey)).toEqual(['org-clinic']);
    store.close();
  });
});
