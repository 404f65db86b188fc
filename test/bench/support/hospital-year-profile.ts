/**
 * The hospital-year profile (issue 16), built once and kept under `.bench/hospital-year/`:
 * an account's data root holding a year of a busy hospital (see hospital-year-plan.ts),
 * stored through the app's real sync, with the secrets a fresh process needs to open it and
 * the sandbox data that knows the account, so that it can also be signed in and connected.
 *
 * The cache is keyed by the generator's own source, the schema's latest migration and the
 * parameters: a change to any of them builds a new profile, and a stale one is never used.
 * It is built in a folder of its own and renamed into place only when complete, under a lock
 * that other benchmark processes building the same profile wait on.
 *
 * What it returns is read-only: copy it (copyHospitalYear) before opening it.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, link, mkdir, open, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrations } from '../../../main/core/store/migrations';
import { SessionManager } from '../../../main/core/session';
import { Vault } from '../../../main/core/vault';
import { BenchLog, newPerson } from './bench-accounts';
import { CopyableSecretStore } from './copyable-secret-store';
import type { SecretEntries } from './copyable-secret-store';
import { runForked } from './forked-task';
import { threadConversationId } from './hospital-year-events';
import { fullYear, planHospitalYear, quickYear } from './hospital-year-plan';
import type { HospitalYearCounts, HospitalYearParameters } from './hospital-year-plan';
import type { YearPopulated, YearPopulateInput } from './hospital-year-populate';
import { startSandboxProcess } from './sandbox-process';

export interface HospitalYearProfile {
  /** A SessionManager dataRoot holding the one signed-in account (as cold-start-run.ts opens it). */
  dataRoot: string;
  secrets: SecretEntries;
  expected: HospitalYearCounts & {
    /** The one long thread's conversation, and how many messages it holds. */
    threadConversationId: string;
    threadMessages: number;
  };
  /** The sandbox's data that knows this account: copy it, start a sandbox on the copy, then connectHospitalYear. */
  sandboxDataDir: string;
  /** The account's key/secret pair in that sandbox. */
  credentials: { key: string; secret: string };
  parameters: HospitalYearParameters;
  /** Where the cached profile is: its size on disk is the profile's. */
  dir: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const cacheRoot = join(here, '..', '..', '..', '.bench', 'hospital-year');
/** The generator: a change to any of these files makes a different year. */
const generatorFiles = ['hospital-year-random.ts', 'hospital-year-text.ts', 'hospital-year-plan.ts', 'hospital-year-events.ts', 'hospital-year-populate.ts'];
const buildTimeoutMs = 30 * 60_000;

export async function hospitalYearProfile(options: { quick: boolean }): Promise<HospitalYearProfile> {
  const parameters = options.quick ? quickYear : fullYear;
  const key = await cacheKey(parameters);
  const dir = join(cacheRoot, key);
  const described = join(dir, 'profile.json');
  if (!existsSync(described)) await buildOnce(dir, parameters);
  return { ...(JSON.parse(await readFile(described, 'utf8')) as Omit<HospitalYearProfile, 'dir'>), dir };
}

/**
 * Copies the profile's account into `dataRoot` (a new folder) to be opened and changed there.
 * Cached attachment files are never changed in place (only written new or removed), so they
 * are hard-linked rather than copied: 50,000 files cost a directory walk, not a gigabyte.
 */
export async function copyHospitalYear(profile: HospitalYearProfile, dataRoot: string): Promise<void> {
  const isAttachment = (source: string) => {
    const [top, , folder] = relative(profile.dataRoot, source).split(sep);
    return top === 'accounts' && folder === 'attachments';
  };
  await cp(profile.dataRoot, dataRoot, { recursive: true, filter: (source) => !isAttachment(source) });
  for (const account of await readdir(join(profile.dataRoot, 'accounts'))) {
    const from = join(profile.dataRoot, 'accounts', account, 'attachments');
    if (!existsSync(from)) continue;
    const to = join(dataRoot, 'accounts', account, 'attachments');
    await mkdir(to, { recursive: true, mode: 0o700 });
    for (const name of await readdir(from)) await link(join(from, name), join(to, name));
  }
}

