import type Database from 'better-sqlite3-multiple-ciphers';
import { recogniseReason } from './reason-recognition';
import { storedText } from './stored-text';

/**
 * The schema, as an ordered list of steps; `PRAGMA user_version` records the last step
 * applied. Steps are only ever appended: a released step is never edited.
 *
 * One database per account, so no table carries an account id. Times are integers,
 * milliseconds since the epoch (UTC). Booleans are 0/1 integers.
 */
export interface Migration {
  version: number;
  sql: string;
  /**
   * The step rebuilds a table others refer to (SQLite cannot change a CHECK in place): it runs
   * with foreign keys unenforced, and every reference is checked before it commits.
   */
  rebuildsTables?: boolean;
  /** What SQL alone cannot do (reading stored sentences): run after `sql`, in the same transaction. */
  run?: (db: Database.Database) => void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    sql: `
-- People, as the server last described them (user events, lookups, roster).
CREATE TABLE users (
  token TEXT PRIMARY KEY,
  display_name TEXT,
  first_name TEXT,
  last_name TEXT,
  username TEXT,
  avatar TEXT,               -- URL as given by the server
  title TEXT,
  department TEXT,
  status TEXT,               -- the user's free-text status
  dnd INTEGER NOT NULL DEFAULT 0,
  dnd_text TEXT,
  organization_key TEXT,
  presence TEXT NOT NULL DEFAULT 'unknown' CHECK (presence IN ('available', 'unavailable', 'unknown')),
  updated_at INTEGER NOT NULL
);

CREATE TABLE groups (
  token TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  avatar TEXT,
  created_by TEXT,
  created_time INTEGER,
  replay_history INTEGER NOT NULL DEFAULT 0,
  num_members INTEGER,       -- the server's count; members below may be incomplete
  organization_key TEXT,
  updated_at INTEGER NOT NULL
);

CREATE TABLE group_members (
  group_token TEXT NOT NULL REFERENCES groups(token) ON DELETE CASCADE,
  user_token TEXT NOT NULL,
  PRIMARY KEY (group_token, user_token)
) WITHOUT ROWID;
CREATE INDEX group_members_by_user ON group_members(user_token);

-- One row per roster entry: id is the peer's user token or the group token.
-- Unread counts are not stored: they are counted from messages (see messages_unread).
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('user', 'group')),
  name TEXT,                 -- display name cache, so the roster needs no join
  organization_key TEXT,
  last_activity INTEGER NOT NULL DEFAULT 0,
  muted INTEGER NOT NULL DEFAULT 0,
  hidden INTEGER NOT NULL DEFAULT 0  -- removed from the roster by the user; reappears on a new message
);
CREATE INDEX conversations_by_activity ON conversations(hidden, last_activity DESC, id);

-- Messages held locally. id is local and stable (the FTS rowid); token is the server's
-- message id, NULL until the send is accepted; client_id is our own id for messages we
-- sent (also sent in data as 'tigerdesk:client-id'), so a resend is recognised.
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  token TEXT UNIQUE,
  client_id TEXT UNIQUE,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  sender_token TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  created_time INTEGER NOT NULL,
  ttl_minutes INTEGER,       -- NULL or -1: never expires
  expires_at INTEGER,        -- created_time + ttl; NULL: never
  dor INTEGER NOT NULL DEFAULT 0,          -- delete on read
  priority INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (-1, 0, 1)),
  status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'read', 'failed')),
  failure_reason TEXT,
  is_recalled INTEGER NOT NULL DEFAULT 0,  -- body and attachments are blanked on recall
  original_sender TEXT,      -- forwards
  original_timestamp INTEGER,
  data_json TEXT,            -- the message's data array, as JSON
  read_at INTEGER            -- incoming: when this user read it
);
CREATE INDEX messages_by_conversation ON messages(conversation_id, created_time, id);
CREATE INDEX messages_by_expiry ON messages(expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX messages_unread ON messages(conversation_id, priority)
  WHERE direction = 'in' AND read_at IS NULL AND is_recalled = 0;

-- What each recipient's device said about a message we sent (groups have many).
CREATE TABLE message_recipient_status (
  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  account_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sent', 'delivered', 'read')),
  timestamp INTEGER NOT NULL,
  PRIMARY KEY (message_id, account_id)
) WITHOUT ROWID;

-- Attachments of a message; cache_file is the random name of the encrypted cached copy.
CREATE TABLE attachments (
  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  position INTEGER NOT NULL, -- 1-based, as in /message/{token}/attachment/{n}
  attachment_id TEXT,
  name TEXT,
  content_type TEXT,
  size INTEGER,
  cache_file TEXT UNIQUE,
  cached_at INTEGER,
  PRIMARY KEY (message_id, position)
) WITHOUT ROWID;

-- Work for the outbox (sending, retries); message_id is the local message it sends.
CREATE TABLE outbox_jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  message_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
  payload_json TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  last_error TEXT
);
CREATE INDEX outbox_jobs_due ON outbox_jobs(state, next_attempt_at);
CREATE INDEX outbox_jobs_by_conversation ON outbox_jobs(conversation_id, id);

CREATE TABLE drafts (
  conversation_id TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value_json TEXT NOT NULL
);

-- Full-text index of message bodies. External content: the text lives once, in messages;
-- the standard triggers keep the index in step. Recalled messages are blanked, erased ones
-- deleted, so neither can be found.
CREATE VIRTUAL TABLE messages_fts USING fts5(
  body, content = 'messages', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
END;
`,
  },
  {
    version: 2,
    sql: `
-- Another person's message carries the client id their app gave it (data namespace
-- 'tigerdesk:client-id'). The server may hold two copies of one send (a resend it had in
-- fact accepted): matched on (sender, conversation, their client id), they are stored as
-- one message. Kept apart from client_id, which only our own sends fill: a sender cannot
-- collide with those, nor with another sender's ids, nor merge messages to two conversations.
ALTER TABLE messages ADD COLUMN sender_client_id TEXT;
CREATE UNIQUE INDEX messages_by_sender_client_id ON messages(sender_token, conversation_id, sender_client_id)
  WHERE sender_client_id IS NOT NULL;

-- The server tokens of further copies of a message held once: a status or recall addressed
-- to any copy reaches the one row.
CREATE TABLE message_aliases (
  token TEXT PRIMARY KEY,
  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX message_aliases_by_message ON message_aliases(message_id);
`,
  },
  {
    version: 3,
    sql: `
-- The receipts owed to the server, one row each, written in the transaction that stores or
-- reads the message (they were one JSON value in settings, rewritten whole on every batch).
-- A Read receipt replaces the Delivered one of the same message. id keeps the order owed.
CREATE TABLE pending_receipts (
  id INTEGER PRIMARY KEY,
  message_token TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('delivered', 'read')),
  created_at INTEGER NOT NULL,
  UNIQUE (message_token, kind)
);
CREATE INDEX pending_receipts_by_kind ON pending_receipts(kind, id);

-- What the old setting still owed moves over, Read first; a value not in its shape owes nothing.
INSERT OR IGNORE INTO pending_receipts (message_token, kind, created_at)
  SELECT value, 'read', 0 FROM json_each(
    (SELECT value_json FROM settings WHERE key = 'sync.pending-receipts' AND json_valid(value_json)), '$.read')
  WHERE type = 'text' AND typeof(key) = 'integer' AND value <> '';
INSERT OR IGNORE INTO pending_receipts (message_token, kind, created_at)
  SELECT value, 'delivered', 0 FROM json_each(
    (SELECT value_json FROM settings WHERE key = 'sync.pending-receipts' AND json_valid(value_json)), '$.delivered')
  WHERE type = 'text' AND typeof(key) = 'integer' AND value <> ''
    AND value NOT IN (SELECT message_token FROM pending_receipts WHERE kind = 'read');
DELETE FROM settings WHERE key = 'sync.pending-receipts';
`,
  },
  {
    version: 4,
    sql: `
-- Indexing a body for search is taken out of the transaction that stores the message: an
-- FTS5 insert writes a new index segment on every commit and merges them as they pile up,
-- which cost as much as everything else a replayed batch does. New and edited bodies wait
-- here; the indexer adds them in large runs when sync is idle, and a search adds any still
-- waiting before it looks, so every message held can always be found. A row still waiting
-- was never indexed, so its delete or edit must not be taken out of the index.
CREATE TABLE search_pending (
  message_id INTEGER PRIMARY KEY
);
DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_delete;
DROP TRIGGER messages_fts_update;
CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
  INSERT OR IGNORE INTO search_pending (message_id) VALUES (new.id);
END;
CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, body)
    SELECT 'delete', old.id, old.body WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE message_id = old.id);
  DELETE FROM search_pending WHERE message_id = old.id;
END;
CREATE TRIGGER messages_search_update AFTER UPDATE OF body ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, body)
    SELECT 'delete', old.id, old.body WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE message_id = old.id);
  INSERT OR IGNORE INTO search_pending (message_id) VALUES (new.id);
END;
`,
  },
  {
    version: 5,
    sql: `
-- The receipts owed, keyed by the local message id instead of the server token: ids grow with
-- each message stored, so owing a replay's receipts and settling them appends to and trims
-- the ends of the indexes, where the random tokens touched (and re-encrypted) pages all over
-- a large backlog's index on every commit. The token stays in the row: it is what is sent.
-- message_id is NULL for a receipt whose message is not held (erased, or never stored here):
-- erasing a message keeps the receipts owed for it (SET NULL, not CASCADE), and a later
-- message given the same id cannot collide with them.
CREATE TABLE pending_receipts_by_message (
  id INTEGER PRIMARY KEY,
  message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
  message_token TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('delivered', 'read')),
  created_at INTEGER NOT NULL,
  UNIQUE (message_id, kind)
);

-- Everything owed is kept, in the order owed. Only a message's own token is matched: a further
-- copy's (alias) receipt was never merged with its message's before, and would collide here.
INSERT INTO pending_receipts_by_message (id, message_id, message_token, kind, created_at)
  SELECT r.id, (SELECT m.id FROM messages m WHERE m.token = r.message_token), r.message_token, r.kind, r.created_at
  FROM pending_receipts r ORDER BY r.id;
DROP TABLE pending_receipts;
ALTER TABLE pending_receipts_by_message RENAME TO pending_receipts;
CREATE INDEX pending_receipts_by_kind ON pending_receipts(kind, id);
`,
  },
  {
    version: 6,
    sql: `
-- Deleted means gone (issue 12): an erased body must not be recoverable from the files even
-- with the key. By default FTS5 deletes by appending a tombstone, so an erased message's words
-- stay in the older index segment until a merge happens to reach it; secure-delete takes them
-- out of the segment at once (the setting is kept in the index's own config table). The index
-- is then merged whole, once, so the words of messages erased before this step go too; the
-- pages that frees are zeroed because the store sets PRAGMA secure_delete before migrating.
INSERT INTO messages_fts (messages_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO messages_fts (messages_fts) VALUES ('optimize');
`,
  },
  {
    version: 7,
    sql: `
-- Deleted means gone, for what was erased before secure_delete: the free pages of a database
-- written by an earlier version may still hold erased bodies. The store rewrites the whole
-- file once after opening (VACUUM cannot run inside this transaction); the request stays
-- until a rewrite succeeds.
INSERT OR REPLACE INTO settings (key, value_json) VALUES ('store.rewrite-requested', 'true');
`,
  },
  {
    version: 8,
    sql: `
-- Urgent messages alert until they are read (issue 13): how often each one has alerted and
-- when last, so that a restart goes on with its schedule rather than starting it over or
-- forgetting it. Which messages are pending is not stored here: an unread, incoming,
-- high-priority message that is neither recalled nor expired is pending. An erased message
-- takes its row with it.
CREATE TABLE urgent_alerts (
  message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  alerts_sent INTEGER NOT NULL CHECK (alerts_sent >= 0),
  last_alert_at INTEGER NOT NULL
);
-- Asked after every change set: only the pending urgent messages are in it, however large the history.
CREATE INDEX messages_urgent_unread ON messages(created_time, id)
  WHERE direction = 'in' AND priority = 1 AND read_at IS NULL AND is_recalled = 0;
`,
  },
  {
    version: 9,
    sql: `
-- Mutes follow the user (issue 13): the server's list (GET /mute, conversation_mute events)
-- mirrored here, and a mute made here shown at once while its job waits in the outbox. Keyed
-- as the server keys them: a person's or group's token, or a whole organization's. A mute
-- ends by itself at ends_at; the mute timer takes the row out then. Not tied to the
-- conversations table: a mute may name someone with no conversation here yet.
CREATE TABLE mutes (
  kind TEXT NOT NULL CHECK (kind IN ('user', 'group', 'organization')),
  token TEXT NOT NULL,
  organization_key TEXT,
  started_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  PRIMARY KEY (kind, token)
) WITHOUT ROWID;
CREATE INDEX mutes_by_end ON mutes(ends_at);

-- What this computer alone keeps of a conversation: pinned to the top of the roster (pinned_at
-- NULL: not pinned) and whether its urgent messages still alert while it is muted (default yes).
CREATE TABLE conversation_preferences (
  conversation_id TEXT PRIMARY KEY,
  pinned_at INTEGER,
  urgent_when_muted INTEGER NOT NULL DEFAULT 1 CHECK (urgent_when_muted IN (0, 1))
);
`,
  },
  {
    version: 10,
    sql: `
-- Several organizations (issue 14). A conversation is (kind, counterparty, organization): the
-- same two people in two organizations have two conversations. The id stays the key every
-- other table uses; peer_token is the counterparty (a person's or group's token) and
-- organization_key the organization it is held in. Rows written before this step belong to
-- the account's one organization: the store fills organization_key from it when the account
-- opens (the SQL here cannot know it), and their ids, the peer's token, stay as they are.
ALTER TABLE conversations ADD COLUMN peer_token TEXT;
UPDATE conversations SET peer_token = id;
CREATE INDEX conversations_by_peer ON conversations(peer_token);

-- The organization each message was sent in, from now on; NULL for older rows (their
-- conversation's).
ALTER TABLE messages ADD COLUMN organization_key TEXT;

-- The organizations this user belongs to, as the server last listed them, in its order.
-- settings_json holds the server's settings as an object of name -> string value.
CREATE TABLE organizations (
  token TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  members INTEGER,
  settings_json TEXT NOT NULL,
  position INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
  },
  {
    version: 11,
    rebuildsTables: true,
    sql: `
-- Distribution lists (issue 14): a conversation may be with a list, which a message goes to
-- and each member receives 1:1. The kind's CHECK gains 'list'; SQLite changes a CHECK only by
-- rebuilding the table, with every column, row and index as it was.
CREATE TABLE conversations_rebuilt (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('user', 'group', 'list')),
  name TEXT,
  organization_key TEXT,
  last_activity INTEGER NOT NULL DEFAULT 0,
  muted INTEGER NOT NULL DEFAULT 0,
  hidden INTEGER NOT NULL DEFAULT 0,
  peer_token TEXT
);
INSERT INTO conversations_rebuilt (id, kind, name, organization_key, last_activity, muted, hidden, peer_token)
  SELECT id, kind, name, organization_key, last_activity, muted, hidden, peer_token FROM conversations;
