// Wires the core to the Electron shell; nothing else lives here.
import { app, BrowserWindow, ipcMain, session } from 'electron';
import path from 'node:path';
import { createMainWindow } from './shell/main-window';
import { registerCalls } from './shell/ipc-calls';
import { denyPermissionsButNotifications } from './shell/permissions';

const log = {
  warn: (message: string, fields?: Record<string, string>) => console.warn(message, fields ?? {}),
};

app.enableSandbox();

void app.whenReady().then(() => {
  denyPermissionsButNotifications(session.defaultSession);
  registerCalls(
    ipcMain,
    { appInfo: () => ({ name: app.getName(), version: app.getVersion(), platform: process.platform }) },
    log,
  );
  createMainWindow(BrowserWindow, {
    preload: path.join(__dirname, '..', 'preload', 'index.cjs'),
    indexHtml: path.join(__dirname, '..', 'renderer', 'index.html'),
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
