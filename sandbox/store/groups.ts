import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface GroupRow {
  token: string;
  organization_key: string;
  name: string;
  created_by: string;
  created_time: number;
  replay_history: number;
  avatar_type: string | null;
  /** Raised at each change of the picture, so its address changes and no cache shows the old one. */
  avatar_version: number;
  deleted: number;
}

/** What `POST /group/{token}` may change besides the members. */
export interface GroupChange {
  name?: string;
  replay_history?: boolean;
  /** A new picture's content type. */
  avatar_type?: string;
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
  const update = db.prepare(
    `UPDATE groups SET name = coalesce(@name, name), replay_history = coalesce(@replay_history, replay_history),
       avatar_type = coalesce(@avatar_type, avatar_type), avatar_version = avatar_version + @avatar_changed
     WHERE token = @token`,
  );
  const markDeleted = db.prepare('UPDATE groups SET deleted = 1 WHERE token = ?');
  const groupsOf = db.prepare<[string], GroupRow>(
    `SELECT g.* FROM groups g JOIN group_members m ON m.group_token = g.token
     WHERE m.account_token = ? AND g.deleted = 0 ORDER BY g.created_time`,
  );

  return {
    insert(row: Omit<GroupRow, 'avatar_version'>): void {
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
    update(token: string, change: GroupChange): GroupRow {
      update.run({
        token,
        name: change.name ?? null,
        replay_history: change.replay_history === undefined ? null : change.replay_history ? 1 : 0,
        avatar_type: change.avatar_type ?? null,
        avatar_changed: change.avatar_type === undefined ? 0 : 1,
      });
      return byToken.get(token)!;
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
