/**
 * What unlocks a locked window: the account's password or a PIN the user set, each kept only
 * as a salted scrypt verifier (never the secret itself), so the lock works offline and a
 * stolen verifier does not give the password away. The cost is stored with each verifier, so
 * it can be raised later and old verifiers still check; it is bounded when read, so a tampered
 * record cannot make a check take unbounded memory or time.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';

/** About 0.1 s and 32 MiB on a workstation: slow enough to hurt guessing, quick enough to unlock. */
export const defaultCost = { N: 2 ** 15, r: 8, p: 1 } as const;
export type ScryptCost = { N: number; r: number; p: number };

const maxN = 2 ** 20;

export const verifierSchema = v.object({
  kind: v.literal('scrypt'),
  N: v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(maxN), v.check((n) => (n & (n - 1)) === 0, 'N is a power of two')),
  r: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(16)),
  p: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(4)),
  salt: v.pipe(v.string(), v.base64()),
  hash: v.pipe(v.string(), v.base64()),
});
export type Verifier = v.InferOutput<typeof verifierSchema>;

const keyLength = 32;

/** A PIN is 4 to 8 digits. */
export const pinPattern = /^\d{4,8}$/;

export function isPin(candidate: string): boolean {
  return pinPattern.test(candidate);
}

function derive(secret: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // scrypt needs 128 * N * r bytes; Node's default ceiling (32 MiB) is just short of the default cost's.
    scrypt(secret.normalize('NFC'), salt, keyLength, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

export async function createVerifier(secret: string, cost: ScryptCost = defaultCost): Promise<Verifier> {
  const salt = randomBytes(16);
  const hash = await derive(secret, salt, cost);
  return { kind: 'scrypt', ...cost, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

/** Whether `secret` is the one the verifier was made from; compared in constant time. */
export async function verifySecret(secret: string, verifier: Verifier): Promise<boolean> {
  const expected = Buffer.from(verifier.hash, 'base64');
  if (expected.length !== keyLength) return false;
  const actual = await derive(secret, Buffer.from(verifier.salt, 'base64'), verifier);
  return timingSafeEqual(actual, expected);
}
