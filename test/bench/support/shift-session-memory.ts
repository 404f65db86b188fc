/**
 * What the shift leaves behind, sampled at the end of each minute: the window's JavaScript heap
 * and DOM after Chromium's own full collection (CDP), and the app's process RSS after a full
 * collection there. Without the collections a sample measures garbage not yet swept, not a leak.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { AppProcess } from '../../desktop/app-process/parent';

export interface MemorySample {
  minute: number;
  rendererHeapBytes: number;
  domNodes: number;
  mainRssBytes: number;
  mainHeapBytes: number;
}

export interface MemoryProbe {
  sample(minute: number): Promise<MemorySample>;
  close(): Promise<void>;
}

export async function memoryProbe(page: Page, app: AppProcess): Promise<MemoryProbe> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  return {
    async sample(minute) {
      // Twice: the first pass frees what finalizers and weak references were holding for the second.
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      // The stand-in records every notification and request for the tests to read; Electron keeps
      // none of that. Dropped first, so the app's process holds only what the app holds.
      await app.act({ kind: 'forget-records' });
      const main = await app.gc();
      return { minute, rendererHeapBytes: heap.usedSize, domNodes: dom.nodes, mainRssBytes: main.rssBytes, mainHeapBytes: main.heapUsedBytes };
    },
    close: () => cdp.detach(),
  };
}
