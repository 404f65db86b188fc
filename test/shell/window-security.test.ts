import type { BrowserWindowConstructorOptions } from 'electron';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appPageUrl } from '../../main/shell/app-origin';
import { createMainWindow, secureWindowOptions, showWindow } from '../../main/shell/main-window';
import { requiredWebPreferences } from './support/required-web-preferences';

/** A BrowserWindow class that records how it was built and what its page was allowed. */
function fakeBrowserWindowClass() {
  const built: FakeWindow[] = [];
  class FakeWindow {
    readonly options: BrowserWindowConstructorOptions;
    readonly calls: string[] = [];
    navigateListeners: ((event: { preventDefault(): void }, url: string) => void)[] = [];
    openHandler: ((details: { url: string }) => { action: string }) | undefined;
    onceListeners = new Map<string, () => void>();
    readonly webContents = {
      on: (event: string, listener: (event: { preventDefault(): void }, url: string) => void) => {
        if (event === 'will-navigate') this.navigateListeners.push(listener);
        return this.webContents;
      },
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
        this.openHandler = handler;
      },
    };
    constructor(options: BrowserWindowConstructorOptions) {
      this.options = options;
      built.push(this);
    }
    once(event: string, listener: () => void) {
      this.onceListeners.set(event, listener);
      return this;
    }
    loadURL(url: string) {
      this.calls.push(`load ${url}`);
      return Promise.resolve();
    }
    maximize() {
      this.calls.push('maximize');
    }
    show() {
      this.calls.push('show');
    }
    navigate(url: string) {
      let prevented = false;
      for (const listener of this.navigateListeners) listener({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    }
  }
  return { FakeWindow, built };
}

function openWindow(overrides: { bounds?: { x: number; y: number; width: number; height: number } | null; maximized?: boolean; devTools?: boolean } = {}) {
  const { FakeWindow, built } = fakeBrowserWindowClass();
  const outside: string[] = [];
  createMainWindow(FakeWindow as never, {
    preload: '/app/dist/preload/index.cjs',
    pageUrl: appPageUrl,
    bounds: overrides.bounds ?? null,
    maximized: overrides.maximized ?? false,
    devTools: overrides.devTools ?? false,
    openOutside: (url) => outside.push(url),
  });
  return { window: built[0]!, outside };
}

describe('the main window as created', () => {
  it('runs its page sandboxed, isolated, without Node and with web security', () => {
    const { window } = openWindow();
    expect(window.options).toEqual(secureWindowOptions('/app/dist/preload/index.cjs'));
    expect(window.options.webPreferences).toMatchObject({ preload: '/app/dist/preload/index.cjs', ...requiredWebPreferences });
    expect(window.options.show).toBe(false);
    expect(window.calls).toEqual(['load tigerdesk://app/index.html']);
  });

  it('denies navigation and new windows, handing only https: links to the OS browser', () => {
    const { window, outside } = openWindow();
    expect(window.navigate('https://example.org/guideline')).toBe(true);
    expect(window.navigate('http://example.org/plain')).toBe(true);
    expect(window.navigate('file:///etc/passwd')).toBe(true);
    // The app's own file by its file: URL is not the app's page any more.
    expect(window.navigate('file:///app/dist/renderer/index.html')).toBe(true);
    expect(window.navigate('tigerdesk://app/other.html')).toBe(true);
    expect(window.navigate('tigerdesk://app/index.html')).toBe(false);
    for (const url of ['https://example.org/new', 'javascript:alert(1)', 'https://user:pw@example.org/', 'smb://share/x']) {
      expect(window.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(outside).toEqual(['https://example.org/guideline', 'https://example.org/new']);
  });

  it('opens where it was left, keeps its minimum size, and maximizes once ready when it was maximized', () => {
    const { window } = openWindow({ bounds: { x: 40, y: 60, width: 900, height: 700 }, maximized: true });
    expect(window.options).toMatchObject({ x: 40, y: 60, width: 900, height: 700, minWidth: 640, minHeight: 480 });
    window.onceListeners.get('ready-to-show')?.();
    expect(window.calls.slice(1)).toEqual(['maximize', 'show']);
  });

  it('is brought to the front restored from the taskbar', () => {
    const calls: string[] = [];
    showWindow({
      isDestroyed: () => false,
      isMinimized: () => true,
      restore: () => void calls.push('restore'),
      show: () => void calls.push('show'),
      focus: () => void calls.push('focus'),
    });
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });
});

describe("the renderer page's Content-Security-Policy", () => {
  const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
  const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';

  it('denies by default, allows no inline or evaluated script, and connects nowhere', () => {
    const directives = new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    // No origin, not even 'self': the build lists the built scripts by hash (scripts/script-hashes.ts).
    expect(directives.get('script-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});
