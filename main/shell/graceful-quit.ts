// Quitting waits for a clean shutdown (the event stream closed, acks sent, the database
// closed) but never hangs on it: after `timeoutMs` the app quits anyway. Nothing unsent is
// pushed out in a hurry: queued messages stay in the database for the next start.
import type { App } from 'electron';
import type { DesktopPlatform } from './platform';

export interface GracefulQuit {
  /** True from the moment quitting began: windows then close instead of hiding to the tray. */
  readonly quitting: boolean;
}

export function quitGracefully(
  app: Pick<App, 'quit'> & Pick<DesktopPlatform['app'], 'on'>,
  shutdown: () => Promise<void>,
  options: { timeoutMs: number; failed(error: unknown): void },
): GracefulQuit {
  let quitting = false;
  let state: 'running' | 'shutting-down' | 'done' = 'running';
  app.on('before-quit', (event) => {
    quitting = true;
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'shutting-down') return;
    state = 'shutting-down';
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => resolve(), options.timeoutMs);
    });
    void Promise.race([shutdown().catch(options.failed), deadline]).then(() => {
      clearTimeout(timer);
      state = 'done';
      app.quit();
    });
  });
  return {
    get quitting() {
      return quitting;
    },
  };
}
