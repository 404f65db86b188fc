// One TigerDesk per user session: two would fight over the database and the keychain
// entries. A second launch hands over to the first, which comes to the front.
import type { App } from 'electron';
import type { DesktopPlatform } from './platform';

/** False when another instance holds the lock: this one must quit at once. */
export function holdSingleInstance(app: Pick<App, 'requestSingleInstanceLock'> & Pick<DesktopPlatform['app'], 'on'>, showFirst: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => showFirst());
  return true;
}
