import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface OrganizationRow {
  token: string;
  name: string;
  /** The longest time-to-live, in minutes, the organization allows; null: no limit. */
  max_ttl: number | null;
  default_ttl: number;
}

export interface AccountRow {
  token: string;
  organization_key: string;
  display_name: string;
  first_name: string;
  last_name: string;
  username: string | null;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  title: string;
  department: string;
  status: string;
  dnd: number;
  dnd_text: string;
  created_time: number;
}

export interface SessionRow {
  key: string;
  secret_hash: string;
  account_token: string;
  device_id: string;
  version: string;
  created_time: number;
}

export interface NewAccount {
  organization_key: string;
  display_name: string;
  first_name?: string;
  last_name?: string;
  username?: string | null;
  email?: string | null;
  phone?: string | null;
  password_hash?: string | null;
  title?: string;
  department?: string;
}

export type AccountStore = ReturnType<typeof createAccountStore>;

export function createAccountStore(db: Database) {
  const insertOrg = db.prepare(
    'INSERT OR IGNORE INTO organizations (token, name, max_ttl, default_ttl) VALUES (?, ?, ?, ?)',
  );
  const getOrg = db.prepare<[string], OrganizationRow>('SELECT * FROM organizations WHERE token = ?');
  const insertAccount = db.prepare(
    `INSERT INTO accounts (token, organization_key, display_name, first_name, last_name, username, email, phone,
       password_hash, title, department, created_time)
     VALUES (@token, @organization_key, @display_name, @first_name, @last_name, @username, @email, @phone,
       @password_hash, @title, @department, @created_time)`,
  );
  const byToken = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE token = ?');
  const everyone = db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY created_time, token');
  const byEmail = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE email = ?');
  const byPhone = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE phone = ?');
  const byUsername = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE username = ?');
  const insertSession = db.prepare(
    `INSERT INTO sessions (key, secret_hash, account_token, device_id, version, created_time)
     VALUES (@key, @secret_hash, @account_token, @device_id, @version, @created_time)`,
  );
  const sessionByKey = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE key = ?');
  const sessionKeysOf = db.prepare<[string], { key: string }>('SELECT key FROM sessions WHERE account_token = ?');
  const deleteSession = db.prepare('DELETE FROM sessions WHERE key = ?');

  return {
    ensureOrganization(org: OrganizationRow): void {
      insertOrg.run(org.token, org.name, org.max_ttl, org.default_ttl);
    },
    organization(token: string): OrganizationRow | undefined {
      return getOrg.get(token);
    },
    create(account: NewAccount, now: number): AccountRow {
      const token = randomUUID();
      insertAccount.run({
        token,
        organization_key: account.organization_key,
        display_name: account.display_name,
        first_name: account.first_name ?? '',
        last_name: account.last_name ?? '',
        username: account.username ?? null,
        email: account.email ?? null,
        phone: account.phone ?? null,
        password_hash: account.password_hash ?? null,
        title: account.title ?? '',
        department: account.department ?? '',
        created_time: now,
      });
      return byToken.get(token)!;
    },
    byToken(token: string): AccountRow | undefined {
      return byToken.get(token);
    },
    /** Every account, oldest first: the directory search reads them all (the sandbox holds few). */
    everyone(): AccountRow[] {
      return everyone.all();
    },
    byEmail(email: string): AccountRow | undefined {
      return byEmail.get(email.toLowerCase());
    },
    byPhone(phone: string): AccountRow | undefined {
      return byPhone.get(phone);
    },
    byUsername(username: string): AccountRow | undefined {
      return byUsername.get(username);
    },
    createSession(session: SessionRow): void {
      insertSession.run(session);
    },
    session(key: string): SessionRow | undefined {
      return sessionByKey.get(key);
    },
    sessionKeysOf(accountToken: string): string[] {
      return sessionKeysOf.all(accountToken).map((row) => row.key);
    },
    deleteSession(key: string): void {
      deleteSession.run(key);
    },
  };
}
