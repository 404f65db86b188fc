/**
 * One process per account folder. Two processes on one folder would each take the other's
 * send in flight for one cut off by a crash and send it again: the screen would still show it
 * once (client-id dedupe), but the recipient could get it twice. So opening an account takes
 * a lock file in its folder, created exclusively (O_EXCL), holding the holder's pid.
 *
 * A lock whose process is gone (a crash, a kill) is taken over. Limits, accepted: a pid reused
 * by an unrelated process keeps the lock held until that process ends (the user is told the pid);
 * a zombie holder not yet reaped by its parent counts as alive; a folder shared between two
 * computers is not covered (a pid names a process on one machine only).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SaidError } from '../../../i18n/said-error';
import { userText } from '../../../i18n/user-text';
import type { UserText } from '../../../i18n/user-text';
import type { Logger } from '../log/logger';

export const lockFileName = 'open.lock';

export class AccountLockError extends SaidError {
  override readonly name = 'AccountLockError';
  /** The process holding the account (another one, or this one: an account opened twice); null when it keeps changing hands. */
  readonly holderPid: number | null;

  constructor(holderPid: number | null, said: UserText) {
    super(said);
    this.holderPid = holderPid;
  }
}

export interface AccountLock {
  readonly path: string;
  /** Removes the lock file if it is still this holder's; safe to call more than once. */
  release(): void;
}

interface Holder {
  pid: number;
  takenAt: string;
  /** Tells this holding apart from an earlier one of the same pid, so a release removes only its own. */
  nonce: string;
}

/** Locks held by this process, path -> nonce: a lock naming our pid but not listed here is a previous process's. */
const heldHere = new Map<string, string>();

// A lock file is created empty and then written: a reader may catch it in between.
const unreadableRetries = 10;
const unreadableWaitMs = 20;
// Each round either creates the lock, finds a live holder, or clears a dead one; a few cover a race.
const takeOverRounds = 5;

export async function acquireAccountLock(options: { dir: string; log: Logger }): Promise<AccountLock> {
  const path = join(resolve(options.dir), lockFileName);
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const holder: Holder = { pid: process.pid, takenAt: new Date().toISOString(), nonce: randomBytes(12).toString('hex') };
  for (let round = 0; round < takeOverRounds; round += 1) {
    if (tryCreate(path, holder)) {
      heldHere.set(path, holder.nonce);
      return { path, release: () => release(path, holder.nonce) };
    }
    const seen = await readHolder(path);
    if (seen === 'gone') continue;
    if (seen.holder !== null && isHeld(path, seen.holder)) throw refusal(seen.holder.pid);
    options.log.warn('taking over the account lock of a TigerDesk process that has ended', {
      pid: seen.holder?.pid ?? null,
      takenAt: seen.holder?.takenAt ?? null,
    });
    clearIfUnchanged(path, seen.raw);
  }
  throw new AccountLockError(null, userText('account.lock-changing', { path }));
}

function tryCreate(path: string, holder: Holder): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The lock's text and holder; holder null when the text is not a lock (a process that died between create and write). */
async function readHolder(path: string): Promise<{ raw: string; holder: Holder | null } | 'gone'> {
  for (let attempt = 0; ; attempt += 1) {
    let raw: string;
    try {
      raw = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
      throw error;
    }
    const holder = parseHolder(raw);
    if (holder !== null || attempt >= unreadableRetries) return { raw, holder };
    await new Promise((resolve) => setTimeout(resolve, unreadableWaitMs));
  }
}

function parseHolder(raw: string): Holder | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { pid, takenAt, nonce } = value as Record<string, unknown>;
  // pid 0 or negative would make kill(pid, 0) test a whole process group.
  if (!Number.isSafeInteger(pid) || (pid as number) <= 0 || typeof takenAt !== 'string' || typeof nonce !== 'string') return null;
  return { pid: pid as number, takenAt, nonce };
}

function isHeld(path: string, holder: Holder): boolean {
  // Our own pid: held if this process holds it, else left by an earlier process that had our pid.
  if (holder.pid === process.pid) return heldHere.has(path);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it still holds the lock.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function refusal(pid: number): AccountLockError {
  return pid === process.pid
    ? new AccountLockError(pid, userText('account.open-here', { pid }))
    : new AccountLockError(pid, userText('account.open-elsewhere', { pid }));
}

/**
 * Removes a dead holder's lock, unless another process took it over since we read it: the file
 * is moved aside first (atomic), and put back if what was moved is not what we judged dead.
 * Left open: with three or more processes racing over one dead holder's lock, one may create
 * its lock in the microseconds another's fresh lock is moved aside, and both then hold it.
 */
function clearIfUnchanged(path: string, judged: string): void {
  const aside = `${path}.stale-${process.pid}-${randomBytes(6).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (readFileSync(aside, 'utf8') !== judged) restore(aside, path);
  } finally {
    unlinkSync(aside);
  }
}

function restore(aside: string, path: string): void {
  try {
    linkSync(aside, path);
  } catch (error) {
    // A third process created a lock meanwhile: it holds the account now.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function release(path: string, nonce: string): void {
  if (heldHere.get(path) !== nonce) return;
  heldHere.delete(path);
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    // Signing out or a remote wipe erased the folder with the lock in it.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (parseHolder(raw)?.nonce !== nonce) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