DROP TABLE conversations;
ALTER TABLE conversations_rebuilt RENAME TO conversations;
CREATE INDEX conversations_by_activity ON conversations(hidden, last_activity DESC, id);
CREATE INDEX conversations_by_peer ON conversations(peer_token);

-- The distribution lists this user may send to, as the server last described them.
CREATE TABLE distribution_lists (
  token TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  total_members INTEGER,
  avatar TEXT,
  organization_key TEXT,
  updated_at INTEGER NOT NULL
);
`,
  },
  {
    version: 12,
    sql: `
-- Mutes per organization (issue 14): the server keys a mute by who is muted and the
-- organization the user mutes them in, so the same person muted in one organization still
-- alerts in another. A mute written before naming no organization keeps '' and covers every
-- organization, as it did.
CREATE TABLE mutes_by_organization (
  kind TEXT NOT NULL CHECK (kind IN ('user', 'group', 'organization')),
  token TEXT NOT NULL,
  organization_key TEXT NOT NULL DEFAULT '',
  started_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  PRIMARY KEY (kind, token, organization_key)
) WITHOUT ROWID;
INSERT INTO mutes_by_organization (kind, token, organization_key, started_at, ends_at)
  SELECT kind, token, coalesce(organization_key, ''), started_at, ends_at FROM mutes;
