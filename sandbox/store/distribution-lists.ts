import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface DistributionListRow {
  token: string;
  organization_key: string;
  name: string;
  /** The picture's URL, or null for none. */
  avatar: string | null;
  created_time: number;
}

export type DistributionListStore = ReturnType<typeof createDistributionListStore>;

/**
 * Distribution lists: the members a message to the list reaches (each by a 1:1 copy) and the
 * holders who may send to it and see it on their roster.
 */
export function createDistributionListStore(db: Database) {
  const insert = db.prepare(
    `INSERT INTO distribution_lists (token, organization_key, name, avatar, created_time)
     VALUES (@token, @organization_key, @name, @avatar, @created_time)`,
  );
  const byToken = db.prepare<[string], DistributionListRow>('SELECT * FROM distribution_lists WHERE token = ?');
  const addMember = db.prepare('INSERT OR IGNORE INTO distribution_list_members (list_token, account_token) VALUES (?, ?)');
  const members = db.prepare<[string], { account_token: string }>(
    'SELECT account_token FROM distribution_list_members WHERE list_token = ? ORDER BY rowid',
  );
  const addHolder = db.prepare('INSERT OR IGNORE INTO distribution_list_holders (list_token, account_token) VALUES (?, ?)');
  const removeHolder = db.prepare('DELETE FROM distribution_list_holders WHERE list_token = ? AND account_token = ?');
  const isHolder = db.prepare<[string, string], { n: number }>(
    'SELECT count(*) AS n FROM distribution_list_holders WHERE list_token = ? AND account_token = ?',
  );
  const heldIn = db.prepare<[string, string], DistributionListRow>(
    `SELECT l.* FROM distribution_lists l JOIN distribution_list_holders h ON h.list_token = l.token
     WHERE h.account_token = ? AND l.organization_key = ? ORDER BY l.created_time, l.rowid`,
  );
  return {
    insert(row: DistributionListRow): void {
      insert.run(row);
    },
    get(token: string): DistributionListRow | undefined {
      return byToken.get(token);
    },
    addMember(listToken: string, accountToken: string): void {
      addMember.run(listToken, accountToken);
    },
    members(listToken: string): string[] {
      return members.all(listToken).map((row) => row.account_token);
    },
    /** True when the person did not hold the list before. */
    addHolder(listToken: string, accountToken: string): boolean {
      return addHolder.run(listToken, accountToken).changes > 0;
    },
    /** True when the person held the list before. */
    removeHolder(listToken: string, accountToken: string): boolean {
      return removeHolder.run(listToken, accountToken).changes > 0;
    },
    isHolder(listToken: string, accountToken: string): boolean {
      return isHolder.get(listToken, accountToken)!.n > 0;
    },
    /** The lists an account holds in one organization, oldest first. */
    heldIn(accountToken: string, organizationKey: string): DistributionListRow[] {
      return heldIn.all(accountToken, organizationKey);
    },
  };
}
