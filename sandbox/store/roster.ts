import type { Database } from 'better-sqlite3-multiple-ciphers';

export type RosterStore = ReturnType<typeof createRosterStore>;

/**
 * The people each account has a 1:1 conversation with, per organization (the same two people
 * in two organizations have two conversations); groups come from membership instead.
 */
export function createRosterStore(db: Database) {
  const add = db.prepare('INSERT OR IGNORE INTO roster (account_token, organization_key, entity_token) VALUES (?, ?, ?)');
  const remove = db.prepare('DELETE FROM roster WHERE account_token = ? AND organization_key = ? AND entity_token = ?');
  const list = db.prepare<[string, string], { entity_token: string }>(
    'SELECT entity_token FROM roster WHERE account_token = ? AND organization_key = ? ORDER BY rowid',
  );
  const watchers = db.prepare<[string], { account_token: string }>(
    'SELECT DISTINCT account_token FROM roster WHERE entity_token = ?',
  );
  return {
    /** Everyone who has this person on their roster, in any organization. */
    watchers(entityToken: string): string[] {
      return watchers.all(entityToken).map((row) => row.account_token);
    },
    /** True when the entry was not there before. */
    add(accountToken: string, organizationKey: string, entityToken: string): boolean {
      return add.run(accountToken, organizationKey, entityToken).changes > 0;
    },
    remove(accountToken: string, organizationKey: string, entityToken: string): boolean {
      return remove.run(accountToken, organizationKey, entityToken).changes > 0;
    },
    list(accountToken: string, organizationKey: string): string[] {
      return list.all(accountToken, organizationKey).map((row) => row.entity_token);
    },
  };
}