DROP TABLE mutes;
ALTER TABLE mutes_by_organization RENAME TO mutes;
CREATE INDEX mutes_by_end ON mutes(ends_at);
`,
  },
  {
    version: 13,
    sql: `
-- The addresses each person was found by (issue 15): an email, phone or username the server
-- resolved, kept lower-cased, so that a message to it can be queued while the server is out of
-- reach instead of being refused as not looked up.
CREATE TABLE person_addresses (
  address TEXT PRIMARY KEY,
  user_token TEXT NOT NULL,
  found_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
  },
  {
    version: 14,
    // Failure reasons (issue 15): what main says is stored as a UserText, a catalog key and its
    // parameters in JSON text, so that the window words it in the language read at the time.
    // The English sentences stored before are read back as the message they are (or, when not
    // one the code produced, kept as they are): see storedReasonsAsUserText.
    sql: '',
    run: storedReasonsAsUserText,
  },
  {
    version: 15,
    sql: `
-- The roster of a year (issue 16): each conversation's newest message, as the roster shows it,
-- kept beside the conversation. Finding it in messages took a probe of messages_by_conversation
-- and a read of the row for every conversation: with 20,000 conversations over 500,000
-- messages, some 40,000 pages all over the file, each read and decrypted, at every start. Here
-- they are a few hundred pages. Triggers keep it: a newer message replaces it, a change to the
-- one held is copied, and erasing or moving it takes the next newest (what a delete or an edit
-- leaves of a body is overwritten, as secure_delete and FTS5 secure-delete do elsewhere).
CREATE TABLE conversation_last_message (
  conversation_id TEXT PRIMARY KEY,
  message_id INTEGER NOT NULL,
  created_time INTEGER NOT NULL,
  sender_token TEXT NOT NULL,
  direction TEXT NOT NULL,
  body TEXT NOT NULL,
  priority INTEGER NOT NULL,
  status TEXT NOT NULL,
  is_recalled INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO conversation_last_message
  SELECT m.conversation_id, m.id, m.created_time, m.sender_token, m.direction, m.body, m.priority, m.status, m.is_recalled
  FROM conversations c JOIN messages m ON m.id = (
    SELECT l.id FROM messages l WHERE l.conversation_id = c.id ORDER BY l.created_time DESC, l.id DESC LIMIT 1);

CREATE TRIGGER messages_last_insert AFTER INSERT ON messages BEGIN
  INSERT INTO conversation_last_message
    (conversation_id, message_id, created_time, sender_token, direction, body, priority, status, is_recalled)
  VALUES (new.conversation_id, new.id, new.created_time, new.sender_token, new.direction, new.body, new.priority, new.status, new.is_recalled)
  ON CONFLICT (conversation_id) DO UPDATE SET
    message_id = excluded.message_id, created_time = excluded.created_time, sender_token = excluded.sender_token,
    direction = excluded.direction, body = excluded.body, priority = excluded.priority, status = excluded.status,
    is_recalled = excluded.is_recalled
  WHERE (excluded.created_time, excluded.message_id) > (conversation_last_message.created_time, conversation_last_message.message_id);
END;

CREATE TRIGGER messages_last_update AFTER UPDATE OF sender_token, direction, body, priority, status, is_recalled ON messages BEGIN
  UPDATE conversation_last_message SET
    sender_token = new.sender_token, direction = new.direction, body = new.body, priority = new.priority,
    status = new.status, is_recalled = new.is_recalled
  WHERE conversation_id = new.conversation_id AND message_id = new.id;
END;

CREATE TRIGGER messages_last_move AFTER UPDATE OF created_time, conversation_id ON messages BEGIN
  DELETE FROM conversation_last_message WHERE conversation_id IN (old.conversation_id, new.conversation_id);
  INSERT INTO conversation_last_message
    SELECT conversation_id, id, created_time, sender_token, direction, body, priority, status, is_recalled
    FROM messages WHERE conversation_id = old.conversation_id ORDER BY created_time DESC, id DESC LIMIT 1;
  INSERT OR IGNORE INTO conversation_last_message
    SELECT conversation_id, id, created_time, sender_token, direction, body, priority, status, is_recalled
    FROM messages WHERE conversation_id = new.conversation_id ORDER BY created_time DESC, id DESC LIMIT 1;
END;

CREATE TRIGGER messages_last_delete AFTER DELETE ON messages BEGIN
  DELETE FROM conversation_last_message WHERE conversation_id = old.conversation_id AND message_id = old.id;
  INSERT OR IGNORE INTO conversation_last_message
    SELECT conversation_id, id, created_time, sender_token, direction, body, priority, status, is_recalled
    FROM messages WHERE conversation_id = old.conversation_id ORDER BY created_time DESC, id DESC LIMIT 1;
END;
`,
  },
];

/** Migration 14: every stored failure reason and last error, as the JSON text of its UserText. */
function storedReasonsAsUserText(db: Database.Database): void {
  const convert = (table: 'messages' | 'outbox_jobs', column: 'failure_reason' | 'last_error') => {
    const rows = db.prepare(`SELECT rowid AS id, ${column} AS text FROM ${table} WHERE ${column} IS NOT NULL`).all() as { id: number; text: string }[];
    const update = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`);
    for (const row of rows) update.run(storedText(recogniseReason(row.text)), row.id);
  };
  convert('messages', 'failure_reason');
  convert('outbox_jobs', 'last_error');
}
