import { describe, expect, it } from 'vitest';
import { planStarts } from '../../main/core/outbox/lane-schedule';

describe('planning which jobs start', () => {
  const heads = [
    { id: 5, lane: 'a', nextAttemptAt: 100 },
    { id: 2, lane: 'b', nextAttemptAt: 50 },
    { id: 9, lane: 'c', nextAttemptAt: 300 },
    { id: 7, lane: 'd', nextAttemptAt: 100 },
  ];

  it('starts every due head, most overdue first, and wakes for the next one due', () => {
    expect(planStarts(heads, new Set(), 10, 100)).toEqual({
      start: [heads[1], heads[0], heads[3]],
      wakeAt: 300,
    });
  });

  it('starts no more than the capacity left', () => {
    expect(planStarts(heads, new Set(), 1, 100).start.map((head) => head.id)).toEqual([2]);
    expect(planStarts(heads, new Set(), 0, 100).start).toEqual([]);
  });

  it('never starts a second job in a lane that has one in flight', () => {
    const plan = planStarts(heads, new Set(['b', 'a']), 10, 1_000);
    expect(plan.start.map((head) => head.id)).toEqual([7, 9]);
    expect(plan.wakeAt).toBeNull();
  });

  it('has nothing to wake for when nothing waits on time', () => {
    expect(planStarts([], new Set(), 4, 0)).toEqual({ start: [], wakeAt: null });
  });
});
