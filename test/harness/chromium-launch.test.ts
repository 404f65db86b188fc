// The harness's Chromium: Debian's, with Playwright's own --disable-features kept (Chromium reads
// only one such list) and the harness's added, so that a new window does not also load the
// address bar's suggestion popup, a page of Chromium's own that Electron has no counterpart of.
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe("the harness's Chromium", () => {
  it("runs Debian's binary with one list of disabled features, Playwright's and the harness's", async () => {
    const session = await browser.newBrowserCDPSession();
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    const pid = processInfo.find((process) => process.type === 'browser')?.id;
    expect(pid).toBeDefined();
    // The launcher script execs Chromium in its own process: this is Chromium's command line,
    // its arguments apart or (once Chromium has set its process title) joined by spaces.
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split(/[\0 ]/);
    expect(args[0]).toMatch(/^\/usr\/lib\/chromium\//);
    const lists = args.filter((arg) => arg.startsWith('--disable-features='));
    expect(lists).toHaveLength(1);
    const disabled = lists[0]!.slice('--disable-features='.length).split(',');
    // PaintHolding is Playwright's (the first paint not held back); the popup is the harness's.
    expect(disabled).toEqual(expect.arrayContaining(['PaintHolding', 'WebUIOmniboxPopup']));
  });

  it('opens a window without loading the address bar popup beside it', async () => {
    const page = await browser.newPage();
    await page.goto('data:text/html,<p>a window</p>');
    const session = await browser.newBrowserCDPSession();
    const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: { url: string; type: string }[] };
    expect(targetInfos.filter((target) => target.type === 'page')).toHaveLength(1);
    expect(targetInfos.filter((target) => target.url.startsWith('chrome://omnibox-popup'))).toEqual([]);
    await page.close();
  });
});
