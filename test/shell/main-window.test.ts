import { describe, expect, it } from 'vitest';
import { devToolsAllowed, lockNavigation, secureWindowOptions } from '../../main/shell/main-window';
import { requiredWebPreferences } from './support/required-web-preferences';

describe('the main window', () => {
  it('is created with the renderer sandboxed and isolated', () => {
    const prefs = secureWindowOptions('/app/preload/index.cjs').webPreferences;
    expect(prefs).toMatchObject({ preload: '/app/preload/index.cjs', ...requiredWebPreferences });
  });

  it('has no developer tools in a packaged build unless the managed settings allow them', () => {
    expect(secureWindowOptions('/app/preload/index.cjs').webPreferences?.devTools).toBe(false);
    expect(secureWindowOptions('/app/preload/index.cjs', null, true).webPreferences?.devTools).toBe(true);
    expect(devToolsAllowed(true, {})).toBe(false);
    expect(devToolsAllowed(true, { allowDevTools: false })).toBe(false);
    expect(devToolsAllowed(true, { allowDevTools: true })).toBe(true);
    expect(devToolsAllowed(false, {})).toBe(true);
  });

  it('denies navigation away from the app and every new window', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      on: (name: string, listener: (event: { preventDefault(): void }, url: string) => void) => {
        listeners.set(name, listener);
        return contents;
      },
      setWindowOpenHandler: (handler: () => { action: string }) => {
        openHandler = handler;
      },
    };
    lockNavigation(contents as never, 'tigerdesk://app/index.html');
    let prevented = 0;
    const event = { preventDefault: () => void (prevented += 1) };
    listeners.get('will-navigate')?.(event, 'https://evil.example/');
    listeners.get('will-navigate')?.(event, 'tigerdesk://app/index.html');
    expect(prevented).toBe(1);
    expect(openHandler?.()).toEqual({ action: 'deny' });
  });
});
