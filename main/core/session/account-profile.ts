import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as v from 'valibot';
import type { AccountSummary } from './session-state';

const profileSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  server: v.pipe(v.string(), v.url()),
  userToken: v.pipe(v.string(), v.minLength(1)),
  displayName: v.string(),
  organization: v.object({ token: v.pipe(v.string(), v.minLength(1)), name: v.string() }),
});

/**
 * The non-secret facts about a signed-in account (who, which server, which organization
 * sends), kept beside its database so that start-up needs no network call.
 */
export async function readProfile(path: string): Promise<AccountSummary | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = v.safeParse(profileSchema, json);
  return parsed.success ? parsed.output : null;
}

/** Written to a temporary file and renamed, so a crash leaves the old or the new profile. */
export async function writeProfile(path: string, profile: AccountSummary): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.tmp`;
  await writeFile(temporary, JSON.stringify(profile), { mode: 0o600 });
  await rename(temporary, path);
}
