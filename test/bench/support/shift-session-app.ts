/**
 * The app of the shift: built as `npm run build` builds it, into a folder of this run's own
 * inside the project (the bundles load node_modules from beside it), and started in a process
 * of its own on the desktop stand-in, its window a page of the given Chromium.
 */
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildApp } from '../../../scripts/app-build';
import { launchAppProcess } from '../../desktop/app-process/parent';
import type { AppProcess } from '../../desktop/app-process/parent';

export interface ShiftApp {
  app: AppProcess;
  /** Quits the app and removes its build, folders and keychain entries. */
  close(): Promise<void>;
}

export async function startShiftApp(browser: Browser): Promise<ShiftApp> {
  const distDir = resolve('.bench', `shift-session-app-${process.pid}`);
  await buildApp(distDir, { quiet: true });
  try {
    const app = await launchAppProcess(browser, { distDir });
    const started = await app.started;
    if (started.kind !== 'started') {
      await app.dispose();
      throw new Error(`the app did not start: ${JSON.stringify(started)}`);
    }
    return {
      app,
      async close() {
        await app.dispose();
        await rm(distDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(distDir, { recursive: true, force: true });
    throw error;
  }
}
