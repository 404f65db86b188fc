// BrowserWindow for the desktop stand-in. Its page is a surface: a headless Chromium page
// that loads the built renderer from the app's scheme (mapped to a stand-in origin, see
// stand-in-protocol.ts) or from file:// (chromium-surface.ts, for tests), or a person's
// own browser tab connected over a socket (the browser harness). Either way the built preload
// runs in the page against the stand-in `electron` module (page/electron-in-page.ts), calls
// reach the handlers the app registered on the stand-in ipcMain, and webContents.send reaches
// the page's listeners, in order. A test triggers what a person does to a window (close,
// focus, hide) through `userClose`, `userFocus` and friends.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, ContextMenuParams, Event, HandlerDetails, NativeImage, Rectangle, WindowOpenHandlerResponse }  from 'electron';
import type { AppWebContents, AppWindow } from '../../main/shell/platform';
import { encodeValue } from '../harness/wire';
import { packArgs, unpackArgs } from './ipc-wire';
import { serializedForIpc } from './stand-in-ipc';
import type { PageFrame, StandInIpcMain } from './stand-in-ipc';
import { standInUrlOf } from './stand-in-protocol';
import type { SchemeRequest, SchemeResponse, StandInProtocol } from './stand-in-protocol';

/** Where a window's page lives; it calls back `invokeFromPage`, `willNavigate` and `openRequested`. */
export interface PageSurface {
  /** Delivers a batch of events (JSON of [channel, packed args] pairs) to the page, in order. */
  deliver(batch: string): Promise<void>;
  close(): Promise<void>;
}

/** What a surface calls back: the window's side of its page (a StandInWindow, or its proxy in another process). */
export interface SurfaceOwner {
  readonly options: Pick<BrowserWindowConstructorOptions, 'width' | 'height'>;
  invokeFromPage(channel: string, args: string, frame: PageFrame): Promise<string>;
  willNavigate(url: string): boolean | Promise<boolean>;
  openRequested(url: string): void;
  /** A request of the page to its app's scheme (in scheme form): what the app's handler answers. */
  schemeRequest(request: SchemeRequest): Promise<SchemeResponse>;
}

export interface SurfaceRequest {
  window: SurfaceOwner;
  /** The page the app loaded, as Electron names it (`tigerdesk://app/index.html`, `file:///…`). */
  url: string;
  /** Where Chromium goes for it: `url` itself, or its stand-in origin's URL for a custom scheme. */
  loadUrl: string;
  /** The preload bundle's source, run before the page's scripts; null for none. */
  preload: string | null;
}

export type OpenSurface = (request: SurfaceRequest) => Promise<PageSurface>;

export interface WindowHost {
  ipcMain: StandInIpcMain;
  protocol: StandInProtocol;
  openSurface: OpenSurface;
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

/** What a right-click on plain page background says, as Electron fills ContextMenuParams; a test overrides what it right-clicks. */
function contextMenuParams(params: Partial<ContextMenuParams>): ContextMenuParams {
  return {
    x: 10,
    y: 10,
    frame: null,
    linkURL: '',
    linkText: '',
    pageURL: '',
    frameURL: '',
    srcURL: '',
    mediaType: 'none',
    hasImageContents: false,
    isEditable: false,
    selectionText: '',
    titleText: '',
    altText: '',
    suggestedFilename: '',
    selectionRect: { x: 0, y: 0, width: 0, height: 0 },
    selectionStartOffset: 0,
    referrerPolicy: { url: '', policy: 'strict-origin-when-cross-origin' },
    misspelledWord: '',
    dictionarySuggestions: [],
    frameCharset: 'UTF-8',
    formControlType: 'none',
    spellcheckEnabled: false,
    menuSourceType: 'mouse',
    mediaFlags: { inError: false, isPaused: false, isMuted: false, hasAudio: false, isLooping: false, isControlsVisible: false, canToggleControls: false, canPrint: false, canSave: false, canShowPictureInPicture: false, isShowingPictureInPicture: false, canRotate: false, canLoop: false },
    editFlags: { canUndo: false, canRedo: false, canCut: false, canCopy: false, canPaste: false, canDelete: false, canSelectAll: true, canEditRichly: false },
    ...params,
  };
}

class StandInWebContents extends EventEmitter {
  openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  /** The page's editing commands, image copies and spelling fixes the app asked for: 'cut', 'copyImageAt 10,20', 'replaceMisspelling word'. */
  readonly commands: string[] = [];
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

