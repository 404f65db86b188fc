/**
 * Which jobs may start now. Jobs of one lane (a conversation) go strictly one after the
 * other, oldest first; lanes go in parallel up to a bound, so one slow or failing
 * conversation never holds up another. Pure: the caller passes what the database holds.
 */
export interface LaneHead {
  id: number;
  lane: string;
  nextAttemptAt: number;
}

export interface StartPlan {
  /** Due heads to start now, most overdue first. */
  start: LaneHead[];
  /** When a head not yet due becomes due; null when none waits on time. */
  wakeAt: number | null;
}

/**
 * `heads`: the oldest unfinished job of each lane. `busyLanes`: lanes with an attempt in
 * flight. `capacity`: how many more attempts may start.
 */
export function planStarts(heads: readonly LaneHead[], busyLanes: ReadonlySet<string>, capacity: number, now: number): StartPlan {
  const idle = heads.filter((head) => !busyLanes.has(head.lane));
  const due = idle.filter((head) => head.nextAttemptAt <= now)
    .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id);
  const waiting = idle.filter((head) => head.nextAttemptAt > now);
  const wakeAt = waiting.length === 0 ? null : Math.min(...waiting.map((head) => head.nextAttemptAt));
  return { start: due.slice(0, Math.max(0, capacity)), wakeAt };
}
