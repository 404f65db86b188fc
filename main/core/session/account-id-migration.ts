// Accounts stored under an id that is not a safe folder name everywhere (a token with `:`,
// kept as-is by earlier versions) move to the id accountIdFor gives now: their folder, the
// profile inside it, and their vault entries. Each step can be repeated, so an interruption
// is finished at the next start.
import { rename } from 'node:fs/promises';
import type { Vault } from '../vault';
import { accountFiles } from './account-files';
import { accountIdFor, isSafeAccountId } from './account-id';
import { readProfile, writeProfile } from './account-profile';

export async function migrateAccountIds(vault: Vault, dataRoot: string): Promise<{ from: string; to: string }[]> {
  const moved: { from: string; to: string }[] = [];
  for (const from of await vault.listAccounts()) {
    if (isSafeAccountId(from)) continue;
    // Earlier versions kept the user's token itself as the id when they took it as safe.
    const to = accountIdFor(from);
    const target = accountFiles(dataRoot, to);
    try {
      await rename(accountFiles(dataRoot, from).dir, target.dir);
    } catch (error) {
      // Moved already by an interrupted run, or never written.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const profile = await readProfile(target.profile);
    if (profile !== null && profile.id !== to) await writeProfile(target.profile, { ...profile, id: to });
    await vault.renameAccount(from, to);
    moved.push({ from, to });
  }
  return moved;
}
