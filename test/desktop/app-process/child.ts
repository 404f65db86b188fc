// The app's own process for the end-to-end tests: startApp on the desktop stand-in, as
// main/index.ts runs it in Electron, so that its CPU and memory are its own and not blurred
// by the test runner. Its windows' pages live in the test's Chromium (parent.ts); what a
// person does to the desktop comes in as control requests. Started by launchAppProcess with
// one argument: the JSON of { root, keychainService, distDir, managedPolicyFile?, notificationPlatform?, locale?, watchWakeups?, startAppModule? }.
import { createRequire } from 'node:module';
import type * as appModule from '../../../main/app';
import { createDesktop } from '../desktop';
import type { StandInWindow } from '../stand-in-window';
import type { OpenSurface } from '../stand-in-window';
import { createLink } from './link';
import type { DesktopAction, DesktopState, Message, ParentRequest, ProcessUsage } from './messages';
import { dropNetworkStackTimeouts } from './network-timeouts';
import { watchWakeups } from './wakeups';

const { notificationPlatform, locale, watchWakeups: watchingWakeups, startAppModule, ...config } = JSON.parse(process.argv[2] ?? '{}') as {
  root: string;
  keychainService: string;
  distDir: string;
  managedPolicyFile?: string;
  notificationPlatform?: NodeJS.Platform;
  locale?: string;
  watchWakeups?: boolean;
  startAppModule?: string;
};
// Before anything of the app runs, so that every timer it sets has its site.
const wakeups = watchingWakeups === true ? watchWakeups() : null;
dropNetworkStackTimeouts();
const send = (message: Message) => {
  process.send?.(message);
};
const owners = new Map<number, StandInWindow>();

const link = createLink(send, (request) => answer(request as ParentRequest), () => {});
process.on('message', (message) => link.receive(message as Message));
process.on('disconnect', () => process.exit(0));

const openSurface: OpenSurface = async ({ window, url, loadUrl, preload }) => {
  const windowId = owners.size + 1;
  owners.set(windowId, window as StandInWindow);
  await link.request({ kind: 'open-surface', windowId, url, loadUrl, preload, width: window.options.width ?? 800, height: window.options.height ?? 600 });
  return {
    deliver: async (batch) => {
      await link.request({ kind: 'deliver', windowId, batch });
    },
    close: async () => {
      await link.request({ kind: 'close-surface', windowId });
    },
  };
};

const desktop = await createDesktop({
  openSurface,
  root: config.root,
  ...(notificationPlatform === undefined ? {} : { notificationPlatform }),
  ...(locale === undefined ? {} : { locale }),
});

// Every request of the app must go through Electron's net.fetch (the system's proxy and
// certificates): Node's own fetch is counted from here on, and the tests expect none. The
// stand-in's net.fetch took Node's before this, as Chromium's stack stands apart from Node's.
let nodeFetches = 0;
const nodeFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  nodeFetches += 1;
  return nodeFetch(input, init);
};

function owner(windowId: number): StandInWindow {
  const window = owners.get(windowId);
  if (window === undefined) throw new Error(`No window ${windowId}`);
  return window;
}

async function answer(request: ParentRequest): Promise<unknown> {
  switch (request.kind) {
    case 'invoke':
      return owner(request.windowId).invokeFromPage(request.channel, request.args, request.frame);
    case 'navigate':
      return owner(request.windowId).willNavigate(request.url);
    case 'open-requested':
      owner(request.windowId).openRequested(request.url);
      return null;
    case 'scheme-request':
      return owner(request.windowId).schemeRequest(request.request);
    case 'control':
      return control(request.action);
  }
}

function notificationAt(index: number) {
  const notification = desktop.notifications[index];
  if (notification === undefined) throw new Error(`No notification ${index}`);
  return notification;
}

