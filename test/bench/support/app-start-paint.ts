/**
 * When the app's window first painted its roster, told by the page itself: a script run before
 * the page's own (in every page of a browser wrapped with `watchingRosterPaint`) waits for the
 * first conversation row in the DOM, then for the frame that paints it, and keeps the time on
 * the page's clock (performance.timeOrigin + performance.now(): comparable with the app
 * process's own on this machine) with the roster's size as the row says it.
 * The page keeps it as a promise that one evaluate awaits: Playwright's waitForFunction would
 * first inject its own script into the page (50 ms of the page's main thread here), in the
 * middle of the start it measures.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

export interface RosterPaint {
  /** performance.timeOrigin + performance.now() in the page, once the frame with the first row was painted. */
  at: number;
  /** The conversations the roster holds (the rows' aria-setsize: the list is virtualized). */
  conversations: number;
}

/**
 * Run in the page before its scripts (as text: a function would be serialized as tsx compiled
 * it). rAF runs before the frame's paint; a task posted from it runs after.
 */
const watchRosterPaint = `(() => {
  let painted;
  globalThis.__rosterPainted = new Promise((resolve) => { painted = resolve; });
  const observer = new MutationObserver(() => {
    const row = document.querySelector('nav.roster [role="listitem"]');
    if (row === null) return;
    observer.disconnect();
    const conversations = Number(row.getAttribute('aria-setsize'));
    requestAnimationFrame(() => {
      setTimeout(() => {
        painted({ at: performance.timeOrigin + performance.now(), conversations });
      }, 0);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/**
 * `browser`, but every context it makes watches for the roster's paint. launchAppProcess opens
 * the window's page in a context of its own (chromium-surface.ts) and navigates it at once, so
 * the watch has to be in the context before the page exists.
 */
export function watchingRosterPaint(browser: Browser): Browser {
  return new Proxy(browser, {
    get(target, property, receiver) {
      if (property !== 'newContext') return Reflect.get(target, property, receiver) as unknown;
      return async (options?: BrowserContextOptions) => {
        const context = await target.newContext(options);
        await context.addInitScript({ content: watchRosterPaint });
        return context;
      };
    },
  });
}

/**
 * Waits until the roster's rows say it holds `conversations` (the window fetches the rest after
 * its first page, renderer/src/state/roster-pages.ts), and gives that time on the page's clock.
 */
export async function rosterFilled(page: Page, conversations: number, timeoutMs: number): Promise<number> {
  // A function, not text: the window's content security policy refuses eval. This project's
  // Node types know no DOM, so the page's document is typed here by what is read of it.
  const handle = await page.waitForFunction(
    (expected) => {
      const { document } = globalThis as unknown as { document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null } };
      const row = document.querySelector('nav.roster [role="listitem"]');
      return row !== null && Number(row.getAttribute('aria-setsize')) === expected ? performance.timeOrigin + performance.now() : false;
    },
    conversations,
    { timeout: timeoutMs, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

/** Waits for the page's record of the roster's first paint. */
export async function rosterPaint(page: Page, timeoutMs: number): Promise<RosterPaint> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the window painted no roster within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([page.evaluate(() => (globalThis as unknown as { __rosterPainted: Promise<RosterPaint> }).__rosterPainted), late]);
  } finally {
    clearTimeout(timer);
  }
}
