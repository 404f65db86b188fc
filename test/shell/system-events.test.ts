import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { kickOnWake, watchNetwork } from '../../main/shell/system-events';
import type { WakeReason } from '../../main/shell/system-events';

describe('system events', () => {
  it('kick the event stream on resume and on unlock, until unsubscribed', () => {
    const powerMonitor = new EventEmitter();
    const kicks: WakeReason[] = [];
    const stop = kickOnWake(powerMonitor as never, (reason) => kicks.push(reason));
    powerMonitor.emit('resume');
    powerMonitor.emit('unlock-screen');
    powerMonitor.emit('suspend');
    stop();
    powerMonitor.emit('resume');
    expect(kicks).toEqual(['resume', 'unlock-screen']);
    expect(powerMonitor.listenerCount('resume')).toBe(0);
  });

  it('report the network going and coming back, and nothing while it stays the same', () => {
    let online = true;
    let tick: () => void = () => {};
    let cleared = false;
    const changes: boolean[] = [];
    const stop = watchNetwork({
      isOnline: () => online,
      changed: (now) => changes.push(now),
      setInterval: (callback) => {
        tick = callback;
        return 'handle';
      },
      clearInterval: (handle) => {
        cleared = handle === 'handle';
      },
    });
    tick();
    online = false;
    tick();
    tick();
    online = true;
    tick();
    stop();
    expect(changes).toEqual([false, true]);
    expect(cleared).toBe(true);
  });
});
