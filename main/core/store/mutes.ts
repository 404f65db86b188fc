import type { Statements } from './statements';

export type MuteKind = 'user' | 'group' | 'organization';

/** A mute as held here: times in ms since the epoch; it ends by itself at `endsAt`. */
export interface HeldMute {
  kind: MuteKind;
  /** The person's or group's token (the conversation's id), or the organization's. */
  token: string;
  organizationKey: string | null;
  startedAt: number;
  endsAt: number;
}

const columns = 'kind, token, organization_key AS organizationKey, started_at AS startedAt, ends_at AS endsAt';

/**
 * The mutes this user has, mirrored from the server (table mutes), and which conversations
 * each one covers: a person's or group's mute its own conversation, an organization's every
 * conversation in that organization.
 */
export class Mutes {
  private readonly sql: Statements;

  constructor(sql: Statements) {
    this.sql = sql;
  }

  all(): HeldMute[] {
    return this.sql.prepare<HeldMute>(`SELECT ${columns} FROM mutes ORDER BY kind, token`).all();
  }

  /** Starts or replaces a mute; returns whether anything changed. */
  set(mute: HeldMute): boolean {
    return this.sql.prepare(
      `INSERT INTO mutes (kind, token, organization_key, started_at, ends_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind, token) DO UPDATE SET organization_key = excluded.organization_key,
         started_at = excluded.started_at, ends_at = excluded.ends_at
       WHERE organization_key IS NOT excluded.organization_key OR started_at <> excluded.started_at OR ends_at <> excluded.ends_at`,
    ).run(mute.kind, mute.token, mute.organizationKey, mute.startedAt, mute.endsAt).changes > 0;
  }

  /** Returns whether there was such a mute. */
  remove(kind: MuteKind, token: string): boolean {
    return this.sql.prepare('DELETE FROM mutes WHERE kind = ? AND token = ?').run(kind, token).changes > 0;
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

  /** The conversation ids a mute covers (an organization's: those held here in that organization). */
  conversationsOf(mute: Pick<HeldMute, 'kind' | 'token'>): string[] {
    if (mute.kind !== 'organization') return [mute.token];
    return this.sql.prepare<{ id: string }>('SELECT id FROM conversations WHERE organization_key = ?').all(mute.token).map((row) => row.id);
  }
}

/** Whether a mute covering the conversation runs at `now`, as SQL over a conversation row aliased `c`. */
export const mutedAtSql = (conversation: string, now: string) =>
  `EXISTS (SELECT 1 FROM mutes mu WHERE mu.ends_at > ${now} AND ((mu.kind = ${conversation}.kind AND mu.token = ${conversation}.peer_token)
     OR (mu.kind = 'organization' AND mu.token = ${conversation}.organization_key)))`;

/** When the latest mute covering the conversation ends (null: not muted), as SQL over a conversation row aliased `c`. */
export const mutedUntilSql = (conversation: string) =>
  `(SELECT max(mu.ends_at) FROM mutes mu WHERE (mu.kind = ${conversation}.kind AND mu.token = ${conversation}.peer_token)
     OR (mu.kind = 'organization' AND mu.token = ${conversation}.organization_key))`;
