import { describe, expect, it } from 'vitest';
import { appOrigin, appPageUrl } from '../../main/shell/app-origin';
import { denyPermissionsButNotifications } from '../../main/shell/permissions';

type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void;
type CheckHandler = (contents: unknown, permission: string, requestingOrigin: string) => boolean;

function handlers(): { request: RequestHandler; check: CheckHandler } {
  let request: RequestHandler | undefined;
  let check: CheckHandler | undefined;
  denyPermissionsButNotifications({
    setPermissionRequestHandler: (handler) => {
      request = handler as unknown as RequestHandler;
    },
    setPermissionCheckHandler: (handler) => {
      check = handler as unknown as CheckHandler;
    },
  });
  if (request === undefined || check === undefined) throw new Error('a handler was not set');
  return { request, check };
}

describe('the permission handlers', () => {
  it('grant the app page notifications and refuse everything else, on request and on check', () => {
    const { request, check } = handlers();
    const granted: Record<string, boolean> = {};
    for (const permission of ['notifications', 'media', 'geolocation', 'openExternal', 'clipboard-read', 'display-capture']) {
      request(null, permission, (answer) => (granted[permission] = answer), { requestingUrl: appPageUrl });
      expect(check(null, permission, appOrigin)).toBe(permission === 'notifications');
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

  it('refuse even notifications to a page or frame at any other origin', () => {
    const { request, check } = handlers();
    for (const url of ['file:///app/dist/renderer/index.html', 'https://evil.example/', 'tigerdesk://other/index.html', 'tigerdesk://user@app/index.html', 'null', '']) {
      let granted: boolean | undefined;
      request(null, 'notifications', (answer) => (granted = answer), { requestingUrl: url });
      expect(granted, url).toBe(false);
      expect(check(null, 'notifications', url), url).toBe(false);
    }
  });
});
