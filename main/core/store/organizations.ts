import type { Statements } from './statements';

/** An organization this user belongs to, as the server last listed it. */
export interface HeldOrganization {
  token: string;
  name: string;
  members: number | null;
  /** The server's settings by name, as strings ("true", "1440"). */
  settings: Record<string, string>;
}

interface OrganizationRow {
  token: string;
  name: string;
  members: number | null;
  settings_json: string;
}

export class Organizations {
  private readonly sql: Statements;
  private readonly now: () => number;

  constructor(sql: Statements, now: () => number) {
    this.sql = sql;
    this.now = now;
  }

  /**
   * Replaces the list with the server's (call inside a transaction). Returns whether anything
   * the window shows or the app applies changed.
   */
  replaceAll(organizations: readonly { token: string; name: string; members?: number; settings: Record<string, string> }[]): boolean {
    const before = JSON.stringify(this.list());
    this.sql.prepare('DELETE FROM organizations').run();
    const insert = this.sql.prepare(
      'INSERT OR REPLACE INTO organizations (token, name, members, settings_json, position, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    organizations.forEach((organization, position) => {
      insert.run(organization.token, organization.name, organization.members ?? null, JSON.stringify(organization.settings), position, this.now());
    });
    return JSON.stringify(this.list()) !== before;
  }

  /** In the server's order; empty until the list was first read. */
  list(): HeldOrganization[] {
    return this.sql.prepare<OrganizationRow>('SELECT token, name, members, settings_json FROM organizations ORDER BY position')
      .all().map(toHeld);
  }

  byToken(token: string): HeldOrganization | undefined {
    const row = this.sql.prepare<OrganizationRow>('SELECT token, name, members, settings_json FROM organizations WHERE token = ?').get(token);
    return row === undefined ? undefined : toHeld(row);
  }
}

function toHeld(row: OrganizationRow): HeldOrganization {
  return { token: row.token, name: row.name, members: row.members, settings: readSettings(row.settings_json) };
}

/** Written by replaceAll only; a damaged value reads as no settings (the defaults apply). */
function readSettings(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}
