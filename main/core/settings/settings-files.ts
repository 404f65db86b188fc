/**
 * The app-wide settings files under the user data folder (preferences, window state) and
 * the managed settings (a file on Linux and macOS, the registry on Windows). Writes go to a temporary file renamed over the old one, so a
 * crash mid-write leaves the previous file, never half of one. A file that cannot be parsed
 * is moved aside (`*.unreadable-<time>`) rather than overwritten: nothing a user set is lost
 * without a trace.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { readManagedPolicy, readPolicyValue, unreadablePolicy, withoutProfileKeys } from './managed-policy';
import type { PolicyReading, PolicySource } from './managed-policy';
import { untrustedPolicyReason } from './policy-file-trust';
import type { PathRecord } from './policy-file-trust';
import { parseRegQuery, policyFromRegistry, policyRegistryKey } from './registry-policy';

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

/**
 * The managed settings file as installed: none, read, or refused (then the strict fallback
 * applies). With `ownership` (Linux, macOS) a file that someone other than root could have
 * written is refused without being read (policy-file-trust.ts).
 */
export async function loadManagedPolicy(file: string, options: { ownership: boolean }): Promise<PolicyReading> {
  const refusal = await untrustedOrMissing(file, options.ownership);
  if (refusal === 'missing') return readManagedPolicy(null);
  if (refusal !== null) return refusal;
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    return cannotRead(file, error);
  }
  return readManagedPolicy(text);
}

/**
 * macOS: the settings an MDM profile installs for the domain `app.tigerdesk.desktop`
 * (`/Library/Managed Preferences/app.tigerdesk.desktop.plist`, which only the system
 * writes), converted to JSON by the system's own /usr/bin/plutil and read by the same schema
 * as the file; without a profile, the file. A thin edge: plutil exists only on macOS, so
 * this is not run by the tests here; the ownership check and the schema are.
 */
export async function loadManagedPreferences(plist: string, file: string): Promise<PolicyReading> {
  const refusal = await untrustedOrMissing(plist, true);
  if (refusal === 'missing') return loadManagedPolicy(file, { ownership: true });
  if (refusal !== null) return refusal;
  const answer = await new Promise<{ error: Error | null; stdout: string }>((resolve) => {
    execFile('/usr/bin/plutil', ['-convert', 'json', '-o', '-', '--', plist], { timeout: 10_000, maxBuffer: 1024 * 1024 }, (error, stdout) => resolve({ error, stdout }));
  });
  if (answer.error !== null) {
    return { ok: false, policy: unreadablePolicy, error: `The managed preferences ${plist} cannot be read: ${answer.error.message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(answer.stdout);
  } catch (error) {
    return { ok: false, policy: unreadablePolicy, error: `The managed preferences ${plist} are not readable as JSON: ${(error as Error).message}` };
  }
  return readPolicyValue(withoutProfileKeys(json), `The managed preferences ${plist}`);
}

/** Null when the file exists and may be read; 'missing' when there is none; otherwise the refusal. */
async function untrustedOrMissing(file: string, ownership: boolean): Promise<PolicyReading | 'missing' | null> {
  let records: PathRecord[];
  try {
    records = await pathRecords(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return cannotRead(file, error);
  }
  const untrusted = ownership ? untrustedPolicyReason(records) : null;
  if (untrusted === null) return null;
  return { ok: false, policy: unreadablePolicy, error: `The managed settings file ${file} is refused, since someone other than an administrator could have written it: ${untrusted}` };
}

function cannotRead(file: string, error: unknown): PolicyReading {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return readManagedPolicy(null);
  return { ok: false, policy: unreadablePolicy, error: `The managed settings file ${file} cannot be read (${code ?? 'unknown error'})` };
}

/** lstat of the file and each folder up to the root, as named and, when symlinks lead elsewhere, as resolved. */
async function pathRecords(file: string): Promise<PathRecord[]> {
  const named = path.resolve(file);
  const records = await componentRecords(named);
  const real = await fs.realpath(named);
  return real === named ? records : [...records, ...(await componentRecords(real))];
}

async function componentRecords(file: string): Promise<PathRecord[]> {
  const records: PathRecord[] = [];
  for (let current = file; ; current = path.dirname(current)) {
    const stats = await fs.lstat(current);
    const kind = stats.isSymbolicLink() ? 'symlink' : stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other';
    records.push({ path: current, uid: stats.uid, mode: stats.mode, kind });
    if (path.dirname(current) === current) return records;
  }
}

/**
 * The managed settings Group Policy wrote under HKLM\SOFTWARE\Policies\TigerDesk, read with
 * `reg.exe query /s /reg:64`. A thin edge (tested only through its pure parts: parseRegQuery and
 * policyFromRegistry): reg.exe answers 1 when the key does not exist, and then nothing is
 * managed; any other failure applies the strict settings.
 */
export async function loadRegistryPolicy(regExe: string): Promise<PolicyReading> {
  const answer = await new Promise<{ code: number | null; stdout: string; error: NodeJS.ErrnoException | null }>((resolve) => {
    // /reg:64: the key Group Policy writes, even from a 32-bit build (no WOW6432Node redirection).
    execFile(regExe, ['query', policyRegistryKey, '/s', '/reg:64'], { windowsHide: true, timeout: 10_000, maxBuffer: 1024 * 1024 }, (error, stdout) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, error: error as NodeJS.ErrnoException | null });
    });
  });
  if (answer.code === 1) return readManagedPolicy(null);
  if (answer.code !== 0) {
    return { ok: false, policy: unreadablePolicy, error: `The managed settings in the registry cannot be read with ${regExe} (${answer.error?.code ?? answer.error?.message ?? 'unknown error'})` };
  }
  let value: Record<string, unknown> | null;
  try {
    value = policyFromRegistry(parseRegQuery(answer.stdout));
  } catch (error) {
    return { ok: false, policy: unreadablePolicy, error: `The managed settings in the registry cannot be read: ${(error as Error).message}` };
  }
  return value === null ? readManagedPolicy(null) : readPolicyValue(value, `The managed settings in ${policyRegistryKey}`);
}

/** The managed settings from where `source` says; a file's owners are checked but on Windows, where uid and mode mean nothing. */
export function loadPolicyFrom(source: PolicySource, platform: NodeJS.Platform): Promise<PolicyReading> {
  switch (source.kind) {
    case 'registry':
      return loadRegistryPolicy(source.regExe);
    case 'managed-preferences':
      return loadManagedPreferences(source.plist, source.path);
    case 'file':
      return loadManagedPolicy(source.path, { ownership: platform !== 'win32' });
  }
}
