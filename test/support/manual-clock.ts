/** A clock whose time moves only when the test says, firing due timers in order. */
import type { Clock, TimerHandle } from '../../main/core/clock';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, Timer>();

  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const seq = ++this.seq;
    this.timers.set(seq, { at: this.time + Math.max(0, ms), seq, callback });
    return seq;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  /** Timers still waiting. */
  get pending(): number {
    return this.timers.size;
  }

  /** Delays (from now) of the timers still waiting, shortest first. */
  get pendingDelays(): number[] {
    return this.scheduled.map((at) => at - this.time);
  }

  /** When each waiting timer fires, earliest first. */
  get scheduled(): number[] {
    return [...this.timers.values()].map((timer) => timer.at).sort((a, b) => a - b);
  }

  /** Moves time on by `ms`, firing every timer that falls due on the way (and any they set). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.values()].filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this.timers.delete(due.seq);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = end;
  }
}
