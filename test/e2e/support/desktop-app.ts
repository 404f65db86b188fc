// TigerDesk as a person runs it: startApp over the built bundles, on the desktop stand-in, in
// a Chromium page; the keychain is the real one (the test command's gnome-keyring), under a
// service name of the test's own that is emptied when the app is disposed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import '../../support/provided-context';
import { startApp } from '../../../main/app';
import type { AppStart } from '../../../main/app';
import type { LogRecord } from '../../../main/core/log/logger';
import { chromiumSurfaces, pageOf } from '../../desktop/chromium-surface';
import { createDesktop } from '../../desktop/desktop';
import type { Desktop } from '../../desktop/desktop';
import { electronInPageScript } from '../../desktop/page-scripts';
import type { StandInWindow } from '../../desktop/stand-in-window';

export interface RunningApp {
  desktop: Desktop;
  started: AppStart;
  window: StandInWindow;
  page: Page;
  log: LogRecord[];
  /** Its folders, and its keychain service name: a second launch of the same installation uses both. */
  root: string;
  keychainService: string;
  /** Quits if still running, and removes its folders and keychain entries. */
  dispose(): Promise<void>;
}

let launches = 0;

export interface LaunchOptions {
  /** Another launch's folder: the same installation started again. */
  root?: string;
  keychainService?: string;
}

export async function launchApp(browser: Browser, options: LaunchOptions = {}): Promise<RunningApp> {
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'tigerdesk-app-')));
  const keychainService = options.keychainService ?? `TigerDesk-test-${process.pid}-${(launches += 1)}`;
  const log: LogRecord[] = [];
  const desktop = await createDesktop({ openSurface: chromiumSurfaces(browser, await electronInPageScript()), root });
  const started = await startApp(desktop.platform, { distDir: inject('builtAppDir'), keychainService, log: (record) => log.push(record) });
  const window = desktop.windows[0];
  const dispose = async () => {
    desktop.platform.app.quit();
    await Promise.race([desktop.exitCode, new Promise((resolve) => setTimeout(resolve, 8_000))]);
    if (options.root === undefined) await rm(root, { recursive: true, force: true });
    if (options.keychainService === undefined) {
      for (const { account } of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, account);
    }
  };
  if (window === undefined) return { desktop, started, window: undefined as unknown as StandInWindow, page: undefined as unknown as Page, log, root, keychainService, dispose };
  const page = await pageOf(window);
  page.setDefaultTimeout(15_000);
  return { desktop, started, window, page, log, root, keychainService, dispose };
}
