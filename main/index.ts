// The Electron entry: the real modules handed to the one composition of the app. Each module
// is read when startApp first uses it (after ready, for all but `app`), as Electron expects.
import * as electron from 'electron';
import type { BrowserWindow } from 'electron';
import { autoUpdater } from 'electron-updater';
import path from 'node:path';
import { startApp } from './app';
import { systemClock } from './core/clock';
import type { DesktopPlatform } from './shell/platform';

const platform: DesktopPlatform<BrowserWindow> = {
  get app() { return electron.app; },
  get BrowserWindow() { return electron.BrowserWindow; },
  get dialog() { return electron.dialog; },
  get ipcMain() { return electron.ipcMain; },
  get Menu() { return electron.Menu; },
  get nativeImage() { return electron.nativeImage; },
  get nativeTheme() { return electron.nativeTheme; },
  get net() { return electron.net; },
  get Notification() { return electron.Notification; },
  get powerMonitor() { return electron.powerMonitor; },
  get safeStorage() { return electron.safeStorage; },
  get screen() { return electron.screen; },
  get session() { return electron.session; },
  get shell() { return electron.shell; },
  get Tray() { return electron.Tray; },
  get utilityProcess() { return electron.utilityProcess; },
  autoUpdater,
  clock: systemClock,
};

void startApp(platform, { distDir: path.join(__dirname, '..'), keychainService: 'TigerDesk' });
