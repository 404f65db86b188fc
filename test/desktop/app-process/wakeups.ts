// What wakes the app's process while it should be idle (the idle benchmark): every timer and
// I/O callback Node runs, counted by kind, and for each timer where it was set and how often it
// fired. An async hook sees the timers of the app's dependencies too (eventsource, undici),
// which wrapping setTimeout in the app's own code would not, and every I/O callback besides.
import { createHook, executionAsyncResource } from 'node:async_hooks';

export interface TimerSite {
  /** Where the timer was set (the first frames of its creation outside Node's timers), or its callback and delay when it was set before the watch. */
  site: string;
  fires: number;
  /**
   * The shortest time between two firings here that repeat, in ms: the same timer again (an
   * interval, a refresh) or one set here after the previous firing (a timer that re-arms
   * itself); null when none did. Timers set together that fire together (each connection's
   * keep-alive, say) are not a repeat.
   */
  shortestRepeatMs: number | null;
}

export interface WakeupReport {
  /** How long the count ran, in ms. */
  elapsedMs: number;
  /** Every callback Node ran from its event loop (timers, immediates, sockets, pipes, files), by resource kind. */
  callbacks: Record<string, number>;
  /** The timer sites that fired, most frequent first. */
  timers: TimerSite[];
}

export interface WakeupWatch {
  /** Counts afresh from now. */
  restart(): void;
  report(): WakeupReport;
}

interface SiteCount {
  fires: number;
  lastAt: number;
  last: WeakRef<object>;
  shortestRepeatMs: number | null;
}

interface TimerOrigin {
  site: string;
  setAt: number;
}

/**
 * Frames of the stack that say nothing about who set the timer, and the awaiting callers of an
 * async function (V8 lists them for some resumptions and not others: one loop, two sites).
 */
const machineryFrame = /node:internal\/timers|node:timers|node:internal\/async_hooks|wakeups\.ts|\(native\)|^at async /;

/** Installs the hook; install it before startApp so that the timers set at start-up have their sites. */
export function watchWakeups(): WakeupWatch {
  const origins = new WeakMap<object, TimerOrigin>();
  let callbacks = new Map<string, number>();
  let timers = new Map<string, SiteCount>();
  let since = performance.now();

  const originOf = (resource: object & { _onTimeout?: unknown; _idleTimeout?: number; _repeat?: number | null }): TimerOrigin => {
    const known = origins.get(resource);
    if (known !== undefined) return known;
    const callback = typeof resource._onTimeout === 'function' ? resource._onTimeout.name || 'anonymous' : 'unknown';
    return { site: `${callback}, ${resource._repeat ? `every ${resource._repeat}` : `after ${resource._idleTimeout}`} ms`, setAt: Number.NEGATIVE_INFINITY };
  };

  createHook({
    init(_asyncId, type, _trigger, resource) {
      if (type !== 'Timeout') return;
      // Only where a timer was set is kept: a stack string per timer, dropped with the timer.
      const holder: { stack?: string } = {};
      Error.captureStackTrace(holder);
      const frames = (holder.stack ?? '').split('\n').slice(1).map((line) => line.trim()).filter((line) => !machineryFrame.test(line));
      origins.set(resource as object, { site: frames.slice(0, 3).join(' < ') || 'unknown', setAt: performance.now() });
    },
    before() {
      const resource = executionAsyncResource() as object & { constructor?: { name?: string } };
      // Promise reactions are not wakeups: they run inside the callback that resolved them.
      if (resource instanceof Promise) return;
      const kind = resource.constructor?.name ?? 'unknown';
      callbacks.set(kind, (callbacks.get(kind) ?? 0) + 1);
      if (kind !== 'Timeout') return;
      const { site, setAt } = originOf(resource);
      const now = performance.now();
      const count = timers.get(site);
      if (count === undefined) {
        timers.set(site, { fires: 1, lastAt: now, last: new WeakRef(resource), shortestRepeatMs: null });
        return;
      }
      if (count.last.deref() === resource || setAt >= count.lastAt) {
        const gap = now - count.lastAt;
        count.shortestRepeatMs = count.shortestRepeatMs === null ? gap : Math.min(count.shortestRepeatMs, gap);
      }
      count.fires += 1;
      count.lastAt = now;
      count.last = new WeakRef(resource);
    },
  }).enable();

  return {
    restart() {
      callbacks = new Map();
      timers = new Map();
      since = performance.now();
    },
    report() {
      return {
        elapsedMs: performance.now() - since,
        callbacks: Object.fromEntries(callbacks),
        timers: [...timers]
          .map(([site, count]) => ({ site, fires: count.fires, shortestRepeatMs: count.shortestRepeatMs === null ? null : Math.round(count.shortestRepeatMs) }))
          .sort((a, b) => b.fires - a.fires),
      };
    },
  };
}
