/**
 * The lock of the window over the signed-in account (HIPAA's automatic logoff): what is locked,
 * what unlocks it, and the wrong tries, kept per account in the keychain so that a restart
 * neither unlocks the window nor forgets the count. It locks on demand, after idle time or the
 * OS locking (the shell tells it), and when the user switches away from the account: switching
 * back always asks for its password or PIN. Nothing here stops the account's work: the event
 * stream, the outbox and urgent alerts go on while locked; the window layer hides the data.
 */
import { SaidError } from '../../../i18n/said-error';
import { userText } from '../../../i18n/user-text';
import type { UserText } from '../../../i18n/user-text';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
// What the window is told of the lock is the contract's view: never a verifier.
import type { LockState } from '../../../preload/contract';
import { activeAccountId } from '../session/session-state';
import type { SessionState } from '../session';
import { afterRightTry, afterWrongTry, canLock, pinTriesLeft, unlockedRecord, unlockMethod, waitLeft } from './lock-rules';
import type { LockRecord } from './lock-rules';
import { readLockRecord } from './lock-record';
import { createVerifier, isPin, verifySecret } from './unlock-secret';
import type { ScryptCost } from './unlock-secret';

export type LockReason = 'manual' | 'idle' | 'os-locked' | 'sleep';

export type UnlockResult =
  | { kind: 'unlocked' }
  | { kind: 'wrong'; state: LockState }
  | { kind: 'wait'; ms: number }
  | { kind: 'not-locked' };

export class LockError extends SaidError {
  override readonly name = 'LockError';
  constructor(
    readonly reason: 'no-account' | 'invalid-pin' | 'wrong-secret' | 'needs-pin' | 'locked',
    said: UserText,
  ) {
    super(said);
  }
}

export interface LockVault {
  lockRecord(accountId: string): Promise<unknown>;
  setLockRecord(accountId: string, record: unknown): Promise<boolean>;
}

export interface ScreenLockOptions {
  vault: LockVault;
  session: { readonly state: SessionState; subscribe(listener: (state: SessionState) => void): () => void };
  clock: Pick<Clock, 'now'>;
  log: Logger;
  /** scrypt's cost for new verifiers (tests make it cheap). */
  cost?: ScryptCost;
}

type Listener = (state: LockState | null) => void;

export class ScreenLock {
  private readonly options: ScreenLockOptions;
  private readonly listeners = new Set<Listener>();
  private accountId: string | null = null;
  /** The current account's record; null while it is being read. */
  private record: LockRecord | null = null;
  private loading: Promise<void> = Promise.resolve();
  /** Tries, PIN changes and locks run one at a time, so counts are exact. */
  private pending: Promise<unknown> = Promise.resolve();

  constructor(options: ScreenLockOptions) {
    this.options = options;
    this.follow(options.session.state);
    options.session.subscribe((state) => this.follow(state));
  }

  /** Settles once the current account's record is read. */
  settled(): Promise<void> {
    return this.loading;
  }

  /** The current account's lock; null when none is signed in. An account whose record is still being read counts as locked. */
  state(): LockState | null {
    if (this.accountId === null) return null;
    if (this.record === null) return { locked: true, method: null, hasPin: false, hasPassword: false, pinTriesLeft: null, retryAt: null };
    return viewOf(this.record, this.options.clock.now());
  }

