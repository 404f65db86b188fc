import type { Database } from 'better-sqlite3-multiple-ciphers';

export type MuteSenderType = 'account' | 'group' | 'organization';

/** One mute as `GET /mute` lists it: the duration in whole minutes, the start in unix seconds. */
export interface MuteRow {
  sender_type: MuteSenderType;
  sender_token: string;
  mute_duration: number;
  mute_start: number;
  organization_id: string;
}

export type MuteKey = Pick<MuteRow, 'sender_type' | 'sender_token' | 'organization_id'>;
export type MuteStore = ReturnType<typeof createMuteStore>;

/** A person's mutes; one that has run its course is as good as gone and is dropped when next read. */
export function createMuteStore(db: Database) {
  const upsert = db.prepare(
    `INSERT INTO mutes (account_token, sender_type, sender_token, organization_id, mute_duration, mute_start)
     VALUES (@account, @sender_type, @sender_token, @organization_id, @mute_duration, @mute_start)
     ON CONFLICT (account_token, sender_type, sender_token, organization_id)
     DO UPDATE SET mute_duration = excluded.mute_duration, mute_start = excluded.mute_start`,
  );
  const remove = db.prepare(
    'DELETE FROM mutes WHERE account_token = ? AND sender_type = ? AND sender_token = ? AND organization_id = ?',
  );
  const removeAll = db.prepare('DELETE FROM mutes WHERE account_token = ?');
  const removeEnded = db.prepare('DELETE FROM mutes WHERE account_token = ? AND mute_start + mute_duration * 60 <= ?');
  const list = db.prepare<[string], MuteRow>(
    `SELECT sender_type, sender_token, mute_duration, mute_start, organization_id
     FROM mutes WHERE account_token = ? ORDER BY mute_start, sender_type, sender_token`,
  );
  return {
    /** Starts (or restarts) a mute; returns the row as listed. */
    mute(account: string, key: MuteKey, durationMinutes: number, nowSeconds: number): MuteRow {
      const row: MuteRow = { ...key, mute_duration: durationMinutes, mute_start: nowSeconds };
      upsert.run({ account, ...row });
      return row;
    },
    /** Whether there was such a mute. */
    unmute(account: string, key: MuteKey): boolean {
      return remove.run(account, key.sender_type, key.sender_token, key.organization_id).changes > 0;
    },
    unmuteAll(account: string): number {
      return removeAll.run(account).changes;
    },
    /** The mutes still running at `nowSeconds`. */
    list(account: string, nowSeconds: number): MuteRow[] {
      removeEnded.run(account, nowSeconds);
      return list.all(account);
    },
  };
}
