/**
 * What the shift leaves behind, sampled at the end of each minute: the window's JavaScript heap
 * after Chromium's own full collection (CDP) and the DOM elements it holds (dom-census.ts), and
 * the app's process RSS after a full collection there. Without the collections a sample
 * measures garbage not yet swept, not a leak.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { AppProcess } from '../../desktop/app-process/parent';
import { domCensus } from './dom-census';
import type { DomCensus } from './dom-census';

export interface MemorySample {
  minute: number;
  rendererHeapBytes: number;
  /** The window's DOM elements, at the minutes the census was taken (null at others). */
  dom: DomCensus | null;
  mainRssBytes: number;
  mainHeapBytes: number;
}

export interface MemoryProbe {
  sample(minute: number): Promise<MemorySample>;
  close(): Promise<void>;
}

/** `countDomAt`: the minutes whose sample takes the DOM census (a heap snapshot, about 2 s of the window's time). */
export async function memoryProbe(page: Page, app: AppProcess, countDomAt: (minute: number) => boolean): Promise<MemoryProbe> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  return {
    async sample(minute) {
      // Twice: the first pass frees what finalizers and weak references were holding for the second.
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const dom = countDomAt(minute) ? await domCensus(page, cdp) : null;
      // The stand-in records every notification and request for the tests to read; Electron keeps
      // none of that. Dropped first, so the app's process holds only what the app holds.
      await app.act({ kind: 'forget-records' });
      const main = await app.gc();
      return { minute, rendererHeapBytes: heap.usedSize, dom, mainRssBytes: main.rssBytes, mainHeapBytes: main.heapUsedBytes };
    },
    close: () => cdp.detach(),
  };
}
