import type { Statements } from './statements';

/** How an address is kept and looked for: emails and usernames are matched whatever their case. */
const normalized = (address: string) => address.trim().toLowerCase();

/**
 * The addresses (email, phone, username) each person was found by on the server, so that a
 * message to an address already resolved can be queued while the server cannot be reached.
 */
export class PersonAddresses {
  private readonly sql: Statements;
  private readonly now: () => number;

  constructor(sql: Statements, now: () => number) {
    this.sql = sql;
    this.now = now;
  }

  /** The server said `address` is this person; an address found again for someone else now names them. */
  remember(address: string, userToken: string): void {
    const key = normalized(address);
    if (key === '' || key === userToken) return;
    this.sql.prepare(
      `INSERT INTO person_addresses (address, user_token, found_at) VALUES (?, ?, ?)
       ON CONFLICT (address) DO UPDATE SET user_token = excluded.user_token, found_at = excluded.found_at`,
    ).run(key, userToken, this.now());
  }

  /** The person this address was last found to be, if it ever was here. */
  tokenOf(address: string): string | undefined {
    return this.sql.prepare<{ user_token: string }>('SELECT user_token FROM person_addresses WHERE address = ?').get(normalized(address))?.user_token;
  }
}
