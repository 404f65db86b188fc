// The desktop stand-in: Electron's platform for startApp (main/shell/platform.ts), in Node,
// for tests and the browser harness. Windows are real Chromium pages (stand-in-window.ts);
// the OS parts (notifications, tray, menus, dialogs, power events, the keychain's fallback
// codec) are recorders a test reads and drives; the utility process is a real child process
// running the built sandbox bundle. See README.md beside this file for what it cannot show.
import { fork } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  BrowserWindowConstructorOptions,
  Display,
  ForkOptions,
  Menu,
  MenuItemConstructorOptions,
  NativeImage,
  NotificationConstructorOptions,
} from 'electron';
import type { Clock } from '../../main/core/clock';
import type { UpdaterLike } from '../../main/shell/auto-update';
import type { AppNotification, AppTray, AppUtilityProcess, DesktopPlatform } from '../../main/shell/platform';
import { StandInIpcMain } from './stand-in-ipc';
import { StandInProtocol } from './stand-in-protocol';
import { StandInMenu, StandInSpellChecker } from './stand-in-session';
import { StandInWindow } from './stand-in-window';
import type { OpenSurface } from './stand-in-window';

/** Node's fetch as this module found it: net.fetch's network, whatever a test later puts in its place. */
const nodeFetch = globalThis.fetch;

/** The user-data folders whose single-instance lock a desktop of this process holds. */
const heldHere = new Set<string>();

/**
 * app.requestSingleInstanceLock across processes, as Electron's: a lock file naming the holder's
 * process in the user-data folder. A second instance leaves a knock there and quits; the
 * holder, watching the folder, hears it as 'second-instance'. Returns the release, or null
 * when another instance holds the lock.
 */
function singleInstanceLock(userData: string, secondInstance: () => void): (() => void) | null {
  const lockFile = join(userData, 'SingletonLock');
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(lockFile, 'utf8'));
    const held = holder === process.pid ? heldHere.has(userData) : isAlive(holder);
    if (held) {
      writeFileSync(join(userData, `SingletonKnock-${process.pid}-${randomBytes(4).toString('hex')}`), '');
      return null;
    }
    // Left by an instance that is gone.
    writeFileSync(lockFile, String(process.pid));
  }
  heldHere.add(userData);
  const watcher = watch(userData, (_event, name) => {
    if (name === null || !name.startsWith('SingletonKnock-')) return;
    rmSync(join(userData, name), { force: true });
    secondInstance();
  });
  return () => {
    watcher.close();
    heldHere.delete(userData);
    rmSync(lockFile, { force: true });
  };
}

/** Whether a process with this id is running. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class MovableClock implements Clock {
  private offsetMs = 0;
  now = () => Date.now() + this.offsetMs;
  setTimeout = (callback: () => void, ms: number) => setTimeout(callback, ms);
  clearTimeout = (handle: unknown) => clearTimeout(handle as NodeJS.Timeout);
  /** The wall clock jumps ahead as over a sleep; timers, like the OS's during sleep, do not run. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** The OSes whose notifications Electron gives a reply field (`hasReply`) and buttons (`actions`). */
const answerablePlatforms: readonly NodeJS.Platform[] = ['darwin', 'win32'];

