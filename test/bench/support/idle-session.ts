/**
 * The idle benchmark's subject: the whole app (startApp over the built bundles, through the
 * desktop stand-in) in a process of its own, its wakeups watched, signed in through its window
 * as a person does to a sandbox in another process, connected, then closed to the tray.
 */
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildApp } from '../../../scripts/app-build';
import { launchAppProcess } from '../../desktop/app-process/parent';
import type { AppProcess } from '../../desktop/app-process/parent';
import { launchDesktopChromium } from '../../harness/chromium';
import { startSandboxProcess } from './sandbox-process';

export interface IdleSession {
  app: AppProcess;
  /** The event streams the app has opened so far: one more means it reconnected. */
  streamsOpened(): Promise<number>;
  close(): Promise<void>;
}

async function newPersonWithPassword(sandboxUrl: string): Promise<{ email: string; password: string }> {
  const email = `idle-${process.pid}-${Date.now()}@bench.test`;
  const password = `idle-pw-${process.pid}`;
  const response = await fetch(`${sandboxUrl}/sandbox/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ display_name: 'Idle Nurse', email, password }),
  });
  if (response.status !== 200) throw new Error(`the sandbox admin route answered ${response.status}`);
  return { email, password };
}

/** Resolves once the app is signed in, connected and closed to the tray. */
export async function openIdleSession(): Promise<IdleSession> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    // Inside the project: the bundles load node_modules from beside them.
    const distDir = resolve('.test-dist', `idle-bench-${process.pid}`);
    cleanups.push(() => rm(distDir, { recursive: true, force: true }));
    // Side by side: each mostly waits on another process (esbuild, the sandbox's, Chromium's).
    const starting = [
      buildApp(distDir, { quiet: true }),
      startSandboxProcess().then((sandbox) => {
        cleanups.push(() => sandbox.close());
        return sandbox;
      }),
      launchDesktopChromium().then((browser) => {
        cleanups.push(() => browser.close());
        return browser;
      }),
    ] as const;
    // Every one settled first, so that what did start is closed when another failed.
    await Promise.allSettled(starting);
    const [, sandbox, browser] = await Promise.all(starting);
    const person = await newPersonWithPassword(sandbox.url);
    const app = await launchAppProcess(browser, { distDir, watchWakeups: true });
    cleanups.push(() => app.dispose());

    const started = await app.started;
    if (started.kind !== 'started') throw new Error(`the app did not start: ${JSON.stringify(started)}`);
    const page = await app.page();
    page.setDefaultTimeout(30_000);
    await page.getByRole('textbox', { name: 'Server' }).fill(sandbox.apiUrl);
    await page.getByRole('textbox', { name: 'User ID' }).fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('list', { name: 'Conversations' }).waitFor({ state: 'attached' });
    await page.locator('.banner[role="status"]').filter({ hasText: /^Connected/ }).waitFor();

    // Closing the window keeps the app in the tray: the way it idles through a shift.
    if ((await app.act({ kind: 'window', index: 0, gesture: 'close' })) !== false) throw new Error('closing the window quit the app instead of hiding it');
    const [window] = (await app.state()).windows;
    if (window === undefined || window.visible || window.destroyed) throw new Error('the window is not hidden in the tray');

    const streamsUrl = `${sandbox.apiUrl}/events/`;
    return {
      app,
      streamsOpened: async () => (await app.state()).netFetches.filter((call) => call.method === 'GET' && call.url.startsWith(streamsUrl)).length,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
