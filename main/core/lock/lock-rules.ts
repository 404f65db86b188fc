/**
 * The lock's rules as a pure state machine over its persisted record, so that the counts and
 * waits are exact under a manual clock and survive a restart (the record is kept in the
 * keychain, main/core/vault):
 * - a PIN unlocks until 5 wrong tries in a row; after that only the password does (an account
 *   without a password, signed in with a key, keeps its PIN);
 * - from the 6th wrong try on, each one makes the next wait longer: 30 s, 1 min, 2 min, ...
 *   up to 30 min;
 * - wrong tries never erase anything: a passer-by must not be able to destroy queued messages.
 *   Remote wipe stays the way to erase.
 * - one right try, or signing in again, clears the count.
 */
import type { Verifier } from './unlock-secret';

export const pinTriesAllowed = 5;
const firstWaitMs = 30_000;
const longestWaitMs = 30 * 60_000;

export interface LockRecord {
  /** From the last sign-in with a password; null after a sign-in with a key. */
  password: Verifier | null;
  /** Set by the user in Settings: 4 to 8 digits. */
  pin: Verifier | null;
  locked: boolean;
  /** Wrong tries in a row. */
  wrongTries: number;
  /** No try is taken before this time (ms since the epoch). */
  waitUntil: number | null;
}

export const unlockedRecord: LockRecord = { password: null, pin: null, locked: false, wrongTries: 0, waitUntil: null };

export type UnlockMethod = 'pin' | 'password';

/** What unlocks now; null: nothing can (no password and no PIN), so the account cannot lock. */
export function unlockMethod(record: LockRecord): UnlockMethod | null {
  if (record.pin !== null && (record.wrongTries < pinTriesAllowed || record.password === null)) return 'pin';
  return record.password !== null ? 'password' : null;
}

export function canLock(record: LockRecord): boolean {
  return unlockMethod(record) !== null;
}

/** How long the try after `wrongTries` wrong ones must wait. */
export function waitAfter(wrongTries: number): number {
  if (wrongTries <= pinTriesAllowed) return 0;
  return Math.min(firstWaitMs * 2 ** (wrongTries - pinTriesAllowed - 1), longestWaitMs);
}

export function afterWrongTry(record: LockRecord, now: number): LockRecord {
  const wrongTries = record.wrongTries + 1;
  const wait = waitAfter(wrongTries);
  return { ...record, wrongTries, waitUntil: wait === 0 ? null : now + wait };
}

export function afterRightTry(record: LockRecord): LockRecord {
  return { ...record, locked: false, wrongTries: 0, waitUntil: null };
}

/** The ms left before a try is taken; 0: now. */
export function waitLeft(record: LockRecord, now: number): number {
  return record.waitUntil === null ? 0 : Math.max(0, record.waitUntil - now);
}

/** Wrong PIN tries left before only the password unlocks; null where the PIN is not what unlocks. */
export function pinTriesLeft(record: LockRecord): number | null {
  if (unlockMethod(record) !== 'pin' || record.password === null) return null;
  return pinTriesAllowed - record.wrongTries;
}
