import { describe, expect, it } from 'vitest';
import { denyPermissionsButNotifications } from '../../main/shell/permissions';

describe('the permission handlers', () => {
  it('grant notifications and refuse everything else, on request and on check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((contents: unknown, permission: string) => boolean) | undefined;
    denyPermissionsButNotifications({
      setPermissionRequestHandler: (handler) => {
        request = handler as typeof request;
      },
      setPermissionCheckHandler: (handler) => {
        check = handler as typeof check;
      },
    });
    const granted: Record<string, boolean> = {};
    for (const permission of ['notifications', 'media', 'geolocation', 'openExternal', 'clipboard-read', 'display-capture']) {
      request?.(null, permission, (answer) => (granted[permission] = answer));
      expect(check?.(null, permission)).toBe(permission === 'notifications');
    }
    expect(granted).toEqual({
      notifications: true,
      media: false,
      geolocation: false,
      openExternal: false,
      'clipboard-read': false,
      'display-capture': false,
    });
  });
});
