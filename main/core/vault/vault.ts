import { randomBytes } from 'node:crypto';
import { userText } from '../../../i18n/user-text';
import type { TextParams } from '../../../i18n/user-text';
import * as v from 'valibot';
import { VaultError } from './vault-error';
import type { SecretStore } from './secret-store';

/** What signs an account in: the server's base URL, the key/secret pair and the user's token. */
export interface AccountCredentials {
  server: string;
  key: string;
  secret: string;
  userToken: string;
}

const credentialsSchema = v.object({
  server: v.pipe(v.string(), v.url()),
  key: v.pipe(v.string(), v.minLength(1)),
  secret: v.pipe(v.string(), v.minLength(1)),
  userToken: v.pipe(v.string(), v.minLength(1)),
});

const accountIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._@:-]{1,200}$/));

const accountIndexSchema = v.object({
  accounts: v.array(accountIdSchema),
  active: v.nullable(accountIdSchema),
});

type AccountIndex = v.InferOutput<typeof accountIndexSchema>;

const hexKeySchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));

const indexEntry = 'accounts';
type EntryKind = 'credentials' | 'database-key' | 'attachment-key' | 'lock';
const entryKinds: readonly EntryKind[] = ['credentials', 'database-key', 'attachment-key', 'lock'];
const entryFor = (accountId: string, what: EntryKind) => `account:${accountId}:${what}`;

/**
 * Typed access to the secrets of every signed-in account: credentials, the database key
 * and the attachment-cache key (each 32 random bytes as hex, created once per account), and
 * the record of the window's lock (main/core/lock), which reads it itself.
 * Operations run one at a time so that two callers never create two different keys.
 */
export class Vault {
  readonly store: SecretStore;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(store: SecretStore) {
    this.store = store;
  }

  listAccounts(): Promise<string[]> {
    return this.serially(async () => (await this.readIndex()).accounts);
  }

  activeAccount(): Promise<string | null> {
    return this.serially(async () => (await this.readIndex()).active);
  }

  setActiveAccount(accountId: string): Promise<void> {
    return this.serially(async () => {
      const index = await this.readIndex();
      if (!index.accounts.includes(accountId)) {
        throw new VaultError('malformed', userText('vault.no-credentials', { account: accountId }));
      }
      await this.writeIndex({ ...index, active: accountId });
    });
  }

  async getCredentials(accountId: string): Promise<AccountCredentials | null> {
    checkAccountId(accountId);
    return this.serially(async () => {
      const stored = await this.store.get(entryFor(accountId, 'credentials'));
      if (stored === null) return null;
      return parseEntry(credentialsSchema, stored, { entry: 'credentials', account: accountId });
    });
  }

  /** Stores the credentials and lists the account; the first account becomes the active one. */
  async setCredentials(accountId: string, credentials: AccountCredentials): Promise<void> {
    checkAccountId(accountId);
    const checked = v.safeParse(credentialsSchema, credentials);
    if (!checked.success) {
      throw new VaultError('malformed', userText('vault.credentials-incomplete', { account: accountId, fields: describeIssues(checked.issues) }));
    }
    return this.serially(async () => {
      await this.store.set(entryFor(accountId, 'credentials'), JSON.stringify(checked.output));
      const index = await this.readIndex();
      if (!index.accounts.includes(accountId)) {
        await this.writeIndex({ accounts: [...index.accounts, accountId], active: index.active ?? accountId });
      }
    });
  }

  databaseKey(accountId: string): Promise<string> {
    return this.keyFor(accountId, 'database-key');
  }

  attachmentKey(accountId: string): Promise<string> {
    return this.keyFor(accountId, 'attachment-key');
  }

  /** The lock's record as stored (JSON, unread: main/core/lock checks it); null when there is none. */
  async lockRecord(accountId: string): Promise<unknown> {
    checkAccountId(accountId);
    return this.serially(async () => {
      const stored = await this.store.get(entryFor(accountId, 'lock'));
      if (stored === null) return null;
      try {
        return JSON.parse(stored) as unknown;
      } catch {
        throw new VaultError('malformed', userText('vault.entry-not-json', { entry: 'lock', account: accountId }));
      }
    });
  }

