// The lock's rules under a manual clock: PIN tries, password-only after the fifth wrong one,
// growing waits after that, and nothing erased by any number of wrong tries.
import { describe, expect, it } from 'vitest';
import { afterRightTry, afterWrongTry, canLock, pinTriesLeft, unlockedRecord, unlockMethod, waitAfter, waitLeft } from '../../main/core/lock/lock-rules';
import type { LockRecord } from '../../main/core/lock/lock-rules';
import { createVerifier, isPin, verifySecret } from '../../main/core/lock/unlock-secret';
import { cheapCost } from '../support/screen-lock';

const verifier = { kind: 'scrypt' as const, N: 16, r: 1, p: 1, salt: 'c2FsdA==', hash: 'aGFzaA==' };
const withBoth: LockRecord = { ...unlockedRecord, password: verifier, pin: verifier, locked: true };

function wrongTries(record: LockRecord, count: number, now: number): LockRecord {
  let next = record;
  for (let i = 0; i < count; i += 1) next = afterWrongTry(next, now);
  return next;
}

describe('the lock rules', () => {
  it('take the PIN for five wrong tries, then only the password, without any wait yet', () => {
    const now = 1_000_000;
    expect(unlockMethod(withBoth)).toBe('pin');
    expect(pinTriesLeft(withBoth)).toBe(5);
    const fourWrong = wrongTries(withBoth, 4, now);
    expect([unlockMethod(fourWrong), pinTriesLeft(fourWrong), waitLeft(fourWrong, now)]).toEqual(['pin', 1, 0]);
    const fiveWrong = afterWrongTry(fourWrong, now);
    expect([unlockMethod(fiveWrong), pinTriesLeft(fiveWrong), waitLeft(fiveWrong, now)]).toEqual(['password', null, 0]);
  });

  it('make each wrong try after the fifth wait longer: 30 s, 1 min, 2 min, ... up to 30 min', () => {
    expect([5, 6, 7, 8, 9].map(waitAfter)).toEqual([0, 30_000, 60_000, 120_000, 240_000]);
    expect(waitAfter(40)).toBe(30 * 60_000);
    let now = 5_000_000;
    let record = wrongTries(withBoth, 6, now);
    expect(waitLeft(record, now)).toBe(30_000);
    expect(waitLeft(record, now + 29_999)).toBe(1);
    now += 30_000;
    expect(waitLeft(record, now)).toBe(0);
    record = afterWrongTry(record, now);
    expect(waitLeft(record, now)).toBe(60_000);
  });

  it('erase nothing however many tries are wrong: the verifiers stay, the lock stays', () => {
    const record = wrongTries(withBoth, 50, 0);
    expect(record).toMatchObject({ password: verifier, pin: verifier, locked: true, wrongTries: 50 });
  });

  it('keep the PIN for an account without a password (signed in with a key), with the waits', () => {
    const keyAccount: LockRecord = { ...withBoth, password: null };
    const record = wrongTries(keyAccount, 7, 0);
    expect(unlockMethod(record)).toBe('pin');
    expect(pinTriesLeft(record)).toBeNull();
    expect(waitLeft(record, 0)).toBe(60_000);
  });

  it('start over after a right try, unlocked', () => {
    const record = afterRightTry(wrongTries(withBoth, 7, 0));
    expect(record).toMatchObject({ locked: false, wrongTries: 0, waitUntil: null });
    expect(unlockMethod(record)).toBe('pin');
  });

  it('cannot lock an account with neither a password nor a PIN', () => {
    expect(canLock(unlockedRecord)).toBe(false);
    expect(unlockMethod(unlockedRecord)).toBeNull();
    expect(canLock({ ...unlockedRecord, pin: verifier })).toBe(true);
  });
});

describe('the unlock verifiers', () => {
  it('check the secret they were made from, and no other, without keeping it', async () => {
    const made = await createVerifier('correct horse', cheapCost);
    expect(JSON.stringify(made)).not.toContain('correct horse');
    expect(await verifySecret('correct horse', made)).toBe(true);
    expect(await verifySecret('correct horse ', made)).toBe(false);
    // Salted: the same secret twice gives two different verifiers.
    expect((await createVerifier('correct horse', cheapCost)).hash).not.toBe(made.hash);
  });

  it('take a PIN of 4 to 8 digits only', () => {
    expect(['1234', '12345678'].map(isPin)).toEqual([true, true]);
    expect(['123', '123456789', '12a4', ' 1234', '１２３４'].map(isPin)).toEqual([false, false, false, false, false]);
  });
});
