// The lock's record as the keychain keeps it (Vault.lockRecord): read field by field against
// its schema, since it comes back from outside the process.
import * as v from 'valibot';
import type { LockRecord } from './lock-rules';
import { verifierSchema } from './unlock-secret';

const recordSchema = v.object({
  password: v.nullable(verifierSchema),
  pin: v.nullable(verifierSchema),
  locked: v.boolean(),
  wrongTries: v.pipe(v.number(), v.integer(), v.minValue(0)),
  waitUntil: v.nullable(v.number()),
});

/** The record, or null when what is stored is not one (a hand edit, a damaged keychain entry). */
export function readLockRecord(stored: unknown): LockRecord | null {
  const parsed = v.safeParse(recordSchema, stored);
  return parsed.success ? parsed.output : null;
}
