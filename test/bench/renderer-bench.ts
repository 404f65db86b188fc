// The renderer in Chromium through the harness, fed synthetic data behind the real socket and
// call validation (test/harness/synthetic-core.ts). Times are the page's own clock:
// - roster first render: from the roster reply reaching the page (the page script's
//   `ipc:reply:tiger:call:roster` mark) to the first row in the DOM, layout included;
// - one conversation updated: from the start of the animation frame that applies the change
//   set (the renderer coalesces them per frame) to the moved row in the DOM, layout included,
//   after 5 updates that warm the code path up;
// - thread open: from the click on the conversation to its first messages in the DOM, the
//   thread page's round trip to Node included; message elements counted at every mutation,
//   also while scrolling back through older pages and during the burst;
// - burst: while 1,000 change sets arrive, Chromium's long-animation-frame entries (frames
//   whose work took over 50 ms) and the longest gap between animation frames, the median over
//   three bursts, as a shared machine can stall any one frame.
import { gzipSync } from 'node:zlib';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../harness/chromium';
import { startHarness } from '../harness/harness-server';
import { bundleBrowserScript } from '../harness/renderer-build';
import { conversation, conversationName, message, syntheticCores } from '../harness/synthetic-core';
import type { SyntheticPage } from '../harness/synthetic-core';
import { atMost, median, percentile } from './figure';
import type { Bench, Figure } from './figure';

const conversations = 10_000;
const threadMessages = 50_000;
const burstMessages = 1_000;
const burstConversations = 100;

/** One call of the page's `window.probe` (test/harness/render-probe.ts). */
function probe<T>(page: Page, call: string): Promise<T> {
  return page.evaluate<T>(`window.probe.${call}`);
}

async function rendererJsGzipBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true })) {
    if (entry.endsWith('.js')) total += gzipSync(await readFile(join(dir, entry)), { level: 9 }).length;
  }
  return total;
}

async function rosterFirstRender(page: Page, url: string): Promise<number> {
  await page.goto(url);
  return probe<number>(page, 'rosterFirstRender()');
}

/** Moves one conversation from deep in the roster to its top; the commit time of that frame. */
async function updateCommit(page: Page, driver: SyntheticPage, index: number, at: number): Promise<number> {
  await probe(page, `armTopConversation(${JSON.stringify(conversationName(index))})`);
  driver.change({ conversations: [conversation(index, at, `New note at ${at}`, 1)], removedConversations: [], messages: [], removedMessages: [], people: [] });
  return probe<number>(page, 'armed()');
}

/** 1,000 change sets over 100 conversations, the open one included; how its frames went. */
async function burst(page: Page, driver: SyntheticPage, round: number, at: number): Promise<{ longestGap: number; longFrames: number }> {
  await probe(page, 'startFrames()');
  let last = 0;
  for (let index = 0; index < burstMessages; index += 1) {
    last = index % burstConversations;
    const when = at + index;
    driver.change({
      conversations: [conversation(last, when, `Burst message ${index}`, 1 + Math.floor(index / burstConversations))],
      removedConversations: [],
      messages: [message(last, `burst-${round}-${index}`, when, `Burst message ${index}`, false)],
      removedMessages: [],
      people: [],
    });
  }
  await probe(page, `untilTopConversation(${JSON.stringify(conversationName(last))})`);
  return probe<{ longestGap: number; longFrames: number }>(page, 'stopFrames()');
}

export const bench: Bench = {
  title: 'renderer in Chromium (harness, synthetic data)',
  async run({ quick }): Promise<Figure[]> {
    const now = Date.now();
    const cores = syntheticCores({ conversations, threadMessages, now });
    const harness = await startHarness({ app: cores.app, log: () => {} });
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript({ content: await bundleBrowserScript('render-probe.ts') });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);

      // Each run a fresh page: the roster as fetched, then the long thread (at its top) opened.
      const firstRenders: number[] = [];
      const opens: number[] = [];
      const fills: number[] = [];
      for (let run = 0; run < (quick ? 2 : 5); run += 1) {
        firstRenders.push(await rosterFirstRender(page, harness.url));
        // The rest of the roster comes a page at a time behind the first (roster-pages.ts): the
        // thread and the updates below are measured once it is all in, as a window open all day.
        fills.push(await probe<number>(page, `rosterComplete(${conversations})`));
        opens.push(await probe<number>(page, 'openFirstConversation()'));
      }
      const driver = cores.pages[cores.pages.length - 1]!;

      // The first updates pay for compiling the update path; a window open all day has done that.
      const warmUp = 5;
      const updates = quick ? 15 : 45;
      const commits: number[] = [];
      for (let update = 0; update < updates; update += 1) {
        // Deep in the roster, so the row moves the whole length of the list.
        const commit = await updateCommit(page, driver, conversations - 1 - update * 37, now + 1_000 + update);
        if (update >= warmUp) commits.push(commit);
      }

      for (let older = 0; older < (quick ? 3 : 10); older += 1) await probe(page, 'scrollThreadToTop()');
      // The machine's other work can stall any one frame: the median of three bursts' longest gap.
      const bursts: { longestGap: number; longFrames: number }[] = [];
      for (let round = 0; round < (quick ? 1 : 3); round += 1) bursts.push(await burst(page, driver, round, now + 100_000 * (round + 1)));
      const maxMessages = await probe<number>(page, 'mostMessageElements()');

      return [
        atMost('renderer JavaScript, gzipped', Math.round((await rendererJsGzipBytes(harness.rendererDir)) / 102.4) / 10, 'KB', 80),
        atMost(`roster of ${conversations} conversations: first render (median)`, median(firstRenders), 'ms', 100),
        atMost('one conversation updated: commit (p95)', percentile(commits, 95), 'ms', 8),
        { name: `roster of ${conversations} conversations: every page in, from the first page's reply (median)`, value: median(fills), unit: 'ms', target: 'reported', met: true },
        atMost(`thread of ${threadMessages} messages: open (median)`, median(opens), 'ms', 150),
        atMost('thread: most message elements in the DOM', maxMessages, 'elements', 200),
        atMost(`burst of ${burstMessages} messages over ${burstConversations} conversations: frames over 50 ms (all bursts)`, bursts.reduce((sum, one) => sum + one.longFrames, 0), 'frames', 0),
        atMost('burst: longest gap between frames (median of bursts)', median(bursts.map((one) => one.longestGap)), 'ms', 50),
      ];
    } finally {
      await browser.close();
      await harness.close();
    }
  },
};
