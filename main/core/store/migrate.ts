import type Database from 'better-sqlite3-multiple-ciphers';
import { StoreOpenError } from './store-open-error';
import type { Migration } from './migrations';

/**
 * Applies, in order, each step newer than the database's `user_version`, each in its own
 * transaction together with the new version number, so a failed step leaves the previous
 * version intact. Running it again on an up-to-date database does nothing.
 */
export function migrate(db: Database.Database, steps: readonly Migration[], path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = steps.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new StoreOpenError('newer-version', path, `The database ${path} has schema version ${current}, newer than this TigerDesk knows (${latest}); update TigerDesk to open it`);
  }
  for (const step of steps) {
    if (step.version <= current) continue;
    // SQLite reads this pragma only outside a transaction (a no-op inside one).
    const enforcing = step.rebuildsTables === true && (db.pragma('foreign_keys', { simple: true }) as number) === 1;
    if (enforcing) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(step.sql);
        step.run?.(db);
        if (step.rebuildsTables === true) requireIntactReferences(db);
        db.pragma(`user_version = ${step.version}`);
      })();
    } catch (error) {
      throw new StoreOpenError('migration-failed', path, `Schema step ${step.version} failed and was rolled back: ${(error as Error).message}`);
    } finally {
      if (enforcing) db.pragma('foreign_keys = ON');
    }
  }
}

/** After a table was rebuilt with references unchecked: every reference must still find its row. */
function requireIntactReferences(db: Database.Database): void {
  const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  if (broken.length > 0) {
    throw new Error(`${broken.length} row(s) of ${broken[0]!.table} no longer find their ${broken[0]!.parent} row`);
  }
}
