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
  /** The content type of a picture the person uploaded; null: the drawn one (person-avatar.ts). */
  avatar_type: string | null;
  /** Raised at each change of the picture, so its address changes and no cache shows the old one. */
  avatar_version: number;
  created_time: number;
}

/** What a person may change of their own profile (API.md, "Own profile and DND"). */
export interface ProfileChange {
  first_name?: string;
  last_name?: string;
  display_name?: string;
  status?: string;
  dnd?: boolean;
  dnd_text?: string;
  /** A new picture's content type, or null to go back to the drawn one. */
  avatar_type?: string | null;
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

export interface OrganizationSettingRow {
  name: string;
  value: string;
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
  const setDefaultTtl = db.prepare('UPDATE organizations SET default_ttl = ? WHERE token = ?');
  const storedSettings = db.prepare<[string], OrganizationSettingRow>(
    'SELECT name, value FROM organization_settings WHERE organization_key = ?',
  );
  const storeSetting = db.prepare(
    `INSERT INTO organization_settings (organization_key, name, value) VALUES (?, ?, ?)
     ON CONFLICT (organization_key, name) DO UPDATE SET value = excluded.value`,
  );
  const addMember = db.prepare('INSERT OR IGNORE INTO organization_members (organization_key, account_token) VALUES (?, ?)');
  const isMember = db.prepare<[string, string], { n: number }>(
    'SELECT count(*) AS n FROM organization_members WHERE organization_key = ? AND account_token = ?',
  );
  const membersOf = db.prepare<[string], { account_token: string }>(
    'SELECT account_token FROM organization_members WHERE organization_key = ? ORDER BY account_token',
  );
  const memberCount = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM organization_members WHERE organization_key = ?',
  );
  // The home organization (the account's organization_key) first, then the others by name.
  const organizationsOf = db.prepare<[string], OrganizationRow>(
    `SELECT o.* FROM organization_members m JOIN organizations o ON o.token = m.organization_key
     JOIN accounts a ON a.token = m.account_token
     WHERE m.account_token = ? ORDER BY o.token <> a.organization_key, o.name, o.token`,
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
  const updateProfile = db.prepare(
    `UPDATE accounts SET first_name = coalesce(@first_name, first_name), last_name = coalesce(@last_name, last_name),
       display_name = coalesce(@display_name, display_name), status = coalesce(@status, status),
       dnd = coalesce(@dnd, dnd), dnd_text = coalesce(@dnd_text, dnd_text),
       avatar_type = CASE WHEN @avatar_changed = 1 THEN @avatar_type ELSE avatar_type END,
       avatar_version = avatar_version + @avatar_changed
     WHERE token = @token`,
  );
  const setPassword = db.prepare('UPDATE accounts SET password_hash = ? WHERE token = ?');

  return {
    /** True when the organization was made now, false when it was there already. */
    ensureOrganization(org: OrganizationRow): boolean {
      return insertOrg.run(org.token, org.name, org.max_ttl, org.default_ttl).changes > 0;
    },
    organization(token: string): OrganizationRow | undefined {
      return getOrg.get(token);
    },
    /** The settings stored for an organization (its `ttl` is `default_ttl`, not stored here). */
    storedSettings(organizationKey: string): OrganizationSettingRow[] {
      return storedSettings.all(organizationKey);
    },
    changeSettings(organizationKey: string, changes: { defaultTtl?: number; settings: readonly OrganizationSettingRow[] }): void {
      db.transaction(() => {
        if (changes.defaultTtl !== undefined) setDefaultTtl.run(changes.defaultTtl, organizationKey);
        for (const setting of changes.settings) storeSetting.run(organizationKey, setting.name, setting.value);
      })();
    },
    /** Adds an account to an organization (its home one is added when the account is created). */
    addMember(organizationKey: string, accountToken: string): void {
      addMember.run(organizationKey, accountToken);
    },
    isMember(accountToken: string, organizationKey: string): boolean {
      return isMember.get(organizationKey, accountToken)!.n > 0;
    },
    membersOf(organizationKey: string): string[] {
      return membersOf.all(organizationKey).map((row) => row.account_token);
    },
    memberCount(organizationKey: string): number {
      return memberCount.get(organizationKey)!.n;
    },
    /** The organizations an account belongs to, its home organization first. */
    organizationsOf(accountToken: string): OrganizationRow[] {
      return organizationsOf.all(accountToken);
    },
    create(account: NewAccount, now: number): AccountRow {
      const token = randomUUID();
      db.transaction(() => {
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
        addMember.run(account.organization_key, token);
      })();
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
    updateProfile(token: string, change: ProfileChange): AccountRow {
      updateProfile.run({
        token,
        first_name: change.first_name ?? null,
        last_name: change.last_name ?? null,
        display_name: change.display_name ?? null,
        status: change.status ?? null,
        dnd: change.dnd === undefined ? null : change.dnd ? 1 : 0,
        dnd_text: change.dnd_text ?? null,
        avatar_changed: change.avatar_type === undefined ? 0 : 1,
        avatar_type: change.avatar_type ?? null,
      });
      return byToken.get(token)!;
    },
    setPasswordHash(token: string, hash: string): void {
      setPassword.run(hash, token);
    },
  };
}