/**
 * Points a copied profile at a running sandbox (started on a copy of `sandboxDataDir`): signs
 * in again with the account's own key, as a user would after the server moved. The account's
 * id comes from its user token, so the same database opens; `secrets` come back updated.
 */
export async function connectHospitalYear(profile: HospitalYearProfile, copiedDataRoot: string, apiUrl: string): Promise<SecretEntries> {
  const secrets = await CopyableSecretStore.from(profile.secrets);
  const log = new BenchLog();
  const session = new SessionManager({ vault: new Vault(secrets), dataRoot: copiedDataRoot, clientVersion: 'tigerdesk-bench', fetch, log: log.logger('session') });
  await session.restore();
  await session.signInWithKey({ server: apiUrl, ...profile.credentials });
  log.assertNoErrors('signing the hospital year in again');
  return secrets.entries();
}

async function cacheKey(parameters: HospitalYearParameters): Promise<string> {
  const hash = createHash('sha256');
  for (const file of generatorFiles) hash.update(file).update(await readFile(join(here, file)));
  hash.update(JSON.stringify({ schema: migrations.at(-1)!.version, parameters }));
  return `${parameters.messages}-${hash.digest('hex').slice(0, 16)}`;
}

/** Builds the profile unless another process is building it already, in which case it waits for that one. */
async function buildOnce(dir: string, parameters: HospitalYearParameters): Promise<void> {
  await mkdir(cacheRoot, { recursive: true });
  const lock = `${dir}.lock`;
  const began = Date.now();
  while (!existsSync(join(dir, 'profile.json'))) {
    if (await takeLock(lock)) {
      try {
        if (!existsSync(join(dir, 'profile.json'))) await build(dir, parameters);
      } finally {
        await rm(lock, { force: true });
      }
      return;
    }
    if (Date.now() - began > buildTimeoutMs) throw new Error(`the hospital-year profile in ${dir} was not built within ${buildTimeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Takes the lock file, or takes over one whose process has gone. */
async function takeLock(lock: string): Promise<boolean> {
  try {
    const file = await open(lock, 'wx');
    await file.writeFile(String(process.pid));
    await file.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number(await readFile(lock, 'utf8').catch(() => ''));
  if (holder > 0 && isAlive(holder)) return false;
  await rm(lock, { force: true });
  return false;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function build(dir: string, parameters: HospitalYearParameters): Promise<void> {
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  const dataRoot = join(partial, 'data');
  const sandboxDataDir = join(partial, 'sandbox');
  await mkdir(sandboxDataDir, { recursive: true });
  const sandbox = await startSandboxProcess({ dataDir: sandboxDataDir });
  let populated: YearPopulated;
  let credentials: { key: string; secret: string };
  try {
    const me = await newPerson(sandbox.url, 'Charge Nurse');
    credentials = { key: me.key, secret: me.secret };
    const input: YearPopulateInput = { apiUrl: sandbox.apiUrl, ...credentials, dataRoot, parameters };
    populated = await runForked<YearPopulateInput, YearPopulated>(new URL('./hospital-year-populate.ts', import.meta.url), input, buildTimeoutMs);
  } finally {
    await sandbox.close();
  }
  const plan = planHospitalYear(parameters);
  const profile: Omit<HospitalYearProfile, 'dir'> = {
    dataRoot: join(dir, 'data'),
    secrets: populated.secrets,
    expected: { ...plan.counts, threadConversationId, threadMessages: parameters.threadMessages },
    sandboxDataDir: join(dir, 'sandbox'),
    credentials,
    parameters,
  };
  await writeFile(join(partial, 'profile.json'), JSON.stringify(profile));
  await rename(partial, dir);
  await removeStaleYears(dir);
}

/** Profiles of the same size made by an earlier generator or schema: never used again, and most of a gigabyte each. */
async function removeStaleYears(current: string): Promise<void> {
  const name = basename(current);
  const size = `${name.split('-')[0]!}-`;
  for (const entry of await readdir(cacheRoot)) {
    // One being built by another process (its lock held) is left to it.
    const key = entry.replace(/\.(partial|lock)$/, '');
    if (entry.startsWith(size) && key !== name && !existsSync(join(cacheRoot, `${key}.lock`))) {
      await rm(join(cacheRoot, entry), { recursive: true, force: true });
    }
  }
}
