import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where an account's local data lives under the data root: one folder per account id,
 * holding its profile, its encrypted database (with SQLite's companions) and the
 * attachment cache. A database that could not be opened is renamed `*.unreadable-*` in
 * the same folder by the store.
 */
export interface AccountFiles {
  dir: string;
  profile: string;
  attachments: string;
}

export function accountFiles(dataRoot: string, accountId: string): AccountFiles {
  const dir = join(dataRoot, 'accounts', accountId);
  return { dir, profile: join(dir, 'profile.json'), attachments: join(dir, 'attachments') };
}

const keptAside = /\.unreadable-/;

/**
 * Signing out: erases the database, the attachment cache and the profile. Databases kept
 * aside because they could not be read stay: they may be the only copy of messages and
 * are useless without a key this account no longer has. Returns what was kept.
 */
export async function eraseAccountFiles(files: AccountFiles): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(files.dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const kept: string[] = [];
  for (const name of names) {
    if (keptAside.test(name)) kept.push(join(files.dir, name));
    else await rm(join(files.dir, name), { recursive: true, force: true });
  }
  if (kept.length === 0) await rm(files.dir, { recursive: true, force: true });
  return kept;
}

/** A remote wipe: the administrator asked for nothing to remain, kept-aside files included. */
export async function wipeAccountFiles(files: AccountFiles): Promise<void> {
  await rm(files.dir, { recursive: true, force: true });
}