  isLocked(): boolean {
    return this.state()?.locked ?? false;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Locks the window if the account can be locked; answers whether it is locked now. */
  lock(reason: LockReason): Promise<boolean> {
    // Operations queue behind the reading of a new account's record (follow): none awaits `loading` itself.
    return this.serially(async () => {
      const record = this.record;
      if (this.accountId === null || record === null) return this.accountId !== null;
      if (record.locked) return true;
      if (!canLock(record)) {
        this.options.log.warn('the window could not lock: the account has no password or PIN to unlock it', { reason });
        return false;
      }
      await this.save({ ...record, locked: true });
      this.options.log.info('locked', { reason });
      return true;
    });
  }

  /** A try at the password or PIN that unlocks: wrong ones are counted, and wait once there were many. */
  unlock(secret: string): Promise<UnlockResult> {
    return this.serially(async () => {
      const record = this.record;
      if (this.accountId === null || record === null || !record.locked) return { kind: 'not-locked' as const };
      return this.attempt(record, secret);
    });
  }

  /**
   * Checks the password or PIN as an unlock would, counting a wrong one, without unlocking:
   * for what the lock screen does in the owner's name (signing out).
   */
  confirm(secret: string): Promise<UnlockResult> {
    return this.serially(async () => {
      const record = this.record;
      if (this.accountId === null || record === null) return { kind: 'not-locked' as const };
      return this.attempt(record, secret, { unlock: false });
    });
  }

  /**
   * Sets (or changes) the PIN. `current` is the password or the PIN set now; an account with
   * neither (signed in with a key) sets its first PIN without one.
   */
  setPin(pin: string, current: string | undefined): Promise<LockState> {
    return this.serially(async () => {
      const record = this.unlockedRecord();
      if (!isPin(pin)) throw new LockError('invalid-pin', userText('lock-error.pin-digits', { min: 4, max: 8 }));
      await this.checkCurrent(record, current);
      await this.save({ ...record, pin: await createVerifier(pin, this.options.cost), wrongTries: 0, waitUntil: null });
      this.options.log.info('a PIN was set for unlocking');
      return viewOf(this.record!, this.options.clock.now());
    });
  }

  /** Removes the PIN; refused where the password cannot take its place (a key sign-in). */
  removePin(current: string): Promise<LockState> {
    return this.serially(async () => {
      const record = this.unlockedRecord();
      if (record.pin === null) return viewOf(record, this.options.clock.now());
      if (record.password === null) {
        throw new LockError('needs-pin', userText('lock-error.needs-pin'));
      }
      await this.checkCurrent(record, current);
      await this.save({ ...record, pin: null });
      this.options.log.info('the PIN for unlocking was removed');
      return viewOf(this.record!, this.options.clock.now());
    });
  }

  /**
   * A sign-in proved who the person is: the password (null after a key sign-in) becomes what
   * unlocks besides the PIN, the count starts over and the account is unlocked. Called by the
   * session before the account becomes active (SessionManagerOptions.identityProven).
   */
  identityProven(accountId: string, password: string | null): Promise<void> {
    return this.serially(async () => {
      const stored = await this.read(accountId);
      const verifier = password === null ? null : await createVerifier(password, this.options.cost);
      const next: LockRecord = { ...(stored ?? unlockedRecord), password: verifier, locked: false, wrongTries: 0, waitUntil: null };
      await this.options.vault.setLockRecord(accountId, next);
      if (accountId === this.accountId) {
        this.record = next;
        this.tell();
      }
    });
  }

  private async attempt(record: LockRecord, secret: string, { unlock = true } = {}): Promise<UnlockResult> {
    const now = this.options.clock.now();
    const wait = waitLeft(record, now);
    if (wait > 0) return { kind: 'wait', ms: wait };
    const method = unlockMethod(record);
    const verifier = method === 'pin' ? record.pin : method === 'password' ? record.password : null;
    // A PIN typed where the password is asked for (or the other way round) is simply wrong.
    const right = verifier !== null && (method !== 'pin' || isPin(secret)) && (await verifySecret(secret, verifier));
    if (!right) {
      const next = afterWrongTry(record, now);
      await this.save(next);
      this.options.log.warn('a wrong password or PIN was tried on the lock', { wrongTries: next.wrongTries, method: method ?? 'none' });
      return { kind: 'wrong', state: viewOf(next, now) };
    }
    await this.save(unlock ? afterRightTry(record) : { ...record, wrongTries: 0, waitUntil: null });
    if (unlock) this.options.log.info('unlocked', { method: method ?? 'none' });
    return { kind: 'unlocked' };
  }

  private async checkCurrent(record: LockRecord, current: string | undefined): Promise<void> {
    if (record.password === null && record.pin === null) return;
    const checks = [record.password, record.pin].filter((verifier) => verifier !== null);
    for (const verifier of checks) if (current !== undefined && (await verifySecret(current, verifier))) return;
    throw new LockError('wrong-secret', userText(record.pin === null ? 'lock-error.wrong-password' : 'lock-error.wrong-password-or-pin'));
  }

  private unlockedRecord(): LockRecord {
    const record = this.record;
    if (this.accountId === null || record === null) throw new LockError('no-account', userText('session.not-signed-in'));
    if (record.locked) throw new LockError('locked', userText('lock-error.locked'));
    return record;
  }

  private follow(state: SessionState): void {
    const next = activeAccountId(state);
    if (next === this.accountId) return;
    const left = this.accountId;
    const leftRecord = this.record;
    this.accountId = next;
    this.record = null;
    this.loading = this.serially(async () => {
      // An account left for another is locked (if it can be): switching back asks for its password or PIN.
      if (left !== null && next !== null && leftRecord !== null && !leftRecord.locked && canLock(leftRecord)) {
        const stored = await this.options.vault.setLockRecord(left, { ...leftRecord, locked: true }).catch((error: unknown) => {
          this.options.log.error('could not lock the account switched away from', { error: (error as Error).message });
          return false;
        });
        if (stored) this.options.log.info('locked', { reason: 'switched-away' });
      }
      if (next === null) return;
      const record = await this.read(next).catch((error: unknown) => {
        this.options.log.error('the lock could not be read from the keychain', { error: (error as Error).message });
        return undefined;
      });
      if (this.accountId !== next) return;
      if (record === undefined) {
        // Unreadable: locked, and only a new sign-in (which proves who this is) unlocks it.
        this.options.log.error('the lock record is unreadable; sign in again to unlock');
        this.record = { ...unlockedRecord, locked: true };
      } else {
        this.record = record ?? unlockedRecord;
      }
    }).finally(() => this.tell());
    this.tell();
  }

  /** The account's stored record; null when it has none yet; undefined when one is stored but unreadable. */
  private async read(accountId: string): Promise<LockRecord | null | undefined> {
    const stored = await this.options.vault.lockRecord(accountId);
    if (stored === null) return null;
    return readLockRecord(stored) ?? undefined;
  }

  private async save(record: LockRecord): Promise<void> {
    const accountId = this.accountId;
    if (accountId === null) return;
    // In memory first: a keychain that does not answer must not leave the window unlocked.
    this.record = record;
    this.tell();
    await this.options.vault.setLockRecord(accountId, record).catch((error: unknown) => {
      this.options.log.error('the lock could not be saved in the keychain', { error: (error as Error).message });
    });
  }

  private tell(): void {
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }

  private serially<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.pending.then(operation, operation);
    this.pending = result.catch(() => undefined);
    return result;
  }
}

function viewOf(record: LockRecord, now: number): LockState {
  const wait = waitLeft(record, now);
  return {
    locked: record.locked,
    method: unlockMethod(record),
    hasPin: record.pin !== null,
    hasPassword: record.password !== null,
    pinTriesLeft: pinTriesLeft(record),
    retryAt: wait === 0 ? null : now + wait,
  };
}
