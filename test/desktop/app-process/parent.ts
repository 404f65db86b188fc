// TigerDesk in a process of its own (child.ts), for the end-to-end tests: startApp over the
// built bundles on the desktop stand-in, its windows' pages in the test's Chromium, its CPU
// and memory its own. The keychain is the real one (the test command's gnome-keyring), under
// a service name of the launch's own, emptied when the app is disposed.
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import keytar from 'keytar';
import type { Browser, Page } from 'playwright-core';
import type { AppStart } from '../../../main/app';
import type { LogRecord } from '../../../main/core/log/logger';
import type { ChromiumSurface} from '../chromium-surface';
import { chromiumSurfaces } from '../chromium-surface';
import { electronInPageScript } from '../page-scripts';
import type { SchemeResponse } from '../stand-in-protocol';
import { createLink } from './link';
import type { ChildRequest, DesktopAction, DesktopState, Message, ProcessUsage, StartTiming } from './messages';
import type { WakeupReport } from './wakeups';

export interface AppProcessOptions {
  /** The built app (test/support/built-app.ts). */
  distDir: string;
  /** Another launch's folder and keychain service: the same installation started again. */
  root?: string;
  keychainService?: string;
  /** The managed settings file the app reads instead of the system's (AppOptions.managedPolicyFile). */
  managedPolicyFile?: string;
  /** The OS whose notifications the desktop plays (default Linux's, which have no reply field or buttons). */
  notificationPlatform?: NodeJS.Platform;
  /** The browser's language, which the desktop reports as the OS's locale (default en-US). */
  locale?: string;
  /** Counts the app process's timer and I/O callbacks (wakeups.ts), for `watchWakeups()` and `wakeups()`. */
  watchWakeups?: boolean;
  /** The built main/app.cjs to start the app from (buildApp's startAppModule), instead of the source under tsx. */
  startAppModule?: string;
}

export interface AppProcess {
  pid: number;
  root: string;
  keychainService: string;
  /** How start-up ended. */
  started: Promise<AppStart>;
  /** When startApp was called, and how long loading its module took. */
  startTiming: Promise<StartTiming>;
  /** The native error dialogs shown by the end of start-up. */
  errorBoxesAtStart: Promise<{ title: string; content: string }[]>;
  /** The exit code, once the app's process has quit. */
  exitCode: Promise<number>;
  /** What the app logged (already redacted by its logger). */
  log: LogRecord[];
  /** The page of the app's first window, once it is loaded. */
  page(): Promise<Page>;
  state(): Promise<DesktopState>;
  /** What a person does to the desktop: click or answer a notification, pick a tray item, close the window, sleep the machine. */
  act(action: Exclude<DesktopAction, { kind: 'state' } | { kind: 'usage' } | { kind: 'gc' } | { kind: 'watch-wakeups' } | { kind: 'wakeups' }>): Promise<unknown>;
  usage(): Promise<ProcessUsage>;
  /** A full garbage collection in the app's process, then its usage. */
  gc(): Promise<ProcessUsage>;
  /** Counts the app process's wakeups afresh from now (launched with `watchWakeups`). */
  watchWakeups(): Promise<void>;
  /** The wakeups counted since `watchWakeups()`. */
  wakeups(): Promise<WakeupReport>;
  /** Quits if still running, and removes its folders and keychain entries. */
  dispose(): Promise<void>;
}

const childEntry = fileURLToPath(new URL('./child.ts', import.meta.url));
let launches = 0;

