import type { Statements } from './statements';

export type MuteKind = 'user' | 'group' | 'organization';

/** A mute as held here: times in ms since the epoch; it ends by itself at `endsAt`. */
export interface HeldMute {
  kind: MuteKind;
  /** The person's or group's token, or the organization's. */
  token: string;
  /** The organization the user muted them in; null: every organization (a mute that named none). */
  organizationKey: string | null;
  startedAt: number;
  endsAt: number;
}

/** What tells one mute from another: who is muted, and where. */
export type MuteKey = Pick<HeldMute, 'kind' | 'token' | 'organizationKey'>;

const columns = "kind, token, nullif(organization_key, '') AS organizationKey, started_at AS startedAt, ends_at AS endsAt";
/** The column's value for a mute in every organization (a key column cannot be NULL). */
const scopeOf = (organizationKey: string | null) => organizationKey ?? '';

/**
 * The mutes this user has, mirrored from the server (table mutes), and which conversations
 * each one covers: a person's or group's mute their conversation in its organization, an
 * organization's every conversation in that organization.
 */
export class Mutes {
  private readonly sql: Statements;

  constructor(sql: Statements) {
    this.sql = sql;
  }

  all(): HeldMute[] {
    return this.sql.prepare<HeldMute>(`SELECT ${columns} FROM mutes ORDER BY kind, token, organization_key`).all();
  }

  /** Starts or replaces a mute; returns whether anything changed. */
  set(mute: HeldMute): boolean {
    return this.sql.prepare(
      `INSERT INTO mutes (kind, token, organization_key, started_at, ends_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind, token, organization_key) DO UPDATE SET started_at = excluded.started_at, ends_at = excluded.ends_at
       WHERE started_at <> excluded.started_at OR ends_at <> excluded.ends_at`,
    ).run(mute.kind, mute.token, scopeOf(mute.organizationKey), mute.startedAt, mute.endsAt).changes > 0;
  }

  /** Returns whether there was such a mute. */
  remove(key: MuteKey): boolean {
    return this.sql.prepare('DELETE FROM mutes WHERE kind = ? AND token = ? AND organization_key = ?')
      .run(key.kind, key.token, scopeOf(key.organizationKey)).changes > 0;
  }

  /** The mutes whose time is up at `now`, taken out; returned so that their conversations can be told. */
  removeEnded(now: number): HeldMute[] {
    const ended = this.sql.prepare<HeldMute>(`SELECT ${columns} FROM mutes WHERE ends_at <= ?`).all(now);
    this.sql.prepare('DELETE FROM mutes WHERE ends_at <= ?').run(now);
    return ended;
  }

  /** When the next mute ends, or null when none is held. */
  nextEnd(): number | null {
    return this.sql.prepare<{ at: number | null }>('SELECT min(ends_at) AS at FROM mutes').get()?.at ?? null;
  }

  /** The ids of the conversations held here that a mute covers (see coveringSql). */
  conversationsOf(mute: MuteKey): string[] {
    if (mute.kind === 'organization') {
      return this.sql.prepare<{ id: string }>('SELECT id FROM conversations WHERE organization_key = ?').all(mute.token).map((row) => row.id);
    }
    const scope = scopeOf(mute.organizationKey);
    return this.sql.prepare<{ id: string }>(
      "SELECT id FROM conversations WHERE kind = ? AND peer_token = ? AND (? = '' OR organization_key IS NULL OR organization_key = ?) ORDER BY id",
    ).all(mute.kind, mute.token, scope, scope).map((row) => row.id);
  }
}

/**
 * The mutes covering a conversation row aliased `conversation`: its counterparty's in its
 * organization (a conversation not yet placed in one is taken to be in any), or its organization's.
 */
const coveringSql = (conversation: string) =>
  `((mu.kind = ${conversation}.kind AND mu.token = ${conversation}.peer_token
       AND (mu.organization_key = '' OR ${conversation}.organization_key IS NULL OR mu.organization_key = ${conversation}.organization_key))
     OR (mu.kind = 'organization' AND mu.token = ${conversation}.organization_key))`;

/** Whether a mute covering the conversation runs at `now`, as SQL over a conversation row. */
export const mutedAtSql = (conversation: string, now: string) =>
  `EXISTS (SELECT 1 FROM mutes mu WHERE mu.ends_at > ${now} AND ${coveringSql(conversation)})`;

/** When the latest mute covering the conversation ends (null: not muted), as SQL over a conversation row. */
export const mutedUntilSql = (conversation: string) =>
  `(SELECT max(mu.ends_at) FROM mutes mu WHERE ${coveringSql(conversation)})`;