  /** Stores the lock's record, only for an account the vault lists (one signed out is not brought back). */
  async setLockRecord(accountId: string, record: unknown): Promise<boolean> {
    checkAccountId(accountId);
    return this.serially(async () => {
      if (!(await this.readIndex()).accounts.includes(accountId)) return false;
      await this.store.set(entryFor(accountId, 'lock'), JSON.stringify(record));
      return true;
    });
  }

  /** Removes every secret of the account; its database and attachments become unreadable. */
  async forgetAccount(accountId: string): Promise<void> {
    checkAccountId(accountId);
    return this.serially(async () => {
      for (const what of entryKinds) await this.store.delete(entryFor(accountId, what));
      const index = await this.readIndex();
      const accounts = index.accounts.filter((id) => id !== accountId);
      await this.writeIndex({ accounts, active: index.active === accountId ? (accounts[0] ?? null) : index.active });
    });
  }

  /** Moves every secret of the account, and its place in the list, to a new id. */
  async renameAccount(from: string, to: string): Promise<void> {
    checkAccountId(from);
    checkAccountId(to);
    return this.serially(async () => {
      for (const what of entryKinds) {
        const stored = await this.store.get(entryFor(from, what));
        if (stored === null) continue;
        await this.store.set(entryFor(to, what), stored);
        await this.store.delete(entryFor(from, what));
      }
      const index = await this.readIndex();
      await this.writeIndex({
        accounts: index.accounts.map((id) => (id === from ? to : id)),
        active: index.active === from ? to : index.active,
      });
    });
  }

  private async keyFor(accountId: string, what: 'database-key' | 'attachment-key'): Promise<string> {
    checkAccountId(accountId);
    return this.serially(async () => {
      const entry = entryFor(accountId, what);
      const stored = await this.store.get(entry);
      if (stored !== null) return parseHexKey(stored, { entry: what, account: accountId });
      const created = randomBytes(32).toString('hex');
      await this.store.set(entry, created);
      return created;
    });
  }

  private async readIndex(): Promise<AccountIndex> {
    const stored = await this.store.get(indexEntry);
    if (stored === null) return { accounts: [], active: null };
    return parseEntry(accountIndexSchema, stored, { entry: 'accounts', account: '' });
  }

  private async writeIndex(index: AccountIndex): Promise<void> {
    await this.store.set(indexEntry, JSON.stringify(index));
  }

  private serially<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.pending.then(operation, operation);
    this.pending = result.catch(() => undefined);
    return result;
  }
}

function checkAccountId(accountId: string): void {
  if (!v.is(accountIdSchema, accountId)) {
    throw new VaultError('malformed', userText('vault.account-id-invalid', { max: 200, characters: '._@:-' }));
  }
}

/** Which vault entry: `entry` selects the words (see vault.entry-* in the catalogs). */
interface EntryName extends TextParams {
  entry: 'credentials' | 'database-key' | 'attachment-key' | 'lock' | 'accounts';
  account: string;
}

/** An ICU select chooses among plain words: database-key is database_key there. */
function selectable(what: EntryName): TextParams {
  return { entry: what.entry.replace(/-/g, '_'), account: what.account };
}

function parseHexKey(stored: string, what: EntryName): string {
  if (!v.is(hexKeySchema, stored)) {
    throw new VaultError('malformed', userText('vault.entry-not-hex-key', selectable(what)));
  }
  return stored;
}

function parseEntry<const S extends v.GenericSchema>(schema: S, stored: string, what: EntryName): v.InferOutput<S> {
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    throw new VaultError('malformed', userText('vault.entry-not-json', selectable(what)));
  }
  const parsed = v.safeParse(schema, json);
  if (!parsed.success) {
    throw new VaultError('malformed', userText('vault.entry-malformed', { ...selectable(what), fields: describeIssues(parsed.issues) }));
  }
  return parsed.output;
}

// Only the paths of the offending fields: issue messages may quote the value, a secret.
function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues.map((issue) => v.getDotPath(issue) ?? '(root)').join(', ');
}
