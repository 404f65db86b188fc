import { readFile } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { watchWakeups } from './app-process/wakeups';
import type { WakeupReport } from './app-process/wakeups';

// The hook stays for the rest of this file's process (each test file has one of its own).
const watch = watchWakeups();

const siteOf = (report: WakeupReport, functionName: string) => report.timers.find((timer) => timer.site.includes(functionName));

function tickEveryFiftyMs(times: number): Promise<void> {
  return new Promise((resolve) => {
    let fired = 0;
    const handle = setInterval(() => {
      fired += 1;
      if (fired === times) {
        clearInterval(handle);
        resolve();
      }
    }, 50);
  });
}

async function rearmEverySixtyMs(times: number): Promise<void> {
  for (let round = 0; round < times; round += 1) await sleep(60);
}

function oneOfFiveTimers(resolve: () => void): void {
  setTimeout(resolve, 30);
}

function fiveTimersAtOnce(): Promise<unknown> {
  return Promise.all(Array.from({ length: 5 }, () => new Promise<void>(oneOfFiveTimers)));
}

describe('the wakeups of a process', () => {
  it("counts each firing of an interval as a repeat at the interval's period", async () => {
    watch.restart();
    await tickEveryFiftyMs(5);
    const ticks = siteOf(watch.report(), 'tickEveryFiftyMs');
    expect(ticks?.fires).toBe(5);
    expect(ticks?.shortestRepeatMs).toBeGreaterThanOrEqual(45);
    expect(ticks?.shortestRepeatMs).toBeLessThan(1_000);
  });

  it('counts a timer set again from where the last one fired as a repeat', async () => {
    watch.restart();
    await rearmEverySixtyMs(5);
    // The first timer is set from a call and the others from resumptions: their stacks, and so
    // their sites, may differ.
    const rearmed = watch.report().timers.filter((timer) => timer.site.includes('rearmEverySixtyMs'));
    expect(rearmed.reduce((sum, site) => sum + site.fires, 0)).toBe(5);
    const repeats = rearmed.flatMap((site) => (site.shortestRepeatMs === null ? [] : [site.shortestRepeatMs]));
    expect(Math.min(...repeats)).toBeGreaterThanOrEqual(55);
    expect(Math.min(...repeats)).toBeLessThan(1_000);
  });

  it('does not count timers set together and firing together as a repeat', async () => {
    watch.restart();
    await fiveTimersAtOnce();
    const together = siteOf(watch.report(), 'oneOfFiveTimers');
    expect(together?.fires).toBe(5);
    expect(together?.shortestRepeatMs).toBeNull();
  });

  it('counts I/O and immediate callbacks besides timers, and only since the restart', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    watch.restart();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => readFile(fileURLToPath(import.meta.url), resolve));
    const report = watch.report();
    expect(report.callbacks.Immediate).toBe(1);
    expect(report.callbacks.FSReqCallback).toBeGreaterThanOrEqual(1);
  });
});
