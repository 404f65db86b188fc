// Every permission a page may ask for is denied, except showing notifications.
import type { Session } from 'electron';

const allowed = new Set(['notifications']);

export function isPermissionAllowed(permission: string): boolean {
  return allowed.has(permission);
}

export function denyPermissionsButNotifications(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
}
