// The Electron entry: the real modules handed to the one composition of the app.
import * as electron from 'electron';
import type { BrowserWindow } from 'electron';
import { autoUpdater } from 'electron-updater';
import path from 'node:path';
import { startApp } from './app';
import { systemClock } from './core/clock';
import type { DesktopPlatform } from './shell/platform';

// tsc proves Electron's modules fit the platform; each is read when startApp first uses it
// (through the prototype, so after ready for all but `app` and `protocol`, whose scheme
// privileges must be registered before), as Electron expects.
const electronModules: Omit<DesktopPlatform<BrowserWindow>, 'autoUpdater' | 'clock' | 'notificationPlatform'> = electron;
const platform: DesktopPlatform<BrowserWindow> = Object.assign(Object.create(electronModules) as typeof electronModules, {
  autoUpdater,
  clock: systemClock,
  notificationPlatform: process.platform,
});

void startApp(platform, { distDir: path.join(__dirname, '..'), keychainService: 'TigerDesk' });
