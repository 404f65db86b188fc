import type { Statements } from './statements';

/** A distribution list this user may send to, as the server last described it. */
export interface HeldDistributionList {
  token: string;
  name: string;
  /** The server's count; null until it has been read. */
  totalMembers: number | null;
  avatar: string | null;
  organizationKey: string | null;
}

export class DistributionLists {
  private readonly sql: Statements;
  private readonly now: () => number;

  constructor(sql: Statements, now: () => number) {
    this.sql = sql;
    this.now = now;
  }

  /** Stores what the server said; what it left out (a roster entry has no count) stays as held. */
  upsert(list: { token: string; name: string; totalMembers?: number | null; avatar?: string | null; organizationKey?: string | null }): void {
    this.sql.prepare(
      `INSERT INTO distribution_lists (token, name, total_members, avatar, organization_key, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (token) DO UPDATE SET name = excluded.name, total_members = coalesce(excluded.total_members, total_members),
         avatar = coalesce(excluded.avatar, avatar), organization_key = coalesce(excluded.organization_key, organization_key),
         updated_at = excluded.updated_at`,
    ).run(list.token, list.name, list.totalMembers ?? null, list.avatar ?? null, list.organizationKey ?? null, this.now());
  }

  get(token: string): HeldDistributionList | undefined {
    return this.sql.prepare<HeldDistributionList>(
      `SELECT token, name, total_members AS totalMembers, avatar, organization_key AS organizationKey
       FROM distribution_lists WHERE token = ?`,
    ).get(token);
  }

  /** Whether a message to this token is a message to a list (the list's own conversation holds it). */
  has(token: string): boolean {
    return this.sql.prepare('SELECT 1 FROM distribution_lists WHERE token = ?').get(token) !== undefined;
  }

  /** Held no longer (taken off the roster): the conversation, if any, keeps its name. */
  remove(token: string): boolean {
    return this.sql.prepare('DELETE FROM distribution_lists WHERE token = ?').run(token).changes > 0;
  }
}
