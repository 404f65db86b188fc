// A stand-in window's page in headless Chromium, for tests: the app's page loaded from its
// scheme's stand-in origin, every request there answered by the app's protocol handler
// (stand-in-protocol.ts), or a file from file:// (Chromium launched with launchDesktopChromium,
// which lets it load its modules as Electron does); the preload run first in the page's scope
// with the stand-in `electron` module, calls carried by a Playwright binding, events by an
// evaluate per batch. Navigation requests go to the window's will-navigate handlers; a new
// window to its open handler, and never opens. URLs reach the window in scheme form.
import type { Browser, Page, Request, Route } from 'playwright-core';
import { schemeUrlOf } from './stand-in-protocol';
import type { OpenSurface, PageSurface, StandInWindow, SurfaceOwner } from './stand-in-window';

export class ChromiumSurface implements PageSurface {
  constructor(readonly page: Page) {}

  async deliver(batch: string): Promise<void> {
    await this.page.evaluate((text) => (globalThis as unknown as { __tigerDesktopDeliver(batch: string): void }).__tigerDesktopDeliver(text), batch);
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}

/**
 * The preload's own scope, with `require('electron')` answered by the stand-in and nothing else;
 * in the main frame only, as Electron runs a preload (subframes get none).
 */
export function preloadInPage(electronInPage: string, preload: string | null): string {
  return `(() => {
if (globalThis.top !== globalThis) return;
${electronInPage}
const require = (name) => { if (name === 'electron') return electronInPage.electron; throw new Error('module not found: ' + name); };
const module = { exports: {} };
(function (require, module, exports) {
${preload ?? ''}
})(require, module, module.exports);
})();`;
}

/** `locale`: the browser's language (navigator.language, Accept-Language); the desktop reports the same as the OS's. */
export function chromiumSurfaces(browser: Browser, electronInPage: string, locale = 'en-US'): OpenSurface {
  return async ({ window, loadUrl, preload }) => {
    const context = await browser.newContext({ viewport: { width: window.options.width ?? 800, height: window.options.height ?? 600 }, locale });
    // The binding and the preload are the context's, given before its page exists, so that the
    // page starts with them: given to a page, Playwright first installs them in its frames (50-90 ms
    // of a window's start here, which Electron's IPC does not cost). Only the window's own page
    // may call: a popup is another window, closed at once (below).
    let windowPage: Page | null = null;
    await context.exposeBinding('__tigerDesktopInvoke', (source, channel: string, args: string) => {
      if (source.page !== windowPage) throw new Error('Only the window\'s own page calls its main process');
      return window.invokeFromPage(channel, args, { url: schemeUrlOf(source.frame.url()), top: source.frame.parentFrame() === null });
    });
    await context.addInitScript({ content: preloadInPage(electronInPage, preload) });
    const page = await context.newPage();
    windowPage = page;
    context.on('page', (opened) => {
      if (opened !== page) void opened.close();
    });
    await context.route('**/*', async (route) => {
      const request = route.request();
      const url = schemeUrlOf(request.url());
      if (request.isNavigationRequest()) {
        // 'aborted' commits nothing (no error page), as a refused navigation in Electron.
        if (!fromPage(request, page)) {
          window.openRequested(url);
          return route.abort('aborted');
        }
        if (await window.willNavigate(url)) return route.abort('aborted');
      }
      return url === request.url() ? route.continue() : answerFromScheme(route, window, url);
    });
    await page.goto(loadUrl);
    return new ChromiumSurface(page);
  };
}

/** The app's handler answers; a handler that fails (or a scheme nobody handles) fails the request, as in Electron. */
async function answerFromScheme(route: Route, window: SurfaceOwner, url: string): Promise<void> {
  const request = route.request();
  // HTTP/2-style pseudo-headers are Chromium's bookkeeping, not the page's request.
  const headers = Object.fromEntries(Object.entries(await request.allHeaders()).filter(([name]) => !name.startsWith(':')));
  try {
    const answer = await window.schemeRequest({ url, method: request.method(), headers, body: request.postDataBuffer() });
    await route.fulfill({ status: answer.status, headers: answer.headers, body: Buffer.from(answer.body) });
  } catch {
    await route.abort('failed');
  }
}

function fromPage(request: Request, page: Page): boolean {
  try {
    return request.frame().page() === page;
  } catch {
    // A popup's first request comes before its frame exists.
    return false;
  }
}

/** The Chromium page of a window the app loaded, for a test to read and click as a person would. */
export async function pageOf(window: StandInWindow): Promise<Page> {
  const surface = await window.loaded();
  if (!(surface instanceof ChromiumSurface)) throw new Error('This window is not a Chromium page of the tests');
  return surface.page;
}
