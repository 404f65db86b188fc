/**
 * The app-wide settings files under the user data folder (preferences, window state) and
 * the managed settings file. Writes go to a temporary file renamed over the old one, so a
 * crash mid-write leaves the previous file, never half of one. A file that cannot be parsed
 * is moved aside (`*.unreadable-<time>`) rather than overwritten: nothing a user set is lost
 * without a trace.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { readManagedPolicy, unreadablePolicy } from './managed-policy';
import type { PolicyReading } from './managed-policy';

export type JsonReading = { kind: 'missing' } | { kind: 'read'; value: unknown } | { kind: 'set-aside'; movedTo: string; error: string };

export async function readJsonFile(file: string, now: () => number = Date.now): Promise<JsonReading> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    return { kind: 'read', value: JSON.parse(text) as unknown };
  } catch (error) {
    const movedTo = `${file}.unreadable-${now()}`;
    await fs.rename(file, movedTo);
    return { kind: 'set-aside', movedTo, error: (error as Error).message };
  }
}

export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(temporary, file);
}

/** The managed settings as installed: none, read, or refused (then the strict fallback applies). */
export async function loadManagedPolicy(file: string): Promise<PolicyReading> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return readManagedPolicy(null);
    return { ok: false, policy: unreadablePolicy, error: `The managed settings file ${file} cannot be read (${code ?? 'unknown error'})` };
  }
  return readManagedPolicy(text);
}
