import { knownNameSql } from './display-name';
import type { Statements } from './statements';

export interface UserInput {
  token: string;
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  username?: string | null;
  avatar?: string | null;
  title?: string | null;
  department?: string | null;
  status?: string | null;
  dnd?: boolean;
  dndText?: string | null;
  organizationKey?: string | null;
}

export interface User extends Required<UserInput> {
  presence: 'available' | 'unavailable' | 'unknown';
  updatedAt: number;
}

export interface GroupInput {
  token: string;
  name: string;
  avatar?: string | null;
  createdBy?: string | null;
  createdTime?: number | null;
  replayHistory?: boolean;
  numMembers?: number | null;
  organizationKey?: string | null;
}

/** A group as held: what its card shows before the server is asked. */
export interface HeldGroup {
  token: string;
  name: string;
  avatar: string | null;
}

/** Users, groups and group membership, as the server last described them. */
export class People {
  private readonly sql: Statements;
  private readonly now: () => number;

  constructor(sql: Statements, now: () => number) {
    this.sql = sql;
    this.now = now;
  }

  /** Fields left out keep their stored value: update events carry only what changed. */
  upsertUser(user: UserInput): void {
    this.sql.prepare(
      `INSERT INTO users (token, display_name, first_name, last_name, username, avatar, title, department,
         status, dnd, dnd_text, organization_key, updated_at)
       VALUES (@token, @displayName, @firstName, @lastName, @username, @avatar, @title, @department,
         @status, coalesce(@dnd, 0), @dndText, @organizationKey, @now)
       ON CONFLICT (token) DO UPDATE SET
         display_name = coalesce(@displayName, display_name), first_name = coalesce(@firstName, first_name),
         last_name = coalesce(@lastName, last_name), username = coalesce(@username, username),
         avatar = coalesce(@avatar, avatar), title = coalesce(@title, title),
         department = coalesce(@department, department), status = coalesce(@status, status),
         dnd = coalesce(@dnd, dnd), dnd_text = coalesce(@dndText, dnd_text),
         organization_key = coalesce(@organizationKey, organization_key), updated_at = @now`,
    ).run({
      token: user.token,
      displayName: user.displayName ?? null,
      firstName: user.firstName ?? null,
      lastName: user.lastName ?? null,
      username: user.username ?? null,
      avatar: user.avatar ?? null,
      title: user.title ?? null,
      department: user.department ?? null,
      status: user.status ?? null,
      dnd: user.dnd === undefined ? null : user.dnd ? 1 : 0,
      dndText: user.dndText ?? null,
      organizationKey: user.organizationKey ?? null,
      now: this.now(),
    });
  }

  user(token: string): User | undefined {
    const row = this.sql.prepare<Omit<User, 'dnd'> & { dnd: number }>(
      `SELECT token, display_name AS displayName, first_name AS firstName, last_name AS lastName, username, avatar,
         title, department, status, dnd, dnd_text AS dndText, organization_key AS organizationKey, presence,
         updated_at AS updatedAt
       FROM users WHERE token = ?`,
    ).get(token);
    return row === undefined ? undefined : { ...row, dnd: row.dnd === 1 };
  }

  /**
   * People held (except `except`) whose name, first or last name or username contains
   * `fragment`, any case: the candidates a finer match (directory search) picks from.
   */
  containing(fragment: string, options: { except: string; limit: number }): User[] {
    const pattern = containingPattern(fragment);
    return this.sql.prepare<Omit<User, 'dnd'> & { dnd: number }>(
      `SELECT token, display_name AS displayName, first_name AS firstName, last_name AS lastName, username, avatar,
         title, department, status, dnd, dnd_text AS dndText, organization_key AS organizationKey, presence,
         updated_at AS updatedAt
       FROM users u
       WHERE u.token != @except AND ${knownNameSql('u')} IS NOT NULL
         AND (u.display_name LIKE @pattern ESCAPE '\\' OR u.first_name LIKE @pattern ESCAPE '\\'
           OR u.last_name LIKE @pattern ESCAPE '\\' OR u.username LIKE @pattern ESCAPE '\\')
       ORDER BY ${knownNameSql('u')} COLLATE NOCASE, token
       LIMIT @limit`,
    ).all({ pattern, except: options.except, limit: options.limit }).map((row) => ({ ...row, dnd: row.dnd === 1 }));
  }

