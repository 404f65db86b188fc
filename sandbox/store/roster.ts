import type { Database } from 'better-sqlite3-multiple-ciphers';

export type RosterStore = ReturnType<typeof createRosterStore>;

/** The people each account has a 1:1 conversation with; groups come from membership instead. */
export function createRosterStore(db: Database) {
  const add = db.prepare('INSERT OR IGNORE INTO roster (account_token, entity_token) VALUES (?, ?)');
  const remove = db.prepare('DELETE FROM roster WHERE account_token = ? AND entity_token = ?');
  const list = db.prepare<[string], { entity_token: string }>(
    'SELECT entity_token FROM roster WHERE account_token = ? ORDER BY rowid',
  );
  const watchers = db.prepare<[string], { account_token: string }>(
    'SELECT account_token FROM roster WHERE entity_token = ?',
  );
  return {
    /** Everyone who has this person on their roster. */
    watchers(entityToken: string): string[] {
      return watchers.all(entityToken).map((row) => row.account_token);
    },
    add(accountToken: string, entityToken: string): void {
      add.run(accountToken, entityToken);
    },
    remove(accountToken: string, entityToken: string): boolean {
      return remove.run(accountToken, entityToken).changes > 0;
    },
    list(accountToken: string): string[] {
      return list.all(accountToken).map((row) => row.entity_token);
    },
  };
}
