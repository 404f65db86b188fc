/**
 * Signing in and out, and which stored account is active. Holds no connection of its own:
 * the account runtime (main/core/account) does the work of a signed-in account and reports
 * back a 401 or a remote wipe through `rejectCredentials` and `wipe`.
 */
import { userText } from '../../../i18n/user-text';
import { createApiClient, login as loginCall } from '../api';
import type { ApiClient, ApiClientOptions, Credentials, Organization, User } from '../api';
import type { Logger } from '../log/logger';
import { displayNameOf } from '../store/display-name';
import { isVaultError } from '../vault';
import type { AccountCredentials, Vault } from '../vault';
import { accountFiles, eraseAccountFiles, wipeAccountFiles } from './account-files';
import type { AccountFiles } from './account-files';
import { accountIdFor } from './account-id';
import { migrateAccountIds } from './account-id-migration';
import { readProfile, writeProfile } from './account-profile';
import { deviceIdIn } from './device-id';
import { serverFailure } from './server-failure';
import { serverUrl } from './server-url';
import { SessionError } from './session-error';
import { activeAccountId } from './session-state';
import type { AccountSummary, SessionListener, SessionState } from './session-state';

export interface SessionManagerOptions {
  vault: Vault;
  /** One sub-folder per account id holds its database and attachment cache. */
  dataRoot: string;
  /** Sent as `version` at password sign-in. */
  clientVersion: string;
  log: Logger;
  /**
   * How this installation reaches servers: every sign-in, API client and event stream of its
   * accounts goes through it. The app's is Electron's net.fetch (system proxy, PAC, the OS's
   * certificates), the CLI's undici's with the proxy from the environment. Required: a
   * default would be Node's own, which knows none of the hospital's network settings.
   */
  fetch: typeof fetch;
  createApi?: (options: ApiClientOptions) => ApiClient;
  login?: typeof loginCall;
  /** How long sign-out waits for the server before erasing anyway. Default 5 s. */
  signOutTimeoutMs?: number;
  /**
   * A sign-in proved who the person is, before the account becomes active: the window's lock
   * (main/core/lock) keeps a verifier of the password (null: signed in with a key, or with a
   * password the person never typed) and unlocks the account.
   */
  identityProven?(accountId: string, password: string | null): Promise<void>;
}

/** What the account runtime needs to run: never shown, never logged. */
export interface OpenedAccount {
  summary: AccountSummary;
  credentials: AccountCredentials;
  files: AccountFiles;
}

export interface AccountKeys {
  /** For the SQLCipher database: 64 hex digits. */
  databaseKey: string;
  /** For the attachment cache: 64 hex digits. */
  attachmentKey: string;
}

export interface SignOutReport {
  accountId: string;
  /** Whether the server confirmed that the key/secret pair is revoked. */
  revoked: boolean;
  /** Unreadable databases that were kept aside earlier and are still kept. */
  kept: string[];
}

export class SessionManager {
  private current: SessionState = { kind: 'signed-out' };
  private readonly listeners = new Set<SessionListener>();
  private readonly holders = new Map<string, Set<() => Promise<void>>>();
  private readonly options: SessionManagerOptions;
  private readonly createApi: (options: ApiClientOptions) => ApiClient;
  private readonly login: typeof loginCall;
  /** The network every account of this session talks over (see SessionManagerOptions.fetch). */
  readonly fetch: typeof fetch;

  constructor(options: SessionManagerOptions) {
    this.options = options;
    this.fetch = options.fetch;
    const createApi = options.createApi ?? createApiClient;
    this.createApi = (apiOptions) => createApi({ ...apiOptions, fetch: this.fetch });
    this.login = options.login ?? loginCall;
  }

