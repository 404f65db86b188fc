/** Runs `flush` at the next opportunity to paint. */
export type FrameScheduler = (flush: () => void) => void;

/**
 * A busy ward can deliver hundreds of change sets a second; painting each one would drop
 * frames. The batcher holds them and hands them over together once per animation frame.
 * A hidden window gets no animation frames, so it falls back to a timer there and the queue
 * cannot grow without bound.
 */
export const animationFrameScheduler: FrameScheduler = (flush) => {
  if (typeof document !== 'undefined' && document.hidden) setTimeout(flush, 250);
  else requestAnimationFrame(() => flush());
};

export type FrameBatcher<T> = {
  push(item: T): void;
  /** Drops whatever is still waiting (the account changed, the app closes). */
  discard(): void;
};

export function createFrameBatcher<T>(apply: (items: T[]) => void, schedule: FrameScheduler): FrameBatcher<T> {
  let pending: T[] = [];
  let scheduled = false;
  return {
    push(item) {
      pending.push(item);
      if (scheduled) return;
      scheduled = true;
      schedule(() => {
        scheduled = false;
        const items = pending;
        pending = [];
        if (items.length > 0) apply(items);
      });
    },
    discard() {
      pending = [];
    },
  };
}
