// The one application window, created with the security settings DESIGN.md requires.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { ManagedPolicy } from '../core/settings/managed-policy';
import type { Rectangle } from '../core/settings/window-bounds';
import { isSafeExternalUrl } from './external-links';
import type { AppWebContents, AppWindow } from './platform';

export const minimumWindowSize = { width: 640, height: 480 };

/**
 * Developer tools let whoever sits at the window read every message and call main: off in a
 * packaged build unless the managed settings allow them; on in development.
 */
export function devToolsAllowed(isPackaged: boolean, policy: Pick<ManagedPolicy, 'allowDevTools'>): boolean {
  return !isPackaged || policy.allowDevTools === true;
}

export function secureWindowOptions(preloadPath: string, bounds: Rectangle | null = null, devTools = false): BrowserWindowConstructorOptions {
  return {
    width: 1100,
    height: 720,
    ...(bounds ?? {}),
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    show: false,
    title: 'TigerDesk',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: true,
      devTools,
    },
  };
}

/**
 * No navigation away from the app and no new windows, whatever the page asks. A link the
 * page tries to follow or open is handed to `openOutside` when it is a plain https: URL.
 */
export function lockNavigation(
  contents: Pick<AppWebContents, 'on' | 'setWindowOpenHandler'>,
  appUrl: string,
  openOutside?: (url: string) => void,
): void {
  contents.on('will-navigate', (event, url) => {
    if (url === appUrl) return;
    event.preventDefault();
    if (openOutside !== undefined && isSafeExternalUrl(url)) openOutside(url);
  });
  contents.setWindowOpenHandler((details) => {
    if (openOutside !== undefined && isSafeExternalUrl(details.url)) openOutside(details.url);
    return { action: 'deny' };
  });
}

export interface MainWindowOptions {
  preload: string;
  /** The app's page (appPageUrl), served by the app's own scheme. */
  pageUrl: string;
  /** Where it was last time; null lets the OS place it. */
  bounds: Rectangle | null;
  maximized: boolean;
  devTools: boolean;
  openOutside(url: string): void;
}

export function createMainWindow<W extends AppWindow>(
  BrowserWindowClass: new (options: BrowserWindowConstructorOptions) => W,
  options: MainWindowOptions,
): W {
  const window = new BrowserWindowClass(secureWindowOptions(options.preload, options.bounds, options.devTools));
  lockNavigation(window.webContents, options.pageUrl, options.openOutside);
  window.once('ready-to-show', () => {
    if (options.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(options.pageUrl);
  return window;
}

/** Brings the window to the front: from the tray, a notification, or a second launch. */
export function showWindow(window: Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'>): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
