// The window's layout with every string 40 % longer, left-to-right and right-to-left (a
// pseudo-locale, test/support/pseudo-locale.ts), in Chromium: nothing spills out of its box or
// makes the page scroll sideways, and right-to-left mirrors the window (the conversation list on
// the right, the selection bar at the row's start), as a right-to-left language will need.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../harness/chromium';
import { bundledPage } from './support/bundled-page';

let browser: Browser;
let html: string;

beforeAll(async () => {
  html = await bundledPage(new URL('./layout-page/layout-page.tsx', import.meta.url));
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function openPage(direction: 'ltr' | 'rtl'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
  await page.route('http://layout.test/**', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`http://layout.test/#${direction}`);
  await page.waitForFunction(() => document.querySelectorAll('.conversation').length === 3);
  await page.evaluate(() => window.layoutState.openConversation('u-ann'));
  await page.waitForFunction(() => document.querySelectorAll('.message').length > 0 || document.body.textContent?.includes('Forwarded result'));
  return page;
}

/** Elements whose words spill out of their box (an ellipsis that cuts them on purpose aside), and whether the page scrolls sideways. */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${window.innerWidth})`);
    const worded = document.querySelectorAll('button, label, h1, h2, h3, legend, th, summary, [role=status], [role=alert], .banner-text, p, li, a');
    for (const element of worded) {
      const box = element as HTMLElement;
      if (box.offsetParent === null || box.clientWidth === 0) continue;
      const style = getComputedStyle(box);
      // Cut on purpose (an ellipsis, a scrolling box) or shown to screen readers only.
      if (style.textOverflow === 'ellipsis' || style.overflowX === 'auto' || style.overflowX === 'scroll' || style.clipPath !== 'none') continue;
      if (box.scrollWidth > box.clientWidth + 1) found.push(`${box.tagName.toLowerCase()}.${box.className}: ${box.textContent?.trim().slice(0, 60)} (${box.scrollWidth} > ${box.clientWidth})`);
    }
    return found;
  });
}

const dialogs = [
  { kind: 'new-conversation' },
  { kind: 'new-group' },
  { kind: 'settings' },
  { kind: 'profile' },
  { kind: 'group', groupId: 'g-icu' },
  { kind: 'person', token: 'u-ann' },
  { kind: 'message-info', messageId: 'm2' },
  { kind: 'keyboard-help' },
] as const;

describe.each(['ltr', 'rtl'] as const)('the window with words 40 percent longer, %s', (direction) => {
  it('keeps every word inside its box on the main screen and in each dialog', async () => {
    const page = await openPage(direction);
    const found: Record<string, string[]> = {};
    const main = await overflows(page);
    if (main.length > 0) found.main = main;
    for (const dialog of dialogs) {
      await page.evaluate((open) => {
        window.layoutState.ui.dialog.value = open as never;
      }, dialog);
      await page.waitForSelector('[role=dialog]');
      await page.waitForTimeout(50);
      const inDialog = await overflows(page);
      if (inDialog.length > 0) found[dialog.kind] = inDialog;
      await page.evaluate(() => {
        window.layoutState.ui.dialog.value = null;
      });
    }
    await page.close();
    expect(found).toEqual({});
  });

  it(direction === 'rtl' ? 'mirrors the window: the list on the right, rows and bubbles from the right' : 'lays the window out from the left', async () => {
    const page = await openPage(direction);
    const layout = await page.evaluate(() => {
      const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
      const selected = document.querySelector('.conversation.selected');
      return {
        dir: document.documentElement.dir,
        sidebar: box('.sidebar').left,
        thread: box('main, .thread, [role=main]').left,
        selectionBar: selected === null ? '' : getComputedStyle(selected).boxShadow,
      };
    });
    await page.close();
    expect(layout.dir).toBe(direction);
    if (direction === 'rtl') {
      expect(layout.sidebar).toBeGreaterThan(layout.thread);
      expect(layout.selectionBar).toMatch(/-4px 0px 0px/);
    } else {
      expect(layout.sidebar).toBeLessThan(layout.thread);
      expect(layout.selectionBar).toMatch(/ 4px 0px 0px/);
    }
  });
});
