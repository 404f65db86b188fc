// BrowserWindow for the desktop stand-in: a real headless Chromium page that loads the built
// renderer from file:// as Electron does, with the built preload run before the page's scripts
// against the stand-in `electron` module (page/electron-in-page.ts). Calls reach the handlers
// the app registered on the stand-in ipcMain; webContents.send reaches the page's listeners,
// in order. A test triggers what a person does to a window (close, focus, hide) through
// `userClose`, `userFocus` and friends.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, Event, HandlerDetails, NativeImage, Rectangle, WindowOpenHandlerResponse }  from 'electron';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import type { AppWebContents, AppWindow } from '../../main/shell/platform';
import { encodeValue } from '../harness/wire';
import { packArgs, unpackArgs } from './ipc-wire';
import { serializedForIpc } from './stand-in-ipc';
import type { StandInIpcMain } from './stand-in-ipc';

export interface WindowHost {
  browser: Browser;
  ipcMain: StandInIpcMain;
  /** The stand-in `electron` module for the page, as one classic script. */
  electronInPage: string;
  opened(window: StandInWindow): void;
}

function preventable(): Event & { defaultPrevented: boolean } {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

class StandInWebContents extends EventEmitter {
  openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  private queue: [string, string][] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly window: StandInWindow) {
    super();
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.window.isDestroyed()) throw new Error('Object has been destroyed');
    this.queue.push([channel, packArgs(serializedForIpc(args))]);
    this.flushing ??= this.flush();
  }

  isDestroyed(): boolean {
    return this.window.isDestroyed();
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.openHandler = handler;
  }

  /** Every event sent so far has reached the page's listeners. */
  async delivered(): Promise<void> {
    while (this.flushing !== null) await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      const page = await this.window.loaded();
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0);
        await page.evaluate((text) => (globalThis as unknown as { __tigerDesktopDeliver(batch: string): void }).__tigerDesktopDeliver(text), JSON.stringify(batch));
      }
    } catch {
      // The page went away: what it had not received is lost, as with a closed window.
      this.queue = [];
    } finally {
      this.flushing = null;
    }
  }
}

export class StandInWindow extends EventEmitter implements AppWindow {
  readonly webContents: StandInWebContents & AppWebContents;
  readonly options: BrowserWindowConstructorOptions;
  /** What the app asked of the window, for tests: flashes, overlay icons, maximize. */
  readonly record = { flashes: [] as boolean[], overlays: [] as (string | null)[], maximized: false };
  private visible = false;
  private focused = false;
  private minimized = false;
  private destroyed = false;
  private readonly context: Promise<BrowserContext>;
  private page: Page | null = null;
  private pageLoaded: Promise<Page> | null = null;
  private appUrl: string | null = null;

  constructor(
    private readonly host: WindowHost,
    options: BrowserWindowConstructorOptions,
  ) {
    super();
    const preload = options.webPreferences?.preload;
    // Electron runs no preload from a relative path.
    if (preload !== undefined && !isAbsolute(preload)) throw new Error(`The preload script must be an absolute path: ${preload}`);
    this.options = options;
    this.webContents = new StandInWebContents(this) as StandInWebContents & AppWebContents;
    const bounds = { width: options.width ?? 800, height: options.height ?? 600 };
    this.context = host.browser.newContext({ viewport: bounds });
    host.opened(this);
  }

  /** The page, once the app has loaded its file. */
  loaded(): Promise<Page> {
    if (this.pageLoaded === null) return Promise.reject(new Error('The window has loaded nothing'));
    return this.pageLoaded;
  }

  loadFile(filePath: string): Promise<void> {
    this.pageLoaded = this.load(filePath);
    return this.pageLoaded.then(() => undefined);
  }

  private async load(filePath: string): Promise<Page> {
    const context = await this.context;
    const page = await context.newPage();
    this.page = page;
    const preloadPath = this.options.webPreferences?.preload;
    const preload = preloadPath === undefined ? '' : await readFile(preloadPath, 'utf8');
    await page.exposeBinding('__tigerDesktopInvoke', async (_source, channel: string, args: string) => {
      const reply = await this.host.ipcMain.invoke(this.webContents, channel, unpackArgs(args));
      return JSON.stringify(reply.ok ? { ok: true, value: encodeValue(reply.value) } : reply);
    });
    // The preload's own scope, with `require('electron')` answered by the stand-in and nothing else.
    await page.addInitScript({
      content: `(() => {
${this.host.electronInPage}
const require = (name) => { if (name === 'electron') return electronInPage.electron; throw new Error('module not found: ' + name); };
const module = { exports: {} };
(function (require, module, exports) {
${preload}
})(require, module, module.exports);
})();`,
    });
    this.appUrl = pathToFileURL(filePath).href;
    // A window the page opens: the open handler decides, and the stand-in opens none (the app denies every one).
    context.on('page', (opened) => {
      if (opened !== page) void opened.close();
    });
    await context.route('**/*', async (route) => {
      const request = route.request();
      if (!request.isNavigationRequest()) return route.continue();
      // 'aborted' commits nothing (no error page), as a refused navigation in Electron.
      if (!this.fromOwnPage(request, page)) {
        this.webContents.openHandler?.({ url: request.url() } as HandlerDetails);
        return route.abort('aborted');
      }
      if (request.url() === this.appUrl) return route.continue();
      const event = preventable();
      this.webContents.emit('will-navigate', event, request.url());
      return event.defaultPrevented ? route.abort('aborted') : route.continue();
    });
    await page.goto(this.appUrl);
    this.emit('ready-to-show');
    return page;
  }

  private fromOwnPage(request: Request, page: Page): boolean {
    try {
      return request.frame().page() === page;
    } catch {
      // A popup's first request comes before its frame exists.
      return false;
    }
  }

  show(): void {
    if (this.destroyed) return;
    const wasVisible = this.visible;
    this.visible = true;
    this.minimized = false;
    if (!wasVisible) this.emit('show');
  }

  hide(): void {
    if (this.destroyed || !this.visible) return;
    this.visible = false;
    if (this.focused) {
      this.focused = false;
      this.emit('blur');
    }
    this.emit('hide');
  }

  focus(): void {
    if (this.destroyed || !this.visible || this.focused) return;
    this.focused = true;
    this.emit('focus');
  }

  isFocused(): boolean {
    return this.focused;
  }

  isVisible(): boolean {
    return this.visible;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
  }

  maximize(): void {
    this.record.maximized = true;
    this.emit('maximize');
  }

  isMaximized(): boolean {
    return this.record.maximized;
  }

  getNormalBounds(): Rectangle {
    return { x: 0, y: 0, width: this.options.width ?? 800, height: this.options.height ?? 600 };
  }

  flashFrame(flag: boolean): void {
    this.record.flashes.push(flag);
  }

  setOverlayIcon(overlay: NativeImage | null, description: string): void {
    this.record.overlays.push(overlay === null ? null : description);
  }

  /** The person clicks the window's close button: the app may keep it (hide to the tray). */
  userClose(): boolean {
    const event = preventable();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    void this.destroy();
    return true;
  }

  /** The person clicks into the window. */
  userFocus(): void {
    this.show();
    this.focus();
  }

  /** The person switches to another app. */
  userBlur(): void {
    if (!this.focused) return;
    this.focused = false;
    this.emit('blur');
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.focused = false;
    this.emit('closed');
    await (await this.context).close();
  }

  /** The page, for the test to read and click as a person would. */
  get contents(): Page {
    if (this.page === null) throw new Error('The window has no page yet');
    return this.page;
  }
}
