import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface GroupRow {
  token: string;
  organization_key: string;
  name: string;
  created_by: string;
  created_time: number;
  replay_history: number;
  avatar_type: string | null;
  deleted: number;
}

export type GroupStore = ReturnType<typeof createGroupStore>;

export function createGroupStore(db: Database) {
  const insert = db.prepare(
    `INSERT INTO groups (token, organization_key, name, created_by, created_time, replay_history, avatar_type)
     VALUES (@token, @organization_key, @name, @created_by, @created_time, @replay_history, @avatar_type)`,
  );
  const byToken = db.prepare<[string], GroupRow>('SELECT * FROM groups WHERE token = ?');
  const members = db.prepare<[string], { account_token: string }>(
    'SELECT account_token FROM group_members WHERE group_token = ? ORDER BY rowid',
  );
  const isMember = db.prepare<[string, string], { n: number }>(
    'SELECT count(*) AS n FROM group_members WHERE group_token = ? AND account_token = ?',
  );
  const addMember = db.prepare(
    'INSERT OR IGNORE INTO group_members (group_token, account_token, joined_time) VALUES (?, ?, ?)',
  );
  const removeMember = db.prepare('DELETE FROM group_members WHERE group_token = ? AND account_token = ?');
  const removeAll = db.prepare('DELETE FROM group_members WHERE group_token = ?');
  const markDeleted = db.prepare('UPDATE groups SET deleted = 1 WHERE token = ?');
  const groupsOf = db.prepare<[string], GroupRow>(
    `SELECT g.* FROM groups g JOIN group_members m ON m.group_token = g.token
     WHERE m.account_token = ? AND g.deleted = 0 ORDER BY g.created_time`,
  );

  return {
    insert(row: GroupRow): void {
      insert.run(row);
    },
    get(token: string): GroupRow | undefined {
      return byToken.get(token);
    },
    members(token: string): string[] {
      return members.all(token).map((row) => row.account_token);
    },
    isMember(groupToken: string, accountToken: string): boolean {
      return isMember.get(groupToken, accountToken)!.n > 0;
    },
    /** True when the person was not a member before. */
    addMember(groupToken: string, accountToken: string, now: number): boolean {
      return addMember.run(groupToken, accountToken, now).changes > 0;
    },
    /** True when the person was a member before. */
    removeMember(groupToken: string, accountToken: string): boolean {
      return removeMember.run(groupToken, accountToken).changes > 0;
    },
    markDeleted(token: string): void {
      markDeleted.run(token);
      removeAll.run(token);
    },
    groupsOf(accountToken: string): GroupRow[] {
      return groupsOf.all(accountToken);
    },
  };
}
