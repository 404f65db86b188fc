// The shift benchmark's DOM count: elements in the document and detached ones still referenced,
// from a heap snapshot of a real Chromium page; garbage is not counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../harness/chromium';
import { domCensus } from '../bench/support/dom-census';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe('the DOM census', () => {
  it('counts the elements in the document and the detached ones still held, not those dropped', async () => {
    const page = await browser.newPage();
    // Made by the parser, so that no script has touched them: they count too.
    await page.setContent(`<main>${'<p>static</p>'.repeat(20)}<ul id="list"></ul></main>`);
    const cdp = await page.context().newCDPSession(page);
    const before = await domCensus(page, cdp);
    expect(before).toEqual({ attached: 25, detached: 0 });
    await page.evaluate(() => {
      const { document } = globalThis as unknown as { document: { getElementById(id: string): { append(...nodes: unknown[]): void }; createElement(tag: string): { textContent: string } } };
      const list = document.getElementById('list');
      for (let index = 0; index < 50; index += 1) {
        const item = document.createElement('li');
        item.textContent = `attached ${index}`;
        list.append(item);
      }
      // Held from a global: a detached list of 30 items, a leak as a snapshot sees it; only
      // its root is referenced, its items are held through it.
      const held = document.createElement('ul') as unknown as { append(...nodes: unknown[]): void };
      for (let index = 0; index < 30; index += 1) held.append(Object.assign(document.createElement('li'), { textContent: `held ${index}` }));
      (globalThis as unknown as { held: unknown }).held = held;
      // Made and dropped: garbage, which the census must not count.
      for (let index = 0; index < 500; index += 1) document.createElement('li').textContent = `dropped ${index}`;
    });
    expect(await domCensus(page, cdp)).toEqual({ attached: 75, detached: 31 });
    await page.close();
  });
});
