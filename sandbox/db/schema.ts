import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';

/**
 * Each entry moves the schema one version forward; `user_version` records how many ran, so a
 * data dir written by an older sandbox is upgraded in place and never rebuilt.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE organizations (
    token TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    max_ttl INTEGER,
    default_ttl INTEGER NOT NULL
  );
  CREATE TABLE accounts (
    token TEXT PRIMARY KEY,
    organization_key TEXT NOT NULL REFERENCES organizations(token),
    display_name TEXT NOT NULL,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    username TEXT UNIQUE,
    email TEXT UNIQUE,
    phone TEXT UNIQUE,
    password_hash TEXT,
    title TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    dnd INTEGER NOT NULL DEFAULT 0,
    dnd_text TEXT NOT NULL DEFAULT '',
    created_time INTEGER NOT NULL
  );
  CREATE TABLE sessions (
    key TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    account_token TEXT NOT NULL REFERENCES accounts(token),
    device_id TEXT NOT NULL,
    version TEXT NOT NULL,
    created_time INTEGER NOT NULL
  );
  CREATE INDEX sessions_by_account ON sessions(account_token);
  CREATE TABLE groups (
    token TEXT PRIMARY KEY,
    organization_key TEXT NOT NULL,
    name TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_time INTEGER NOT NULL,
    replay_history INTEGER NOT NULL,
    avatar_type TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE group_members (
    group_token TEXT NOT NULL REFERENCES groups(token),
    account_token TEXT NOT NULL REFERENCES accounts(token),
    joined_time INTEGER NOT NULL,
    PRIMARY KEY (group_token, account_token)
  );
  CREATE INDEX group_members_by_account ON group_members(account_token);
  CREATE TABLE messages (
    token TEXT PRIMARY KEY,
    sender_token TEXT NOT NULL,
    recipient_token TEXT NOT NULL,
    group_token TEXT,
    sender_organization TEXT NOT NULL,
    recipient_organization TEXT NOT NULL,
    body TEXT NOT NULL,
    created_time INTEGER NOT NULL,
    ttl INTEGER NOT NULL,
    expires_at INTEGER,
    dor INTEGER NOT NULL,
    priority INTEGER NOT NULL,
    data TEXT NOT NULL,
    attachment_type TEXT,
    attachment_size INTEGER,
    attachment_name TEXT,
    original_sender TEXT,
    original_timestamp INTEGER,
    is_recalled INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX messages_by_expiry ON messages(expires_at) WHERE expires_at IS NOT NULL;
  CREATE INDEX messages_by_group ON messages(group_token, created_time) WHERE group_token IS NOT NULL;
  CREATE INDEX messages_by_sender ON messages(sender_token, created_time);
  CREATE INDEX messages_by_recipient ON messages(recipient_token, created_time);
  CREATE TABLE message_statuses (
    message_token TEXT NOT NULL REFERENCES messages(token) ON DELETE CASCADE,
    account_token TEXT NOT NULL,
    status INTEGER NOT NULL,
    timestamp INTEGER NOT NULL,
    PRIMARY KEY (message_token, account_token)
  ) WITHOUT ROWID;
  CREATE TABLE hidden_messages (
    account_token TEXT NOT NULL,
    message_token TEXT NOT NULL REFERENCES messages(token) ON DELETE CASCADE,
    PRIMARY KEY (account_token, message_token)
  ) WITHOUT ROWID;
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    session_key TEXT NOT NULL,
    name TEXT NOT NULL,
    payload TEXT NOT NULL,
    message_token TEXT
  );
  CREATE INDEX events_by_session ON events(session_key, seq);
  CREATE INDEX events_by_message ON events(message_token) WHERE message_token IS NOT NULL;
  CREATE TABLE roster (
    account_token TEXT NOT NULL,
    entity_token TEXT NOT NULL,
    PRIMARY KEY (account_token, entity_token)
  );
  CREATE TABLE metadata (
    entity_token TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (entity_token, key)
  ) WITHOUT ROWID;
  `,
  // A new device's history is found through the person's status rows.
  `
  CREATE INDEX message_statuses_by_account ON message_statuses(account_token, message_token);
  CREATE INDEX roster_by_entity ON roster(entity_token);
  `,
  // Mutes ("Beyond the seed" in API.md): who the person does not want pushes from, and until when.
  `
  CREATE TABLE mutes (
    account_token TEXT NOT NULL REFERENCES accounts(token),
    sender_type TEXT NOT NULL CHECK (sender_type IN ('account', 'group', 'organization')),
    sender_token TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    mute_duration INTEGER NOT NULL,
    mute_start INTEGER NOT NULL,
    PRIMARY KEY (account_token, sender_type, sender_token, organization_id)
  ) WITHOUT ROWID;
  `,
  // Several organizations: who belongs where (an account's organization_key stays its home, the
  // first), the settings each organization serves, and a roster per organization.
  `
  CREATE TABLE organization_members (
    organization_key TEXT NOT NULL REFERENCES organizations(token),
    account_token TEXT NOT NULL REFERENCES accounts(token),
    PRIMARY KEY (organization_key, account_token)
  ) WITHOUT ROWID;
  CREATE INDEX organization_members_by_account ON organization_members(account_token);
  INSERT INTO organization_members (organization_key, account_token) SELECT organization_key, token FROM accounts;
  CREATE TABLE organization_settings (
    organization_key TEXT NOT NULL REFERENCES organizations(token),
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (organization_key, name)
  ) WITHOUT ROWID;
  CREATE TABLE roster_in_organization (
    account_token TEXT NOT NULL,
    entity_token TEXT NOT NULL,
    organization_key TEXT NOT NULL,
    PRIMARY KEY (account_token, organization_key, entity_token)
  );
  INSERT INTO roster_in_organization (account_token, entity_token, organization_key)
    SELECT roster.account_token, roster.entity_token, accounts.organization_key
    FROM roster JOIN accounts ON accounts.token = roster.account_token ORDER BY roster.rowid;
  DROP TABLE roster;
  ALTER TABLE roster_in_organization RENAME TO roster;
  CREATE INDEX roster_by_entity ON roster(entity_token);
  `,
  // Idempotent sends ("Beyond the seed" in API.md): the message each Request-ID of an account
  // stored, kept after the message itself expires so that a late repeat is still not stored again.
  `
  CREATE TABLE request_ids (
    account_token TEXT NOT NULL REFERENCES accounts(token),
    request_id TEXT NOT NULL,
    message_token TEXT NOT NULL,
    ttl INTEGER NOT NULL,
    PRIMARY KEY (account_token, request_id)
  ) WITHOUT ROWID;
  `,
  `
  ALTER TABLE groups ADD COLUMN avatar_version INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE accounts ADD COLUMN avatar_type TEXT;
  ALTER TABLE accounts ADD COLUMN avatar_version INTEGER NOT NULL DEFAULT 0;
  `,
  // Distribution lists ("Beyond the seed" in API.md): the people a list reaches, the people who
  // may send to it, and on each 1:1 copy of a message sent to one, the list it went through.
  `
  CREATE TABLE distribution_lists (
    token TEXT PRIMARY KEY,
    organization_key TEXT NOT NULL REFERENCES organizations(token),
    name TEXT NOT NULL,
    avatar TEXT,
    created_time INTEGER NOT NULL
  );
  CREATE TABLE distribution_list_members (
    list_token TEXT NOT NULL REFERENCES distribution_lists(token),
    account_token TEXT NOT NULL REFERENCES accounts(token),
    PRIMARY KEY (list_token, account_token)
  );
  CREATE TABLE distribution_list_holders (
    list_token TEXT NOT NULL REFERENCES distribution_lists(token),
    account_token TEXT NOT NULL REFERENCES accounts(token),
    PRIMARY KEY (list_token, account_token)
  );
  CREATE INDEX distribution_list_holders_by_account ON distribution_list_holders(account_token);
  ALTER TABLE messages ADD COLUMN distribution_list TEXT;
  `,
];

export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // A sandbox survives its own restarts (the OS holds what was written) but need not survive a
  // power cut: without syncing, a commit costs a third as much, and event fan-out is commit-bound.
  db.pragma('synchronous = OFF');
  // 64 MB of pages rather than 2: acknowledging a large replay deletes rows all over the
  // events indexes (keyed by random ids), and each miss is a read back from the file.
  db.pragma('cache_size = -65536');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
