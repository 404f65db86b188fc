// Every permission a page may ask for is denied, except showing notifications, and that only
// to the app's own origin: a frame or page from anywhere else gets nothing.
import type { Session } from 'electron';
import { isAppOrigin } from './app-origin';

const allowed = new Set(['notifications']);

/** `requestingUrl`: the asking frame's URL, or its origin (the check handler gets only that). */
export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return allowed.has(permission) && isAppOrigin(requestingUrl);
}

export function denyPermissionsButNotifications(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
}
