import { closeSync, mkdirSync, openSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { databasePath } from './database-files';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { Store } from './store';
import { StoreOpenError } from './store-open-error';

export type OpenStoreOptions = {
  /** The account's own folder; the database is created in it. */
  dir: string;
  now?: () => number;
} & (
  /** 32 random bytes as 64 hex digits, from the vault. */
  | { key: string }
  /**
   * Tests only: the same schema without encryption, so that a test can read the files' bytes
   * and prove erased text is gone from them. Needs both the null key and the flag.
   */
  | { key: null; unencryptedForTestsOnly: true }
);

/**
 * Opens (or creates) the account's encrypted database and brings its schema up to date.
 * Throws StoreOpenError; a file that cannot be read is never changed, so it can be moved
 * aside and kept.
 */
export function openStore(options: OpenStoreOptions): Store {
  const path = databasePath(options.dir);
  const key = options.key;
  const unencrypted = key === null && 'unencryptedForTestsOnly' in options && options.unencryptedForTestsOnly === true;
  if (!unencrypted && !/^[0-9a-f]{64}$/i.test(key ?? '')) {
    throw new StoreOpenError('invalid-key', path, 'The database key must be 32 bytes written as 64 hex digits');
  }
  let db: Database.Database;
  try {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    // Created here first so that it is private: SQLite gives -wal and -shm the same mode.
    closeSync(openSync(path, 'a', 0o600));
    db = new Database(path);
  } catch (error) {
    throw new StoreOpenError('io', path, `Cannot open the database file ${path}: ${(error as Error).message}`);
  }
  try {
    if (key !== null) unlock(db, key, path);
    configure(db, path);
    migrate(db, migrations, path);
  } catch (error) {
    db.close();
    throw error;
  }
  return new Store(db, options.now ?? Date.now);
}

function unlock(db: Database.Database, key: string, path: string): void {
  try {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma(`key = "x'${key.toLowerCase()}'"`);
    // The key is only tried on the first read; this one touches the file's header.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    throw translate(error, path);
  }
}

function configure(db: Database.Database, path: string): void {
  try {
    db.pragma('journal_mode = WAL');
    // FULL, not NORMAL: events are acknowledged to the server once committed, so a commit
    // must survive a power cut, or the event would be lost for good.
    db.pragma('synchronous = FULL');
    // Checkpoint every ~40 MB of WAL rather than 4 MB: a replay commits a batch every few
    // hundred events and dirties much the same index pages each time, so they are copied into
    // the database once per many commits, not after nearly every one. Durability is the WAL's.
    db.pragma('wal_autocheckpoint = 10000');
    // Deleted content is overwritten with zeros, not just marked free: an erased message's
    // body must not be readable from the file by whoever has the key (issue 12). Set here, not
    // left to the build's default, which a rebuild of the SQLite package could change.
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    throw translate(error, path);
  }
}

function translate(error: unknown, path: string): StoreOpenError {
  const code = (error as { code?: string }).code ?? '';
  const said = (error as Error).message;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new StoreOpenError('wrong-key-or-corrupt', path, `The database ${path} cannot be read with this key: the key is wrong or the file is damaged (${said})`);
  }
  return new StoreOpenError('io', path, `The database ${path} cannot be used: ${said}`);
}