  get state(): SessionState {
    return this.current;
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** At start-up: the active account from the vault, without a network call. */
  async restore(): Promise<SessionState> {
    const moved = await this.fromVault(() => migrateAccountIds(this.options.vault, this.options.dataRoot));
    for (const { from, to } of moved) this.options.log.info('moved an account to a folder name safe on every system', { from, to });
    const active = await this.fromVault(() => this.options.vault.activeAccount());
    if (active === null) return this.enter({ kind: 'signed-out' });
    const opened = await this.load(active);
    if (opened === null) return this.enter({ kind: 'signed-out' });
    return this.enter({ kind: 'signed-in', account: opened.summary, secretStore: this.options.vault.store.kind });
  }

  /**
   * `server` as typed: it is read by serverUrl, and refused before any request when it is not
   * https. `passwordUnlocks: false` for a password the person did not type (the local
   * sandbox's demo user): it does not unlock the window's lock.
   */
  async signInWithPassword(input: { server: string; userId: string; password: string }, { passwordUnlocks = true } = {}): Promise<AccountSummary> {
    const server = serverUrl(input.server);
    const deviceId = await deviceIdIn(this.options.dataRoot);
    let result: { user: User; auth: Credentials };
    try {
      result = await this.login(server, {
        userId: input.userId,
        password: input.password,
        deviceId,
        version: this.options.clientVersion,
      }, this.fetch);
    } catch (error) {
      throw serverFailure(error, server, userText('session.password-refused'));
    }
    return this.establish(server, result.auth, result.user, passwordUnlocks ? input.password : null);
  }

  /** A key/secret pair an administrator handed out, checked with `GET /v2/user`. */
  async signInWithKey(input: { server: string; key: string; secret: string }): Promise<AccountSummary> {
    const server = serverUrl(input.server);
    const credentials = { key: input.key, secret: input.secret };
    let user: User;
    try {
      user = await this.createApi({ baseUrl: server, credentials }).getUser();
    } catch (error) {
      throw serverFailure(error, server, userText('session.key-refused'));
    }
    return this.establish(server, credentials, user, null);
  }

  /** Every stored account, the active one included, as far as their profiles can be read. */
  async accounts(): Promise<AccountSummary[]> {
    const ids = await this.fromVault(() => this.options.vault.listAccounts());
    const summaries: AccountSummary[] = [];
    for (const id of ids) {
      const summary = await readProfile(accountFiles(this.options.dataRoot, id).profile);
      if (summary !== null) summaries.push(summary);
    }
    return summaries;
  }

  async switchTo(accountId: string): Promise<AccountSummary> {
    const ids = await this.fromVault(() => this.options.vault.listAccounts());
    if (!ids.includes(accountId)) throw new SessionError('unknown-account', userText('session.unknown-account', { account: accountId }));
    const opened = await this.load(accountId);
    if (opened === null) throw new SessionError('unknown-account', userText('session.no-stored-profile', { account: accountId }));
    const previous = this.activeId();
    if (previous !== null && previous !== accountId) await this.release(previous);
    await this.fromVault(() => this.options.vault.setActiveAccount(accountId));
    this.enter({ kind: 'signed-in', account: opened.summary, secretStore: this.options.vault.store.kind });
    return opened.summary;
  }

  /** The credentials, folders and keys of the active account, for the account runtime. */
  async opened(): Promise<OpenedAccount & AccountKeys> {
    const id = this.activeId();
    if (id === null) throw new SessionError('not-signed-in', userText('session.not-signed-in'));
    const opened = await this.load(id);
    if (opened === null) throw new SessionError('not-signed-in', userText('session.no-stored-credentials', { account: id }));
    const databaseKey = await this.fromVault(() => this.options.vault.databaseKey(id));
    const attachmentKey = await this.fromVault(() => this.options.vault.attachmentKey(id));
    return { ...opened, databaseKey, attachmentKey };
  }

  /**
   * Registers something holding the account's files open (its runtime). It is closed before
   * the files are erased or another account becomes active. Returns the unregistration.
   */
  holdOpen(accountId: string, close: () => Promise<void>): () => void {
    const set = this.holders.get(accountId) ?? new Set();
    set.add(close);
    this.holders.set(accountId, set);
    return () => {
      set.delete(close);
    };
  }

  /** The server answered 401: nothing retries until the user signs in again. */
  rejectCredentials(accountId: string): void {
    const state = this.current;
    if (state.kind !== 'signed-in' || state.account.id !== accountId) return;
    this.options.log.warn('credentials rejected by the server; sign in again', { accountId });
    this.enter({ kind: 'credentials-rejected', account: state.account });
  }

  /**
   * Signs the active account out: closes its streams and revokes its key on the server as
   * far as the server answers in time, then, whatever the network did, erases the
   * credentials, keys, database and attachments.
   */
  async signOut(): Promise<SignOutReport> {
    const accountId = this.activeId();
    if (accountId === null) throw new SessionError('not-signed-in', userText('session.not-signed-in'));
    // A keychain that does not answer must not keep the files: they are erased regardless.
    const credentials = await this.fromVault(() => this.options.vault.getCredentials(accountId)).catch(() => null);
    const revoked = credentials === null ? false : await this.revoke(credentials);
    await this.release(accountId);
    const files = accountFiles(this.options.dataRoot, accountId);
    const kept = await eraseAccountFiles(files);
    await this.fromVault(() => this.options.vault.forgetAccount(accountId));
    this.options.log.info('signed out', { accountId, revoked });
    await this.restore();
    return { accountId, revoked, kept };
  }

  /**
   * `remote_wipe`: the account's local data goes, kept-aside databases included, then its
   * key is revoked as far as the server answers: the same as signing out, with nothing kept.
   */
  async wipe(accountId: string): Promise<void> {
    const credentials = await this.fromVault(() => this.options.vault.getCredentials(accountId)).catch(() => null);
    await this.release(accountId);
    await wipeAccountFiles(accountFiles(this.options.dataRoot, accountId));
    await this.fromVault(() => this.options.vault.forgetAccount(accountId));
    this.options.log.warn('local data erased on the server\'s request (remote wipe)', { accountId });
    if (this.activeId() === accountId) await this.restore();
    if (credentials !== null) await this.revoke(credentials);
  }

  private activeId(): string | null {
    return activeAccountId(this.current);
  }

  private async establish(server: string, credentials: Credentials, user: User, password: string | null): Promise<AccountSummary> {
    let organization: Organization;
    try {
      organization = await this.organizationOf(server, credentials, user.token);
    } catch (error) {
      // The pair was just issued; left alive it would be a session nobody can sign out of.
      await this.revoke({ server, ...credentials, userToken: user.token });
      throw error;
    }
    const id = accountIdFor(user.token);
    const summary: AccountSummary = {
      id,
      server,
      userToken: user.token,
      displayName: displayNameOf({ displayName: user.display_name, firstName: user.first_name, lastName: user.last_name, username: user.username }, user.token),
      organization: { token: organization.token, name: organization.name },
    };
    const stored: AccountCredentials = { server, key: credentials.key, secret: credentials.secret, userToken: user.token };
    // A runtime still holding this account uses the old pair; one of another account is left.
    const previous = this.activeId();
    if (previous !== null && previous !== id) await this.release(previous);
    await this.release(id);
    try {
      const replaced = await this.fromVault(() => this.options.vault.getCredentials(id));
      await writeProfile(accountFiles(this.options.dataRoot, id).profile, summary);
      await this.fromVault(() => this.options.vault.setCredentials(id, stored));
      await this.fromVault(() => this.options.vault.setActiveAccount(id));
      if (replaced !== null && replaced.key !== stored.key) await this.revoke(replaced);
    } catch (error) {
      await this.revoke(stored);
      throw error;
    }
    await this.options.identityProven?.(id, password).catch((error: unknown) => {
      this.options.log.error('the window lock could not take the new sign-in', { error: (error as Error).message });
    });
    this.options.log.info('signed in', { accountId: id, secretStore: this.options.vault.store.kind });
    this.enter({ kind: 'signed-in', account: summary, secretStore: this.options.vault.store.kind });
    return summary;
  }

  private async organizationOf(server: string, credentials: Credentials, userToken: string): Promise<Organization> {
    let organizations: Organization[];
    try {
      organizations = await this.createApi({ baseUrl: server, credentials }).getUserOrganizations(userToken);
    } catch (error) {
      throw serverFailure(error, server, userText('session.new-key-refused'));
    }
    const first = organizations[0];
    if (first === undefined) {
      throw new SessionError('no-organization', userText('session.no-organization'));
    }
    return first;
  }

  private async load(accountId: string): Promise<OpenedAccount | null> {
    const credentials = await this.fromVault(() => this.options.vault.getCredentials(accountId));
    if (credentials === null) return null;
    const files = accountFiles(this.options.dataRoot, accountId);
    const summary = await readProfile(files.profile);
    if (summary === null || summary.id !== accountId) return null;
    return { summary, credentials, files };
  }

  /** Best effort, bounded in time: closing the streams first, as revoking makes later calls fail. */
  private async revoke(credentials: AccountCredentials): Promise<boolean> {
    const api = this.createApi({
      baseUrl: credentials.server,
      credentials: { key: credentials.key, secret: credentials.secret },
      timeoutMs: this.options.signOutTimeoutMs ?? 5_000,
    });
    try {
      await api.closeEventStreams();
    } catch (error) {
      this.options.log.warn('could not close the event streams at sign-out', { error: (error as Error).message });
    }
    try {
      await api.logout();
      return true;
    } catch (error) {
      this.options.log.warn('could not revoke the session at sign-out', { error: (error as Error).message });
      return false;
    }
  }

  private async release(accountId: string): Promise<void> {
    const set = this.holders.get(accountId);
    if (set === undefined) return;
    this.holders.delete(accountId);
    for (const close of set) await close();
  }

  /** Vault failures become the keychain-unavailable state and an error that names the cause. */
  private async fromVault<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (!isVaultError(error)) throw error;
      this.enter({ kind: 'keychain-unavailable', cause: error.cause, message: error.message, said: error.said });
      // The vault's words come in English here (one sentence cannot hold another in every language); the state above says them in the user's.
      throw new SessionError('keychain-unavailable', userText('session.keychain-unavailable', { cause: error.cause, detail: error.message }));
    }
  }

  private enter(state: SessionState): SessionState {
    this.current = state;
    for (const listener of this.listeners) {
      try {
        listener(state);
      } catch (error) {
        this.options.log.error('session state listener failed', { error: (error as Error).message });
      }
    }
    return state;
  }
}