export async function launchAppProcess(browser: Browser, options: AppProcessOptions): Promise<AppProcess> {
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'tigerdesk-app-')));
  const keychainService = options.keychainService ?? `TigerDesk-test-${process.pid}-${(launches += 1)}`;
  const config = { root, keychainService, distDir: options.distDir, managedPolicyFile: options.managedPolicyFile, notificationPlatform: options.notificationPlatform, locale: options.locale, watchWakeups: options.watchWakeups, startAppModule: options.startAppModule };
  const child = fork(childEntry, [JSON.stringify(config)], {
    // --expose-gc: the `gc` action collects before a memory figure (the idle and leak benchmarks).
    execArgv: ['--import', 'tsx', '--expose-gc'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const log: LogRecord[] = [];
  const openSurface = chromiumSurfaces(browser, await electronInPageScript(), options.locale);
  const surfaces = new Map<number, Promise<ChromiumSurface>>();
  let firstSurface: (surface: Promise<ChromiumSurface>) => void = () => {};
  const first = new Promise<ChromiumSurface>((resolve) => {
    firstSurface = (surface) => void surface.then(resolve);
  });
  let started: (value: { result: AppStart; errorBoxes: { title: string; content: string }[]; timing: StartTiming }) => void = () => {};
  const startedPromise = new Promise<{ result: AppStart; errorBoxes: { title: string; content: string }[]; timing: StartTiming }>((resolve) => (started = resolve));
  const exitCode = new Promise<number>((resolve) => {
    child.once('exit', (code) => resolve(code ?? 1));
  });

  const surfaceOf = async (windowId: number): Promise<ChromiumSurface> => {
    const surface = surfaces.get(windowId);
    if (surface === undefined) throw new Error(`No surface for window ${windowId}`);
    return surface;
  };
  const link = createLink(
    (message) => {
      // The app's process may quit between the check and the write (its exit not yet seen here):
      // an answer nobody waits for any more is dropped, as the closing channel would drop it.
      if (!child.connected) return;
      child.send(message, (error) => {
        if (error !== null && (error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
      });
    },
    async (request) => {
      const asked = request as ChildRequest;
      switch (asked.kind) {
        case 'open-surface': {
          const { windowId } = asked;
          const surface = openSurface({
            window: {
              options: { width: asked.width, height: asked.height },
              invokeFromPage: (channel, args, frame) => link.request({ kind: 'invoke', windowId, channel, args, frame }) as Promise<string>,
              willNavigate: (url) => link.request({ kind: 'navigate', windowId, url }) as Promise<boolean>,
              openRequested: (url) => void link.request({ kind: 'open-requested', windowId, url }),
              schemeRequest: (request) => link.request({ kind: 'scheme-request', windowId, request }) as Promise<SchemeResponse>,
            },
            url: asked.url,
            loadUrl: asked.loadUrl,
            preload: asked.preload,
          }) as Promise<ChromiumSurface>;
          surfaces.set(windowId, surface);
          if (windowId === 1) firstSurface(surface);
          await surface;
          return null;
        }
        case 'deliver':
          return (await surfaceOf(asked.windowId)).deliver(asked.batch);
        case 'close-surface':
          return (await surfaceOf(asked.windowId)).close();
      }
    },
    (notice) => {
      if (notice.kind === 'log') log.push(notice.record);
      else if (notice.kind === 'started') started({ result: notice.started, errorBoxes: notice.errorBoxes, timing: notice.timing });
    },
  );
  child.on('message', (message) => link.receive(message as Message));
  child.once('exit', () => link.close("The app's process has exited"));

  const control = (action: DesktopAction) => link.request({ kind: 'control', action });
  return {
    pid: child.pid ?? 0,
    root,
    keychainService,
    started: startedPromise.then((start) => start.result),
    errorBoxesAtStart: startedPromise.then((start) => start.errorBoxes),
    startTiming: startedPromise.then((start) => start.timing),
    exitCode,
    log,
    page: async () => {
      const surface = await first;
      surface.page.setDefaultTimeout(15_000);
      return surface.page;
    },
    state: () => control({ kind: 'state' }) as Promise<DesktopState>,
    act: control,
    usage: () => control({ kind: 'usage' }) as Promise<ProcessUsage>,
    gc: () => control({ kind: 'gc' }) as Promise<ProcessUsage>,
    watchWakeups: async () => {
      await control({ kind: 'watch-wakeups' });
    },
    wakeups: () => control({ kind: 'wakeups' }) as Promise<WakeupReport>,
    async dispose() {
      if (child.exitCode === null) {
        await control({ kind: 'quit' }).catch(() => undefined);
        const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
        await exitCode;
        clearTimeout(timer);
      }
      if (options.root === undefined) await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      if (options.keychainService === undefined) {
        for (const { account } of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, account);
      }
    },
  };
}
