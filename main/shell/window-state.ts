// Remembers the window's size, position and maximized state as the user changes them, to
// reopen it there. Saves are debounced (a drag fires many `move` events) and skipped when
// nothing changed; closing saves at once.
import type { WindowState } from '../core/settings/window-bounds';
import type { AppWindow } from './platform';

export interface RememberWindowOptions {
  window: Pick<AppWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isDestroyed'>;
  save(state: WindowState): void;
  debounceMs?: number;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export function rememberWindowState(options: RememberWindowOptions): void {
  const { window } = options;
  const later = options.setTimeout ?? ((callback, ms) => setTimeout(callback, ms));
  const cancel = options.clearTimeout ?? ((handle) => clearTimeout(handle as NodeJS.Timeout));
  let lastSaved = '';
  let pending: unknown;

  const saveNow = () => {
    pending = undefined;
    if (window.isDestroyed()) return;
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    const serialized = JSON.stringify(state);
    if (serialized === lastSaved) return;
    lastSaved = serialized;
    options.save(state);
  };
  const saveSoon = () => {
    if (pending !== undefined) cancel(pending);
    pending = later(saveNow, options.debounceMs ?? 500);
  };

  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', () => {
    if (pending !== undefined) cancel(pending);
    saveNow();
  });
}
