/**
 * The shift's script, decided before it starts and the same on every run: how much of each
 * thing happens, and when. A full shift is 10 minutes; --quick plays a thirtieth of it with
 * proportionally fewer of everything, so that it still passes through every step.
 */

export interface ShiftPlan {
  durationMs: number;
  /** Colleagues, one conversation each. */
  conversations: number;
  /** Messages colleagues send through the sandbox's API, attachments included. */
  incoming: number;
  /** Of those, the ones with a file, each opened from the window. */
  attachments: number;
  /** Messages typed into the window's composer and sent. */
  sends: number;
  /** Conversations chosen in the quick switcher. */
  switches: number;
  /** Lock now, then unlock with the password. */
  locks: number;
  /** How long the window stays locked each time: messages keep arriving meanwhile. */
  lockedMs: number;
  /** Memory is sampled at the end of each of this many equal parts ("minutes") of the shift. */
  minutes: number;
}

export function shiftPlan(quick: boolean): ShiftPlan {
  const full: ShiftPlan = {
    durationMs: 600_000,
    conversations: 200,
    incoming: 20_000,
    attachments: 50,
    sends: 500,
    switches: 400,
    locks: 10,
    lockedMs: 2_000,
    minutes: 10,
  };
  if (!quick) return full;
  const scale = 50;
  return {
    durationMs: full.durationMs / scale,
    conversations: 10,
    incoming: full.incoming / scale,
    attachments: 1,
    sends: full.sends / scale,
    switches: full.switches / scale,
    locks: 1,
    lockedMs: 500,
    minutes: full.minutes,
  };
}

/** What the person at the window does next, `at` ms into the shift. */
export type WindowStep = { at: number } & (
  | { kind: 'switch'; conversation: number }
  | { kind: 'send'; body: string }
  | { kind: 'open-attachment'; index: number; conversation: number; file: string }
  | { kind: 'lock' }
  | { kind: 'sample'; minute: number }
);

/** Spreads `count` of a step evenly over the shift, each in the middle of its share. */
function spread(plan: ShiftPlan, count: number, step: (index: number) => Omit<WindowStep, 'at'>): WindowStep[] {
  return Array.from({ length: count }, (_, index) => ({ at: Math.round(((index + 0.5) * plan.durationMs) / count), ...step(index) }) as WindowStep);
}

/** A stride coprime with the number of conversations visits every one before any twice. */
function visitOrder(plan: ShiftPlan, index: number): number {
  const stride = plan.conversations > 37 ? 37 : 3;
  return (index * stride) % plan.conversations;
}

export const sentBody = (index: number) => `Shift send ${index}`;
export const incomingBody = (index: number) => `Incoming ${index}`;
export const attachmentFile = (index: number) => `chart-${index}.png`;
/** Zero-padded, so that no colleague's name is part of another's and the switcher finds exactly one. */
export const colleagueName = (index: number) => `Ward Colleague ${String(index).padStart(3, '0')}`;

export function windowSteps(plan: ShiftPlan): WindowStep[] {
  const steps = [
    ...spread(plan, plan.switches, (index) => ({ kind: 'switch', conversation: visitOrder(plan, index) })),
    ...spread(plan, plan.sends, (index) => ({ kind: 'send', body: sentBody(index) })),
    ...spread(plan, plan.attachments, (index) => ({ kind: 'open-attachment', index, conversation: (index * 7 + 1) % plan.conversations, file: attachmentFile(index) })),
    ...spread(plan, plan.locks, () => ({ kind: 'lock' })),
    // At the end of each minute, the last one at the shift's end.
    ...Array.from({ length: plan.minutes }, (_, minute) => ({ at: Math.round(((minute + 1) * plan.durationMs) / plan.minutes), kind: 'sample', minute }) as WindowStep),
  ];
  return steps.sort((a, b) => a.at - b.at);
}

/** The incoming text messages (the attachments come with their window steps), `at` ms into the shift. */
export function incomingMessages(plan: ShiftPlan): { at: number; from: number; index: number }[] {
  const count = plan.incoming - plan.attachments;
  return Array.from({ length: count }, (_, index) => ({
    at: Math.round((index * plan.durationMs) / count),
    from: visitOrder(plan, index),
    index,
  }));
}
