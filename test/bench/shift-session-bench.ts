/**
 * No leaks in a shift (issue 16, item 5): a scripted 10-minute session at the window (with
 * --quick, 12 s and a fiftieth of everything), the app in a process of its own on the desktop
 * stand-in, its window a Chromium page, the sandbox in another process. Colleagues send 20,000
 * messages through the sandbox's API over the shift while the nurse switches among 200
 * conversations with the quick switcher, sends 500 messages from the composer, opens 50
 * attachments and locks and unlocks the window. At the end of each minute: the window's
 * JavaScript heap after Chromium's full collection, the DOM elements it holds (counted in a
 * heap snapshot: support/dom-census.ts), and the app process's RSS after a last-resort
 * collection there. Figures compare the last minute with the first, so start-up and the first
 * compilations are not counted as growth. The shift's results are checked before any figure
 * (every message stored once, every send at its recipient once, every file opened, unlocked).
 */
import { launchDesktopChromium } from '../harness/chromium';
import { signIn } from '../e2e/support/app-page';
import { atMost } from './figure';
import type { Bench, Figure } from './figure';
import { startSandboxProcess } from './support/sandbox-process';
import { startShiftApp } from './support/shift-session-app';
import type { ShiftApp } from './support/shift-session-app';
import { checkShift } from './support/shift-session-checks';
import { playShift } from './support/shift-session-driver';
import { memoryProbe } from './support/shift-session-memory';
import { shiftPlan } from './support/shift-session-plan';
import { sendAs, staffWard } from './support/shift-session-ward';

const megabytes = (bytes: number) => Math.round(bytes / 1e4) / 100;
/** The DOM may vary with what the open thread shows; it must not grow with the shift. */
const domSlack = { ratio: 1.2, elements: 200 };

export const bench: Bench = {
  title: 'shift session: memory over a working shift at the window',
  async run({ quick }): Promise<Figure[]> {
    const plan = shiftPlan(quick);
    const sandbox = await startSandboxProcess();
    const browser = await launchDesktopChromium();
    let shiftApp: ShiftApp | undefined;
    try {
      const ward = await staffWard(sandbox, plan);
      // Each colleague has written once before the shift: every conversation is on the roster.
      await Promise.all(ward.colleagues.map((colleague) => sendAs(sandbox, colleague, ward.nurse, `Good morning from ${colleague.displayName}`)));
      shiftApp = await startShiftApp(browser);
      const page = await shiftApp.app.page();
      // A step waits for what it did to show; on a shared machine that can take a while.
      page.setDefaultTimeout(60_000);
      await signIn(page, sandbox.apiUrl, ward.nurse);
      // The census of DOM elements at every minute; --quick takes it at the first and last only.
      const memory = await memoryProbe(page, shiftApp.app, (minute) => !quick || minute === 0 || minute === plan.minutes - 1);
      const played = await playShift(page, memory, sandbox, ward, plan);
      await memory.close();
      await checkShift(page, shiftApp.app, ward, plan, 60_000);
      const errors = shiftApp.app.log.filter((record) => record.level === 'error');
      if (errors.length > 0) throw new Error(`the app logged ${errors.length} error(s) in the shift: ${[...new Set(errors.map((record) => record.message))].join('; ')}`);

      const first = played.samples[0]!;
      const last = played.samples.at(-1)!;
      if (first.dom === null || last.dom === null) throw new Error("the first and last minutes' samples lack the DOM census");
      const domCeiling = Math.round(first.dom.attached * domSlack.ratio + domSlack.elements);
      const minutes = `minute 1 to ${plan.minutes}`;
      const counted = played.samples.flatMap((sample) => (sample.dom === null ? [] : [sample.dom]));
      const windowsWorth = Math.max(...counted.map((dom) => dom.attached));
      return [
        atMost(`shift: window JS heap growth after GC, ${minutes}`, megabytes(last.rendererHeapBytes - first.rendererHeapBytes), 'MB', 10),
        atMost(
          `shift: window DOM elements in the document at minute ${plan.minutes} (<= minute 1's ${first.dom.attached} x ${domSlack.ratio} + ${domSlack.elements})`,
          last.dom.attached,
          'elements',
          domCeiling,
        ),
        // A leak piles up detached elements with each switch or lock. Two stale copies of what the
        // window showed are held for a while, one by Chromium and one by Preact (BENCHMARKS.md):
        // at most two windows' worth, whatever the length of the shift.
        atMost(
          `shift: window DOM elements detached but still referenced, most at any minute counted (<= two windows' worth: twice the most in the document, ${2 * windowsWorth})`,
          Math.max(...counted.map((dom) => dom.detached)),
          'elements',
          2 * windowsWorth,
        ),
        { name: 'shift: window DOM elements detached but still referenced, minute 1', value: first.dom.detached, unit: 'elements', target: 'reported', met: true },
        { name: `shift: window DOM elements detached but still referenced, minute ${plan.minutes}`, value: last.dom.detached, unit: 'elements', target: 'reported', met: true },
        atMost(`shift: app process RSS growth after GC, ${minutes}`, megabytes(last.mainRssBytes - first.mainRssBytes), 'MB', 20),
        { name: 'shift: app process JS heap growth after GC (part of the RSS)', value: megabytes(last.mainHeapBytes - first.mainHeapBytes), unit: 'MB', target: 'reported', met: true },
        { name: 'shift: window JS heap after GC at minute 1', value: megabytes(first.rendererHeapBytes), unit: 'MB', target: 'reported', met: true },
        { name: 'shift: app process RSS after GC at minute 1', value: megabytes(first.mainRssBytes), unit: 'MB', target: 'reported', met: true },
        { name: `shift: length played (planned ${plan.durationMs / 1000} s)`, value: Math.round(played.elapsedMs / 100) / 10, unit: 's', target: 'reported', met: true },
      ];
    } finally {
      await shiftApp?.close();
      await browser.close();
      await sandbox.close();
    }
  },
};
