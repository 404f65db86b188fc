/**
 * How long Chromium takes to create the app's window page (its browser context and page, the
 * renderer process with it) in the desktop stand-in's surface: part of the app's start that is
 * the browser's, reported beside it.
 */
import type { Browser, BrowserContext } from 'playwright-core';

export interface PageCreationTimer {
  browser: Browser;
  /** Milliseconds from each newContext called to its first page made. */
  created: number[];
}

export function timingPageCreation(browser: Browser): PageCreationTimer {
  const created: number[] = [];
  const timed = new Proxy(browser, {
    get(target, property, receiver) {
      if (property !== 'newContext') return Reflect.get(target, property, receiver) as unknown;
      return async (...args: Parameters<Browser['newContext']>) => {
        const asked = performance.now();
        const context = await target.newContext(...args);
        return firstPageTimed(context, () => created.push(performance.now() - asked));
      };
    },
  });
  return { browser: timed, created };
}

function firstPageTimed(context: BrowserContext, made: () => void): BrowserContext {
  let first = true;
  return new Proxy(context, {
    get(target, property, receiver) {
      if (property !== 'newPage') return Reflect.get(target, property, receiver) as unknown;
      return async () => {
        const page = await target.newPage();
        if (first) made();
        first = false;
        return page;
      };
    },
  });
}