/** An event as Electron 45 passes it to a notification's listeners: its details on the event itself. */
function notificationEvent<T extends object>(details: T): T & { preventDefault(): void; defaultPrevented: boolean } {
  const event = { ...details, defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
  return event;
}

export class StandInNotification extends EventEmitter implements AppNotification {
  shown = false;
  closed = false;
  constructor(
    readonly options: NotificationConstructorOptions,
    /** The OS showing it: Linux's has neither a reply field nor buttons, whatever the options ask. */
    readonly platform: NodeJS.Platform = 'linux',
  ) {
    super();
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
  /** The person clicks it. */
  click(): void {
    this.emit('click');
  }
  /** The person sends `text` from its reply field; Electron passes it on the event and, deprecated, as a second argument. */
  reply(text: string): void {
    this.mustBeAnswerable();
    if (this.options.hasReply !== true) throw new Error('This notification has no reply field: it was made without hasReply');
    this.emit('reply', notificationEvent({ reply: text }), text);
  }
  /** The person presses its button at `index`. */
  action(index: number): void {
    this.mustBeAnswerable();
    const buttons = (this.options.actions ?? []).filter((action) => action.type === 'button');
    if (buttons[index] === undefined) throw new Error(`This notification has no button ${index}: it has ${buttons.map((button) => `"${button.text ?? ''}"`).join(', ') || 'none'}`);
    this.emit('action', notificationEvent({ actionIndex: index, selectionIndex: -1 }), index, -1);
  }
  /** Only a notification on screen, on an OS that has reply fields and buttons, can be answered. */
  private mustBeAnswerable(): void {
    if (!answerablePlatforms.includes(this.platform)) throw new Error(`Notifications on ${this.platform} have no reply field or buttons`);
    if (!this.shown || this.closed) throw new Error('Only a notification on screen can be answered');
  }
}

export class StandInTray extends EventEmitter implements AppTray {
  tooltip = '';
  menu: MenuItemConstructorOptions[] = [];
  images = 0;
  destroyed = false;
  setImage(): void {
    this.images += 1;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setContextMenu(menu: Menu | null): void {
    this.menu = menu === null ? [] : (menu as unknown as StandInMenu).template;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** The person picks the tray menu's item with this label. */
  pick(label: string): void {
    const item = this.menu.find((candidate) => candidate.label === label);
    if (item?.click === undefined) throw new Error(`The tray menu has no item "${label}": ${this.menu.map((entry) => entry.label).join(', ')}`);
    (item.click as () => void)();
  }
}

/** Electron's safeStorage: a key of this desktop's own (the OS's keyring or DPAPI in Electron). */
function standInSafeStorage() {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => true,
    encryptString(text: string): Buffer {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted: Buffer): string {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** Electron's utilityProcess.fork: a Node child whose `process.parentPort` speaks as Electron's does. */
const parentPortShim = `data:text/javascript,${encodeURIComponent(`
import { EventEmitter } from 'node:events';
const port = new EventEmitter();
process.on('message', (data) => port.emit('message', { data, ports: [] }));
port.postMessage = (message) => process.send(message);
process.parentPort = port;
// A utility process does not outlive the app that started it.
process.on('disconnect', () => process.exit(0));
`)}`;

function forkUtility(modulePath: string, args: string[], options: ForkOptions, forked: (pid: number) => void): AppUtilityProcess {
  const child = fork(modulePath, args, {
    execArgv: ['--import', parentPortShim],
    stdio: options.stdio === 'ignore' ? ['ignore', 'ignore', 'ignore', 'ipc'] : 'inherit',
    serialization: 'advanced',
  });
  if (child.pid !== undefined) forked(child.pid);
  const utility = Object.assign(new EventEmitter(), {
    postMessage: (message: unknown) => {
      child.send(message as never);
    },
    kill: () => child.kill('SIGKILL'),
  });
  child.on('message', (message) => utility.emit('message', message));
  child.on('exit', (code, signal) => utility.emit('exit', code ?? (signal === null ? 0 : 1)));
  return utility as unknown as AppUtilityProcess;
}

export interface DesktopOptions {
  /** Where windows' pages live: Chromium pages (chromium-surface.ts) or the harness's browser tabs. */
  openSurface: OpenSurface;
  /** The app's folders (userData, logs, temp, downloads) go under it. */
  root: string;
  clock?: MovableClock;
  /** The OS whose notifications the desktop plays (DesktopPlatform.notificationPlatform); default Linux's, as here. */
  notificationPlatform?: NodeJS.Platform;
  /**
   * The OS's locale (`app.getLocale()`): the language of the browser the windows' pages live in
   * (chromiumSurfaces' `locale`, the harness tab's Accept-Language); default en-US, Chromium's.
   */
  locale?: string;
}

export type StandInPlatform = DesktopPlatform<StandInWindow>;

export interface Desktop {
  platform: StandInPlatform;
  clock: MovableClock;
  windows: StandInWindow[];
  notifications: StandInNotification[];
  trays: StandInTray[];
  errorBoxes: { title: string; content: string }[];
  externalLinks: string[];
  openedPaths: string[];
  loginItems: boolean[];
  badgeCounts: number[];
  /** Answers for the next open and save dialogs; a dialog with none left answers cancelled. */
  dialogAnswers: { open: string[][]; save: string[] };
  appMenu: MenuItemConstructorOptions[] | null;
  /** The context menus the app popped up, in order (a test picks an item with pickMenuItem). */
  contextMenus: MenuItemConstructorOptions[][];
  /** What the app put on the clipboard, in order. */
  clipboard: string[];
  /** The session's spell checker: the languages, dictionary location and words the app set. */
  spellChecker: StandInSpellChecker;
  /** What the app's permission handler answers for this permission (as the window's page would ask). */
  requestPermission(permission: string, details?: Record<string, unknown>): Promise<boolean>;
  /** The OS says the machine woke or sleeps, or the screen was locked or unlocked. */
  power: EventEmitter;
  /** The OS's idle time (powerMonitor.getSystemIdleTime), in seconds: a test sets it. */
  idleSeconds: number;
  setOnline(online: boolean): void;
  /** The process is asked to start again (a second launch): true if it got the lock. */
  readonly exitCode: Promise<number>;
  /** Where the app's folders are. */
  userData: string;
  /** The utility processes started, by process id (a test may freeze one: SIGSTOP). */
  utilityPids: number[];
  /** Every request made through net.fetch: its method and its URL without the query. */
  netFetches: { method: string; url: string }[];
}

export async function createDesktop(options: DesktopOptions): Promise<Desktop> {
  const userData = join(options.root, 'userData');
  const paths: Record<string, string> = {
    userData,
    logs: join(options.root, 'logs'),
    temp: join(options.root, 'temp'),
    downloads: join(options.root, 'downloads'),
  };
  for (const path of Object.values(paths)) await mkdir(path, { recursive: true });
  const clock = options.clock ?? new MovableClock();
  const ipcMain = new StandInIpcMain();
  const appEvents = new EventEmitter();
  const power = new EventEmitter();
  let online = true;
  let ready = false;
  let state: 'running' | 'quitting' | 'exited' = 'running';
  let exited: (code: number) => void = () => {};
  const exitCode = new Promise<number>((resolve) => {
    exited = resolve;
  });
  const exit = (code: number) => {
    if (state === 'exited') return;
    state = 'exited';
    releaseInstanceLock?.();
    releaseInstanceLock = null;
    void Promise.all(desktop.windows.map((window) => window.destroy())).then(() => exited(code));
  };
  let releaseInstanceLock: (() => void) | null = null;
  let permissionHandler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;

  const desktop: Desktop = {
    platform: undefined as unknown as StandInPlatform,
    clock,
    windows: [],
    notifications: [],
    trays: [],
    errorBoxes: [],
    externalLinks: [],
    openedPaths: [],
    loginItems: [],
    badgeCounts: [],
    dialogAnswers: { open: [], save: [] },
    appMenu: null,
    contextMenus: [],
    clipboard: [],
    spellChecker: new StandInSpellChecker(),
    requestPermission(permission, details = {}) {
      return new Promise((resolve) => {
        if (permissionHandler === null) resolve(true);
        // Asked by the first window's page unless the details name another frame's URL.
        else permissionHandler(desktop.windows[0]?.webContents, permission, resolve, { requestingUrl: desktop.windows[0]?.url ?? '', ...details });
      });
    },
    power,
    idleSeconds: 0,
    setOnline(value) {
      online = value;
    },
    exitCode,
    userData,
    utilityPids: [],
    netFetches: [],
  };

  const protocol = new StandInProtocol(() => ready);
  const host = { ipcMain, protocol, openSurface: options.openSurface, opened: (window: StandInWindow) => desktop.windows.push(window) };
  class BrowserWindow extends StandInWindow {
    constructor(windowOptions: BrowserWindowConstructorOptions) {
      if (!ready) throw new Error('Cannot create BrowserWindow before app is ready');
      super(host, windowOptions);
    }
  }
  const notificationPlatform = options.notificationPlatform ?? 'linux';
  class Notification extends StandInNotification {
    constructor(notificationOptions: NotificationConstructorOptions) {
      super(notificationOptions, notificationPlatform);
      desktop.notifications.push(this);
    }
    static isSupported(): boolean {
      return true;
    }
  }
  class Tray extends StandInTray {
    constructor() {
      super();
      desktop.trays.push(this);
    }
  }

  const app = Object.assign(appEvents, {
    dock: undefined,
    enableSandbox() {
      if (ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    },
    setAppUserModelId() {},
    requestSingleInstanceLock() {
      releaseInstanceLock ??= singleInstanceLock(userData, () => appEvents.emit('second-instance', {}, [], userData));
      return releaseInstanceLock !== null;
    },
    whenReady() {
      ready = true;
      return Promise.resolve();
    },
    quit() {
      if (state !== 'running') return;
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      appEvents.emit('before-quit', event);
      if (event.defaultPrevented) return;
      // Windows close (they may refuse, while not quitting), then the app goes.
      state = 'quitting';
      for (const window of desktop.windows) if (!window.isDestroyed()) window.userClose();
      appEvents.emit('will-quit', { preventDefault() {} });
      exit(0);
    },
    exit,
    getPath(name: string) {
      const path = paths[name];
      if (path === undefined) throw new Error(`Failed to get '${name}' path`);
      return path;
    },
    isPackaged: false,
    getVersion: () => '0.1.0',
    getName: () => 'TigerDesk',
    getLocale: () => options.locale ?? 'en-US',
    setLoginItemSettings({ openAtLogin }: { openAtLogin?: boolean }) {
      desktop.loginItems.push(openAtLogin === true);
    },
    setBadgeCount(count?: number) {
      desktop.badgeCounts.push(count ?? 0);
      return true;
    },
  });

  // Never asked in the tests that use the stand-in: no policy there turns updates on.
  const updater: UpdaterLike = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowDowngrade: false,
    setFeedURL: () => {},
    checkForUpdates: () => Promise.resolve(null),
    checkForUpdatesAndNotify: () => Promise.resolve(null),
    on: () => updater,
    netSession: { webRequest: { onBeforeRequest: () => {} } },
  };

  desktop.platform = {
    app: app as unknown as StandInPlatform['app'],
    BrowserWindow,
    clipboard: {
      async writeText(text: string) {
        desktop.clipboard.push(text);
      },
    },
    dialog: {
      showErrorBox(title: string, content: string) {
        desktop.errorBoxes.push({ title, content });
      },
      async showOpenDialog() {
        const filePaths = desktop.dialogAnswers.open.shift();
        return { canceled: filePaths === undefined, filePaths: filePaths ?? [] };
      },
      async showSaveDialog() {
        const filePath = desktop.dialogAnswers.save.shift();
        return { canceled: filePath === undefined, filePath: filePath ?? '' };
      },
    },
    ipcMain: ipcMain as unknown as StandInPlatform['ipcMain'],
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => new StandInMenu(template, (popped) => desktop.contextMenus.push(popped)) as unknown as Menu,
      setApplicationMenu(menu: Menu | null) {
        desktop.appMenu = menu === null ? null : (menu as unknown as StandInMenu).template;
      },
    },
    nativeImage: { createFromBuffer: (buffer: Buffer) => ({ png: buffer }) as unknown as NativeImage },
    nativeTheme: { themeSource: 'system' },
    net: {
      isOnline: () => online,
      // Chromium's network stack stands in as Node's; like Electron's, refused before ready (and thrown, not rejected).
      fetch(input, init) {
        if (!ready) throw new Error('net module can only be used after app is ready');
        const url = new URL(typeof input === 'string' ? input : input.url);
        const method = (init?.method ?? (typeof input === 'string' ? 'GET' : input.method)).toUpperCase();
        desktop.netFetches.push({ method, url: `${url.origin}${url.pathname}` });
        return nodeFetch(input, init);
      },
    },
    Notification,
    notificationPlatform,
    protocol,
    powerMonitor: Object.assign(power, { getSystemIdleTime: () => desktop.idleSeconds }) as unknown as StandInPlatform['powerMonitor'],
    safeStorage: standInSafeStorage() as unknown as StandInPlatform['safeStorage'],
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] as Display[] },
    session: {
      defaultSession: Object.assign(desktop.spellChecker, {
        setPermissionRequestHandler(handler: Parameters<StandInPlatform['session']['defaultSession']['setPermissionRequestHandler']>[0]) {
          permissionHandler = handler as typeof permissionHandler;
        },
        setPermissionCheckHandler() {},
      }),
    },
    shell: {
      async openExternal(url: string) {
        desktop.externalLinks.push(url);
      },
      async openPath(path: string) {
        desktop.openedPaths.push(path);
        return '';
      },
    },
    Tray,
    utilityProcess: { fork: (modulePath, args, forkOptions) => forkUtility(modulePath, args, forkOptions, (pid) => desktop.utilityPids.push(pid)) },
    autoUpdater: updater,
    clock,
  };
  return desktop;
}