function control(action: DesktopAction): unknown {
  switch (action.kind) {
    case 'state':
      return state();
    case 'click-notification':
      notificationAt(action.index).click();
      return null;
    case 'reply-to-notification':
      notificationAt(action.index).reply(action.text);
      return null;
    case 'press-notification-button':
      notificationAt(action.index).action(action.button);
      return null;
    case 'pick-tray-item': {
      const tray = desktop.trays[0];
      if (tray === undefined) throw new Error('There is no tray icon');
      tray.pick(action.label);
      return null;
    }
    case 'window': {
      const window = desktop.windows[action.index];
      if (window === undefined) throw new Error(`No window ${action.index}`);
      if (action.gesture === 'close') return window.userClose();
      if (action.gesture === 'focus') window.userFocus();
      else if (action.gesture === 'blur') window.userBlur();
      else if (action.gesture === 'hide') window.hide();
      else window.show();
      return null;
    }
    case 'power':
      desktop.power.emit(action.event);
      return null;
    case 'advance-clock':
      desktop.clock.advance(action.ms);
      return null;
    case 'request-permission':
      return desktop.requestPermission(action.permission, action.details);
    case 'quit':
      desktop.platform.app.quit();
      return null;
    case 'usage':
      return usage();
    case 'gc':
      collectGarbage();
      return usage();
    case 'watch-wakeups':
      watchedWakeups().restart();
      return null;
    case 'wakeups':
      return watchedWakeups().report();
    case 'forget-records':
      forgetRecords();
      return null;
  }
}

function forgetRecords(): void {
  const open = desktop.notifications.filter((notification) => !notification.closed);
  desktop.notifications.splice(0, desktop.notifications.length, ...open);
  desktop.netFetches.splice(0);
  desktop.badgeCounts.splice(0);
}

function watchedWakeups() {
  if (wakeups === null) throw new Error("The app's process was launched without watchWakeups");
  return wakeups;
}

function usage(): ProcessUsage {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return { cpuMs: (cpu.user + cpu.system) / 1000, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed };
}

/**
 * parent.ts forks this process with --expose-gc, so that a memory figure is taken after a full
 * collection. The last-resort one, as Chromium's HeapProfiler.collectGarbage for the window:
 * it also gives back the pages V8 keeps pooled, which a regular one leaves in the RSS to be
 * released whenever V8 sees fit (measured: 5-10 MB that came and went from sample to sample).
 */
function collectGarbage(): void {
  if (globalThis.gc === undefined) throw new Error("The app's process was started without --expose-gc");
  globalThis.gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

function state(): DesktopState {
  return {
    windows: desktop.windows.map((window) => ({ visible: window.isVisible(), focused: window.isFocused(), destroyed: window.isDestroyed(), url: window.url, contentProtected: window.record.contentProtected })),
    notifications: desktop.notifications.map((notification) => ({
      title: notification.options.title ?? '',
      body: notification.options.body ?? '',
      shown: notification.shown,
      closed: notification.closed,
      hasReply: notification.options.hasReply === true,
      buttons: (notification.options.actions ?? []).map((action) => action.text ?? ''),
    })),
    trays: desktop.trays.map((tray) => ({ tooltip: tray.tooltip, destroyed: tray.destroyed, items: tray.menu.map((item) => item.label ?? '') })),
    errorBoxes: desktop.errorBoxes,
    externalLinks: desktop.externalLinks,
    openedPaths: desktop.openedPaths,
    badgeCounts: desktop.badgeCounts,
    utilityPids: desktop.utilityPids,
    userData: desktop.userData,
    netFetches: desktop.netFetches,
    nodeFetches,
  };
}

// The composition from the built bundle that exports it (buildApp's startAppModule: the start-up
// benchmark measures the built code, not tsx's) or from the source under tsx (the tests);
// loaded once the desktop exists, so that the time it takes is told apart from the stand-in's.
const loadingAt = performance.now();
const { startApp } = startAppModule === undefined ? await import('../../../main/app') : (createRequire(import.meta.url)(startAppModule) as typeof appModule);
const timing = { loadMs: performance.now() - loadingAt, calledAt: performance.timeOrigin + performance.now() };
const startedSent = startApp(desktop.platform, { ...config, log: (record) => send({ kind: 'log', record }) }).then((started) =>
  send({ kind: 'started', started, errorBoxes: desktop.errorBoxes, timing }),
);
// The app quit or exited: so does its process, as Electron's does, once the parent has heard how start-up ended.
void desktop.exitCode.then(async (code) => {
  await startedSent;
  process.exit(code);
});
