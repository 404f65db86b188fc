import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';

const databaseName = 'tigerdesk.db';
// SQLite's companions of the database file in WAL mode; they belong with it.
const companions = ['', '-wal', '-shm'] as const;

export function databasePath(dir: string): string {
  return join(dir, databaseName);
}

/**
 * Renames the database and its WAL companions to a timestamped name beside them, so that a
 * fresh database can be created while the unreadable one is kept (never deleted: it may be
 * the only copy of messages, readable again with the right key). Returns the new paths.
 */
export async function moveAside(dir: string, now: () => number = Date.now): Promise<string[]> {
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  let base = join(dir, `${databaseName}.unreadable-${stamp}`);
  for (let n = 2; companions.some((suffix) => existsSync(`${base}${suffix}`)); n += 1) {
    base = join(dir, `${databaseName}.unreadable-${stamp}-${n}`);
  }
  const moved: string[] = [];
  for (const suffix of companions) {
    const from = `${databasePath(dir)}${suffix}`;
    if (!existsSync(from)) continue;
    await rename(from, `${base}${suffix}`);
    moved.push(`${base}${suffix}`);
  }
  return moved;
}
