/**
 * Wake to notification (issue 16, item 3): the built app in a process of its own, holding the
 * hospital-year account and connected to a sandbox in another process through a link that
 * sleeps with the machine (app-start-sleepy-link.ts). Each sleep: the OS says it suspends, the
 * link goes down, the app's process is stopped (nothing of it runs on a sleeping machine),
 * someone new writes to the account meanwhile, then the process runs again, the wall clock has
 * moved on by the sleep, the network is back and the OS says it resumed. Measured: from the
 * resume to that message's native notification on screen (the desktop stand-in's record).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createApiClient } from '../../../main/core/api';
import { launchAppProcess } from '../../desktop/app-process/parent';
import type { AppProcess } from '../../desktop/app-process/parent';
import { newInstallation } from './app-start-install';
import type { BuiltApp } from './app-start-roster';
import { startSleepyLink } from './app-start-sleepy-link';
import type { SleepyLink } from './app-start-sleepy-link';
import { newPerson } from './bench-accounts';
import { connectHospitalYear, copyHospitalYear } from './hospital-year-profile';
import type { HospitalYearProfile } from './hospital-year-profile';
import { startSandboxProcess } from './sandbox-process';
import type { SandboxProcess } from './sandbox-process';

const sleepMs = 5 * 60_000;
const settleMs = 60_000;
/** How often the desktop's notifications are looked at: the figure's resolution. */
const pollMs = 5;
const caller = 'Night Caller';
/**
 * Sleeps are hours apart: by the next one the stream has long been healthy, and a healthy
 * connection resets the reconnect backoff (event-stream.ts: after 10 s). Sleeping again sooner
 * would measure a backoff grown by the previous wake's failed first try.
 */
const awakeBetweenSleepsMs = 12_000;

/** The time from each resume to the notification of the message sent during that sleep, in ms. */
export async function wakeToNotification(browser: Browser, built: BuiltApp, profile: HospitalYearProfile, sleeps: number): Promise<number[]> {
  const sandboxDir = await mkdtemp(join(tmpdir(), 'tigerdesk-wake-sandbox-'));
  const installation = await newInstallation();
  let app: AppProcess | undefined;
  try {
    await cp(profile.sandboxDataDir, sandboxDir, { recursive: true });
    const sandbox = await startSandboxProcess({ dataDir: sandboxDir });
    const link = await startSleepyLink(Number(new URL(sandbox.apiUrl).port));
    try {
      await copyHospitalYear(profile, installation.dataRoot);
      await installation.keepSecrets(await connectHospitalYear(profile, installation.dataRoot, link.apiUrl));
      const me = (await createApiClient({ baseUrl: sandbox.apiUrl, credentials: profile.credentials }).getUser()).token;
      app = await launchAppProcess(browser, { ...built, root: installation.root, keychainService: installation.keychainService });
      const started = await app.started;
      if (started.kind !== 'started') throw new Error(`the app did not start: ${JSON.stringify(started)}`);
      const page = await app.page();
      await page.locator('.banner[role="status"]').filter({ hasText: /^Connected/ }).waitFor({ timeout: settleMs });
      const times: number[] = [];
      for (let sleep = 0; sleep < sleeps; sleep += 1) {
        if (sleep > 0) await new Promise((resolve) => setTimeout(resolve, awakeBetweenSleepsMs));
        times.push(await sleepAndWake(app, link, () => messageFromSomeoneNew(sandbox, me, `Bed ${sleep + 1}: call the ward`)));
      }
      const errors = app.log.filter((record) => record.level === 'error');
      if (errors.length > 0) throw new Error(`the app logged errors: ${[...new Set(errors.map((record) => record.message))].join('; ')}`);
      return times;
    } finally {
      await app?.dispose();
      await link.close();
      await sandbox.close();
    }
  } finally {
    await installation.remove();
    await rm(sandboxDir, { recursive: true, force: true });
  }
}

/** One sleep, with `meanwhile` done while the machine sleeps; the time from the resume to its notification. */
async function sleepAndWake(app: AppProcess, link: SleepyLink, meanwhile: () => Promise<string>): Promise<number> {
  const shownBefore = (await app.state()).notifications.length;
  await app.act({ kind: 'power', event: 'suspend' });
  link.sleep();
  process.kill(app.pid, 'SIGSTOP');
  let sender: string;
  try {
    sender = await meanwhile();
  } finally {
    process.kill(app.pid, 'SIGCONT');
  }
  await app.act({ kind: 'advance-clock', ms: sleepMs });
  link.wake();
  const resumed = performance.now();
  await app.act({ kind: 'power', event: 'resume' });
  const until = resumed + settleMs;
  while (performance.now() < until) {
    const fresh = (await app.state()).notifications.slice(shownBefore);
    const notified = fresh.find((shown) => shown.shown && (shown.title.startsWith(caller) || shown.title === sender));
    if (notified !== undefined) return performance.now() - resumed;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`no notification of the message sent during the sleep within ${settleMs} ms of the resume`);
}

/** A new person in the sandbox writes to `recipient`; answers the sender's token. */
async function messageFromSomeoneNew(sandbox: SandboxProcess, recipient: string, body: string): Promise<string> {
  const person = await newPerson(sandbox.url, caller);
  const api = createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key: person.key, secret: person.secret } });
  const [organization] = await api.getUserOrganizations(person.token);
  if (organization === undefined) throw new Error('the sandbox put the new person in no organization');
  await api.sendMessage({ recipient, body, senderOrganization: organization.token });
  return person.token;
}
