import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const pattern = /^[0-9a-f-]{36}$/;

/**
 * The id this installation gives the server at every password sign-in, created once and
 * kept in the data root (it is not a secret), so the server sees one device, not a new
 * one per sign-in.
 */
export async function deviceIdIn(dataRoot: string): Promise<string> {
  const path = join(dataRoot, 'device-id');
  try {
    const stored = (await readFile(path, 'utf8')).trim();
    if (pattern.test(stored)) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const created = randomUUID();
  await mkdir(dataRoot, { recursive: true, mode: 0o700 });
  await writeFile(path, `${created}\n`, { mode: 0o600 });
  return created;
}
