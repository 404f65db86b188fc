/**
 * Idle costs nothing (issue 16, item 4): the whole app in a process of its own, signed in to a
 * sandbox in another, connected, its window closed to the tray, left alone for 5 minutes
 * (10 s with --quick) with only the event stream's heartbeats. Over that window:
 * - the app process's CPU time (user + system) over the wall time, in % of one core;
 * - every timer and I/O callback Node ran in it (test/desktop/app-process/wakeups.ts): the
 *   wakeups per minute, the timer callbacks per minute, and the shortest time in which a
 *   timer fired again (an interval, or a timer set again at the same place after it fired),
 *   which must not be under a second;
 * - its RSS after minus before, each after a forced full garbage collection.
 * The run is checked: the app stays connected on the one stream it opened (a silent stream
 * would have made its watchdog reconnect), its window stays hidden, it logs no error.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { atLeast, atMost } from './figure';
import type { Bench, Figure } from './figure';
import { openIdleSession } from './support/idle-session';
import type { WakeupReport } from '../desktop/app-process/wakeups';

/** Start-up work that finishes soon after connecting (first sync, search indexing) is not idling. */
const settleMs = { quick: 3_000, full: 10_000 };
const shortestTimerGapMs = 1_000;

function perMinute(count: number, report: WakeupReport): number {
  return Math.round((count / report.elapsedMs) * 60_000);
}

/** The shortest repeat of any timer (see TimerSite); the window's length when none repeated. */
function shortestRepeat(report: WakeupReport): { gapMs: number; site: string } {
  let shortest = { gapMs: Math.round(report.elapsedMs), site: 'no timer repeated' };
  for (const timer of report.timers) {
    if (timer.shortestRepeatMs !== null && timer.shortestRepeatMs < shortest.gapMs) shortest = { gapMs: timer.shortestRepeatMs, site: timer.site };
  }
  return shortest;
}

export const bench: Bench = {
  title: 'idle: connected, window in the tray, only heartbeats',
  async run({ quick }): Promise<Figure[]> {
    // Quick: 10 s, so that with the build, the browser and the sign-in the whole stays near 20 s.
    const windowMs = quick ? 10_000 : 5 * 60_000;
    const session = await openIdleSession();
    try {
      const { app } = session;
      await sleep(quick ? settleMs.quick : settleMs.full);
      const streamsBefore = await session.streamsOpened();
      const before = await app.gc();
      await app.watchWakeups();
      await sleep(windowMs);
      const wakeups = await app.wakeups();
      const used = await app.usage();
      const after = await app.gc();

      if ((await session.streamsOpened()) !== streamsBefore) throw new Error('the app reconnected its event stream while idle');
      const state = await app.state();
      if (state.windows[0]?.visible !== false) throw new Error('the window did not stay hidden');
      const errors = app.log.filter((record) => record.level === 'error');
      if (errors.length > 0) throw new Error(`the idle app logged errors: ${errors.map((record) => record.message).join('; ')}`);

      const cpuPercent = ((used.cpuMs - before.cpuMs) / wakeups.elapsedMs) * 100;
      const allCallbacks = Object.values(wakeups.callbacks).reduce((sum, count) => sum + count, 0);
      const repeat = shortestRepeat(wakeups);
      const over = `idle ${windowMs >= 60_000 ? `${windowMs / 60_000} min` : `${windowMs / 1_000} s`}, window in the tray`;
      return [
        atMost(`${over}: app process CPU time, % of one core`, Number(cpuPercent.toFixed(2)), '%', 1),
        // The name stays the same run to run; a miss names the timer's site, so it can be found.
        atLeast(`${over}: shortest interval between firings of one timer${repeat.gapMs < shortestTimerGapMs ? ` (set at ${repeat.site})` : ''}`, repeat.gapMs, 'ms', shortestTimerGapMs),
        { name: `${over}: timer callbacks per minute`, value: perMinute(wakeups.callbacks.Timeout ?? 0, wakeups), unit: '/min', target: 'reported', met: true },
        { name: `${over}: wakeups per minute (timer and I/O callbacks)`, value: perMinute(allCallbacks, wakeups), unit: '/min', target: 'reported', met: true },
        atMost(`${over}: RSS after minus before, each after a forced GC`, Number(((after.rssBytes - before.rssBytes) / 2 ** 20).toFixed(2)), 'MB', 5),
      ];
    } finally {
      await session.close();
    }
  },
};