  /** Groups held whose conversation is on the roster and whose name contains `fragment`, any case. */
  groupsContaining(fragment: string, options: { limit: number }): (HeldGroup & { numMembers: number | null; organizationKey: string | null })[] {
    const pattern = containingPattern(fragment);
    return this.sql.prepare<HeldGroup & { numMembers: number | null; organizationKey: string | null }>(
      `SELECT g.token, g.name, g.avatar, g.num_members AS numMembers, coalesce(g.organization_key, c.organization_key) AS organizationKey
       FROM groups g JOIN conversations c ON c.id = g.token AND c.kind = 'group' AND c.hidden = 0
       WHERE g.name LIKE @pattern ESCAPE '\\'
       ORDER BY g.name COLLATE NOCASE, g.token
       LIMIT @limit`,
    ).all({ pattern, limit: options.limit });
  }

  setPresence(token: string, presence: 'available' | 'unavailable'): void {
    this.sql.prepare(
      `INSERT INTO users (token, presence, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (token) DO UPDATE SET presence = excluded.presence`,
    ).run(token, presence, this.now());
  }

  upsertGroup(group: GroupInput): void {
    this.sql.prepare(
      `INSERT INTO groups (token, name, avatar, created_by, created_time, replay_history, num_members, organization_key, updated_at)
       VALUES (@token, @name, @avatar, @createdBy, @createdTime, coalesce(@replayHistory, 0), @numMembers, @organizationKey, @now)
       ON CONFLICT (token) DO UPDATE SET name = @name, avatar = coalesce(@avatar, avatar),
         created_by = coalesce(@createdBy, created_by), created_time = coalesce(@createdTime, created_time),
         replay_history = coalesce(@replayHistory, replay_history), num_members = coalesce(@numMembers, num_members),
         organization_key = coalesce(@organizationKey, organization_key), updated_at = @now`,
    ).run({
      token: group.token,
      name: group.name,
      avatar: group.avatar ?? null,
      createdBy: group.createdBy ?? null,
      createdTime: group.createdTime ?? null,
      replayHistory: group.replayHistory === undefined ? null : group.replayHistory ? 1 : 0,
      numMembers: group.numMembers ?? null,
      organizationKey: group.organizationKey ?? null,
      now: this.now(),
    });
  }

  group(token: string): HeldGroup | undefined {
    return this.sql.prepare<HeldGroup>('SELECT token, name, avatar FROM groups WHERE token = ?').get(token);
  }

  /** The group must be stored first. Returns how many were not members yet. */
  addMembers(groupToken: string, userTokens: readonly string[]): number {
    const insert = this.sql.prepare('INSERT OR IGNORE INTO group_members (group_token, user_token) VALUES (?, ?)');
    return userTokens.reduce((added, user) => added + insert.run(groupToken, user).changes, 0);
  }

  /** Returns how many were members. */
  removeMembers(groupToken: string, userTokens: readonly string[]): number {
    const remove = this.sql.prepare('DELETE FROM group_members WHERE group_token = ? AND user_token = ?');
    return userTokens.reduce((removed, user) => removed + remove.run(groupToken, user).changes, 0);
  }

  members(groupToken: string): string[] {
    return this.sql.prepare<{ user_token: string }>('SELECT user_token FROM group_members WHERE group_token = ? ORDER BY user_token')
      .all(groupToken).map((row) => row.user_token);
  }
}

/** A LIKE pattern for text containing `fragment`, its wildcards taken literally (ESCAPE '\\'). */
function containingPattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