  undo(): void {
    this.commands.push('undo');
  }

  cut(): void {
    this.commands.push('cut');
  }

  copy(): void {
    this.commands.push('copy');
  }

  paste(): void {
    this.commands.push('paste');
  }

  selectAll(): void {
    this.commands.push('selectAll');
  }

  copyImageAt(x: number, y: number): void {
    this.commands.push(`copyImageAt ${x},${y}`);
  }

  replaceMisspelling(text: string): void {
    this.commands.push(`replaceMisspelling ${text}`);
  }

  /** Every event sent so far has reached the page (each then runs as a task of its own there). */
  async delivered(): Promise<void> {
    while (this.flushing !== null) await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      const surface = await this.window.loaded();
      while (this.queue.length > 0) await surface.deliver(JSON.stringify(this.queue.splice(0)));
    } catch {
      // The page went away: what it had not received is lost, as with a closed window.
      this.queue = [];
    } finally {
      this.flushing = null;
    }
  }
}

export class StandInWindow extends EventEmitter implements AppWindow, SurfaceOwner {
  readonly webContents: StandInWebContents & AppWebContents;
  readonly options: BrowserWindowConstructorOptions;
  /** What the app asked of the window, for tests: flashes, overlay icons, maximize, content protection. */
  readonly record = { flashes: [] as boolean[], overlays: [] as (string | null)[], maximized: false, contentProtected: false };
  private visible = false;
  private focused = false;
  private minimized = false;
  private destroyed = false;
  private surface: Promise<PageSurface> | null = null;
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
    host.opened(this);
  }

  /** The page, once the app has loaded its file. */
  loaded(): Promise<PageSurface> {
    if (this.surface === null) return Promise.reject(new Error('The window has loaded nothing'));
    return this.surface;
  }

  /** The page the window loaded, as Electron names it; null before a load. */
  get url(): string | null {
    return this.appUrl;
  }

  /** A page of a handled scheme or a file; anything else is refused, as Electron refuses a scheme nobody handles. */
  loadURL(url: string): Promise<void> {
    this.surface = this.load(url);
    return this.surface.then(() => {
      this.emit('ready-to-show');
    });
  }

  loadFile(filePath: string): Promise<void> {
    return this.loadURL(pathToFileURL(filePath).href);
  }

  private async load(url: string): Promise<PageSurface> {
    this.host.protocol.checkLoadable(url);
    const preloadPath = this.options.webPreferences?.preload;
    this.appUrl = url;
    return this.host.openSurface({ window: this, url, loadUrl: standInUrlOf(url), preload: preloadPath === undefined ? null : await readFile(preloadPath, 'utf8') });
  }

  schemeRequest(request: SchemeRequest): Promise<SchemeResponse> {
    return this.host.protocol.fetch(request);
  }

  /** A call from the page's ipcRenderer.invoke: packed arguments in, the reply as JSON out. */
  async invokeFromPage(channel: string, args: string, frame: PageFrame): Promise<string> {
    let values: unknown[];
    try {
      values = unpackArgs(args);
    } catch {
      return JSON.stringify({ ok: false, error: 'Error: An object could not be cloned.' });
    }
    const reply = await this.host.ipcMain.invoke(this.webContents, frame, channel, values);
    return JSON.stringify(reply.ok ? { ok: true, value: encodeValue(reply.value) } : reply);
  }

  /** The page would navigate to `url`: true when the app's will-navigate handler stopped it. */
  willNavigate(url: string): boolean {
    if (url === this.appUrl) return false;
    const event = preventable();
    this.webContents.emit('will-navigate', event, url);
    return event.defaultPrevented;
  }

  /** The page would open a new window: the app's open handler decides, and the stand-in opens none. */
  openRequested(url: string): void {
    this.webContents.openHandler?.({ url } as HandlerDetails);
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

  setContentProtection(enable: boolean): void {
    this.record.contentProtected = enable;
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

  /** The person right-clicks in the page: what is under the pointer as Electron's params say it (the rest as on page background). */
  userContextMenu(params: Partial<ContextMenuParams> = {}): void {
    this.webContents.emit('context-menu', preventable(), contextMenuParams(params));
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
    await (await this.surface?.catch(() => null))?.close();
  }
}
