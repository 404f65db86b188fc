import { moveAside, openStore, StoreOpenError } from '../store';
import type { Store } from '../store';
import type { Logger } from '../log/logger';

/** A database that could not be read and was renamed beside the fresh one. */
export interface SetAside {
  /** Why it was unreadable, as the store reported it. */
  message: string;
  /** Where the file (and its WAL companions) now are. */
  movedTo: string[];
}

export interface AccountStoreOpening {
  store: Store;
  /** Set when the old database was unreadable: the account starts fresh and must re-sync. */
  setAside: SetAside | null;
}

/**
 * Opens the account's database. One that cannot be read with the vault's key (a wrong key
 * or a damaged file: SQLCipher cannot tell them apart) is moved aside, never deleted, and a
 * fresh one is created. Any other failure (newer schema, disk, permissions) is thrown as it
 * is: there the file is fine and starting fresh would only hide it.
 */
export async function openAccountStore(options: {
  dir: string;
  key: string;
  log: Logger;
  now?: () => number;
}): Promise<AccountStoreOpening> {
  const open = () => rewritten(openStore({ dir: options.dir, key: options.key, ...(options.now ? { now: options.now } : {}) }), options.log);
  try {
    return { store: open(), setAside: null };
  } catch (error) {
    if (!(error instanceof StoreOpenError) || error.reason !== 'wrong-key-or-corrupt') throw error;
    const movedTo = await moveAside(options.dir, options.now);
    options.log.error('the database cannot be read; it was kept aside and a fresh one started', {
      reason: error.reason,
      movedTo,
    });
    return { store: open(), setAside: { message: error.message, movedTo } };
  }
}

/** The one-time rewrite a migration asked for; one that fails is logged and tried at the next open. */
function rewritten(store: Store, log: Logger): Store {
  try {
    if (store.rewriteIfRequested()) log.info('the database was rewritten once, so that nothing erased earlier stays in its free pages');
  } catch (error) {
    log.warn('the database could not be rewritten now; it will be at the next start', { error: (error as Error).message });
  }
  return store;
}
