// Closing the window hides it to the tray: messages keep arriving and notifying. The first
// time, a notice says so, since a user who meant to quit would otherwise never know.
import type { AppWindow } from './platform';

export interface CloseToTrayOptions {
  window: Pick<AppWindow, 'on' | 'hide'>;
  /** True once the user asked to quit (menu, tray, OS): the window then really closes. */
  quitting(): boolean;
  noticeShown(): boolean;
  showNotice(): void;
}

export function closeToTray(options: CloseToTrayOptions): void {
  options.window.on('close', (event) => {
    if (options.quitting()) return;
    event.preventDefault();
    options.window.hide();
    if (!options.noticeShown()) options.showNotice();
  });
}
