// Sync's tracker of its own writes: stopping waits for every write, and the tracker keeps no
// record of writes already settled (it once held each one's result for the life of the app).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createWriteTracker } from '../../main/core/sync/write-tracker';

/** A full collection, from V8's own `gc` (exposed in a fresh context once the flag is set). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('the write tracker', () => {
  it('settles once every tracked write has, whether it resolved or failed', async () => {
    const tracker = createWriteTracker();
    let finish!: () => void;
    const slow = tracker.track(new Promise<void>((resolve) => (finish = resolve)));
    const failed = tracker.track(Promise.reject(new Error('disk full')));
    await expect(failed).rejects.toThrow('disk full');
    let settled = false;
    const settling = tracker.settled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    finish();
    await settling;
    await slow;
  });

  it('holds nothing of a write once it has settled', async () => {
    const tracker = createWriteTracker();
    let result: object | undefined = { rows: new Array(1000).fill('message') };
    const held = new WeakRef(result);
    await tracker.track(Promise.resolve(result));
    result = undefined;
    for (let write = 0; write < 100; write += 1) await tracker.track(Promise.resolve(write));
    await tracker.settled();
    // Let the settled promises' reactions finish before collecting.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(held.deref()).toBeUndefined();
  });
});
