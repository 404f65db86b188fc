// The renderer's virtualized lists (the roster, the thread) in Chromium: rows mounted in a commit
// are not measured by reading their height at once, which forces a layout per new row while the
// commit is still adding rows (most of a burst of messages' script time went so); the resize
// observer tells their heights after the frame's layout, and each row is then placed right
// below the one before it, whatever its estimate was. Nor is the scroll box's size read as the
// list mounts (a forced layout of the whole page): the observer tells it too.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../harness/chromium';
import { bundledPage } from './support/bundled-page';
import { rowHeight } from './virtual-rows-page/row-height';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const html = await bundledPage(new URL('./virtual-rows-page/virtual-rows-page.tsx', import.meta.url));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 800, height: 700 } });
  await page.route('http://rows.test/**', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto('http://rows.test/');
  await page.waitForSelector('.virtual-row');
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

interface PlacedRow {
  index: number;
  top: number;
  height: number;
}

/** After two frames (the observer's, and the re-render it caused): each rendered row's place, read without offsetHeight. */
async function placedRows(): Promise<PlacedRow[]> {
  return page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const list = document.querySelector('.rows > div')!.getBoundingClientRect().top;
    return [...document.querySelectorAll<HTMLElement>('.virtual-row')]
      .map((row) => {
        const box = row.getBoundingClientRect();
        return { index: Number(row.dataset.index), top: Math.round(box.top - list), height: Math.round(box.height) };
      })
      .sort((a, b) => a.index - b.index);
  });
}

function expectStacked(rows: PlacedRow[]): void {
  expect(rows.length).toBeGreaterThan(10);
  for (const row of rows) expect(row.height).toBe(rowHeight(row.index));
  for (let at = 1; at < rows.length; at += 1) {
    const [above, below] = [rows[at - 1]!, rows[at]!];
    expect(below.index).toBe(above.index + 1);
    expect(below.top).toBe(above.top + above.height);
  }
}

const heightReads = () => page.evaluate(() => window.rowHeightReads);

describe('a virtualized list in Chromium', () => {
  it('places the first rows by their measured heights, without reading a height at once', async () => {
    expectStacked(await placedRows());
    expect(await heightReads()).toBe(0);
  });

  it('learns its scroll box\'s size after the first layout, not by forcing one as it mounts', async () => {
    expect(await page.evaluate(() => window.boxSizeReadsBeforeLayout)).toBe(0);
    // The rows fill the box: the guess before the observer told was the window's size, then its own.
    const rows = await placedRows();
    const last = rows.at(-1)!;
    expect(last.top + last.height).toBeGreaterThanOrEqual(600);
    expect(last.top).toBeLessThan(600 + 6 * 90);
  });

  it('does the same for rows scrolled into view and rows appended', async () => {
    await page.evaluate(() => {
      document.querySelector('.rows')!.scrollTop = 4_000;
    });
    const scrolled = await placedRows();
    expect(scrolled[0]!.index).toBeGreaterThan(50);
    expectStacked(scrolled);
    await page.evaluate(() => window.appendRows(40));
    await page.evaluate(() => {
      const rows = document.querySelector('.rows')!;
      rows.scrollTop = rows.scrollHeight;
    });
    const appended = await placedRows();
    expect(appended.at(-1)!.index).toBe(339);
    expectStacked(appended);
    expect(await heightReads()).toBe(0);
  });
});
