// The Electron entry: the real modules handed to the one composition of the app.
import * as electron from 'electron';
import { autoUpdater } from 'electron-updater';
import path from 'node:path';
import { startApp } from './app';
import { systemClock } from './core/clock';

void startApp({ ...electron, autoUpdater, clock: systemClock }, { distDir: path.join(__dirname, '..'), keychainService: 'TigerDesk' });
