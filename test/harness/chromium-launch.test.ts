// The harness's Chromium: Debian's headless shell, Chromium's content layer with no browser
// window around it, as Electron is: a new window is the app's page and nothing of the browser's.
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from './chromium';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe("the harness's Chromium", () => {
  it("runs Debian's headless shell, not the whole browser", async () => {
    expect(chromiumPath).toBe('/usr/lib/chromium/chromium-headless-shell');
    const session = await browser.newBrowserCDPSession();
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    const pid = processInfo.find((process) => process.type === 'browser')?.id;
    expect(pid).toBeDefined();
    // Its arguments apart or (once Chromium has set its process title) joined by spaces.
    const [program] = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split(/[\0 ]/);
    expect(program).toBe(chromiumPath);
    const { product } = (await session.send('Browser.getVersion')) as { product: string };
    expect(product).toMatch(/^HeadlessChrome\/\d+/);
  });

  it("opens a window with no page of the browser's own beside it", async () => {
    const page = await browser.newPage();
    await page.goto('data:text/html,<p>a window</p>');
    const session = await browser.newBrowserCDPSession();
    const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: { url: string; type: string }[] };
    expect(targetInfos.filter((target) => target.type === 'page')).toHaveLength(1);
    expect(targetInfos.filter((target) => target.url.startsWith('chrome://'))).toEqual([]);
    await page.close();
  });
});
