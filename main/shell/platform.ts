// What startApp takes of Electron: the part of each module the app really uses, typed from
// Electron's own declarations. main/index.ts passes the real modules (so tsc proves they fit);
// the tests pass the desktop stand-in under test/desktop/, which implements exactly this.
// Event methods are declared with the events the app listens to; Electron's overloads fit them.
import type { App, BrowserWindow, BrowserWindowConstructorOptions, Clipboard, ContextMenuParams, Dialog, Dock, Event, IpcMain, Menu, MenuItemConstructorOptions, NativeImage, NativeTheme, Net, NotificationConstructorOptions, Protocol, SafeStorage, Screen, Session, Shell, Tray, UtilityProcess, WebContents } from 'electron';
import type { Clock } from '../core/clock';
import type { UpdaterLike } from './auto-update';
import type { SpellCheckSession } from './spell-check';

type Listener<A extends unknown[]> = (...args: A) => void;

export type AppWindowEvent = 'close' | 'closed' | 'focus' | 'blur' | 'show' | 'hide' | 'ready-to-show' | 'maximize' | 'unmaximize' | 'resize' | 'move';

/**
 * The one window's contents: IPC events out, navigation and new windows refused; its context
 * menu (context-menu.ts) and the editing commands, image copy and spelling fix it offers.
 */
export type AppWebContents = Pick<
  WebContents,
  'send' | 'isDestroyed' | 'setWindowOpenHandler' | 'undo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'copyImageAt' | 'replaceMisspelling'
> & {
  on(event: 'will-navigate', listener: (event: Event, url: string) => void): unknown;
  on(event: 'context-menu', listener: (event: Event, params: ContextMenuParams) => void): unknown;
};

/** The application window as the app drives it. */
export type AppWindow = Pick<
  BrowserWindow,
  | 'show'
  | 'hide'
  | 'focus'
  | 'isFocused'
  | 'isVisible'
  | 'isDestroyed'
  | 'isMinimized'
  | 'restore'
  | 'maximize'
  | 'isMaximized'
  | 'getNormalBounds'
  | 'flashFrame'
  | 'setOverlayIcon'
  | 'setContentProtection'
  | 'loadURL'
> & {
  readonly webContents: AppWebContents;
  on(event: 'close', listener: (event: Event) => void): unknown;
  on(event: Exclude<AppWindowEvent, 'close'>, listener: () => void): unknown;
  once(event: AppWindowEvent, listener: () => void): unknown;
};

export type AppNotification = Pick<Electron.Notification, 'show' | 'close'> & {
  on(event: 'click' | 'close', listener: () => void): unknown;
  /** macOS and Windows: the user sent text from the reply field (`hasReply`). */
  on(event: 'reply', listener: (details: { reply: string }) => void): unknown;
  /** macOS and Windows: the user pressed one of the `actions` buttons. */
  on(event: 'action', listener: (details: { actionIndex: number }) => void): unknown;
};

export type AppTray = Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'destroy'> & {
  on(event: 'click', listener: () => void): unknown;
};

export type AppUtilityProcess = Pick<UtilityProcess, 'postMessage' | 'kill'> & {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
  once(event: 'message', listener: (message: unknown) => void): unknown;
};

export type AppEvent = 'activate' | 'before-quit' | 'second-instance' | 'window-all-closed' | 'will-quit';

/** `W`: the window class's instances (Electron's BrowserWindow, or the stand-in's), which its dialogs take. */
export interface DesktopPlatform<W extends AppWindow = AppWindow> {
  app: Pick<
    App,
    | 'enableSandbox'
    | 'setAppUserModelId'
    | 'requestSingleInstanceLock'
    | 'quit'
    | 'exit'
    | 'whenReady'
    | 'getPath'
    | 'getVersion'
    | 'getName'
    | 'setLoginItemSettings'
    | 'setBadgeCount'
    | 'isPackaged'
    | 'getLocale'
  > & {
    /** macOS only; undefined elsewhere. */
    readonly dock?: Pick<Dock, 'setBadge' | 'bounce'> | undefined;
    on(event: 'before-quit', listener: (event: Event) => void): unknown;
    on(event: Exclude<AppEvent, 'before-quit'>, listener: () => void): unknown;
  };
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  /** The context menu's "Copy link". */
  clipboard: Pick<Clipboard, 'writeText'>;
  dialog: Pick<Dialog, 'showErrorBox'> & {
    showOpenDialog(window: W, options: Electron.OpenDialogOptions): Promise<Electron.OpenDialogReturnValue>;
    showSaveDialog(window: W, options: Electron.SaveDialogOptions): Promise<Electron.SaveDialogReturnValue>;
  };
  ipcMain: Pick<IpcMain, 'handle'>;
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  nativeImage: { createFromBuffer(buffer: Buffer, options: { scaleFactor: number }): NativeImage };
  nativeTheme: Pick<NativeTheme, 'themeSource'>;
  net: Pick<Net, 'isOnline' | 'fetch'>;
  Notification: { new (options: NotificationConstructorOptions): AppNotification; isSupported(): boolean };
  /**
   * The OS whose notifications these are (Electron's: `process.platform`): only macOS's and
   * Windows' take a reply field and buttons. The stand-in plays the one a test chooses.
   */
  notificationPlatform: NodeJS.Platform;
  /** The app's own scheme: registered as privileged before ready, handled after (app-origin.ts). */
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  powerMonitor: {
    /** Seconds since the last input to any app. */
    getSystemIdleTime(): number;
    on(event: 'resume' | 'unlock-screen' | 'suspend' | 'lock-screen', listener: Listener<[]>): unknown;
    off(event: 'resume' | 'unlock-screen' | 'suspend' | 'lock-screen', listener: Listener<[]>): unknown;
  };
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;
  screen: Pick<Screen, 'getAllDisplays'>;
  /** The window's session: its permissions, and its spell checker (spell-check.ts). */
  session: { defaultSession: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & SpellCheckSession };
  shell: Pick<Shell, 'openExternal' | 'openPath'>;
  Tray: new (image: NativeImage) => AppTray;
  utilityProcess: { fork(modulePath: string, args: string[], options: Electron.ForkOptions): AppUtilityProcess };
  autoUpdater: UpdaterLike;
  /** Time for the accounts' runtimes: the stand-in's can be moved, so a simulated sleep is exact. */
  clock: Clock;
}

export type { MenuItemConstructorOptions };
