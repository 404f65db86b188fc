// The lock's calls, and what the window may do while it is locked: only what the lock screen
// needs (unlock, sign out in the owner's name, sign another person in or switch to another
// stored account, the settings' look) is answered; every call that reads or changes the
// account's data is refused with 'locked', and its data events are held back, the urgent
// alerts told as a count alone. The window loads the account again once unlocked.
import { userText } from '../../i18n/user-text';
import type { UserText } from '../../i18n/user-text';
import type { CallName, EventName, EventPayload } from '../../preload/contract';
import type { ScreenLock, UnlockResult } from '../core/lock/screen-lock';
import type { SessionManager } from '../core/session';
import type { CallHandlers } from './answer-call';
import { CallRefusal } from './call-refusal';

export type LockCalls = Pick<CallHandlers, 'lockNow' | 'unlock' | 'signOutFromLock' | 'setUnlockPin' | 'removeUnlockPin'>;

export interface LockCallsOptions {
  lock: Pick<ScreenLock, 'lock' | 'unlock' | 'confirm' | 'setPin' | 'removePin' | 'state'>;
  session: Pick<SessionManager, 'signOut'>;
  /** One of the account's organizations requires a PIN (`pin_lock`): it may be changed, not removed. */
  pinRequired: () => boolean;
}

export function lockCalls({ lock, session, pinRequired }: LockCallsOptions): LockCalls {
  return {
    async lockNow() {
      if (!(await lock.lock('manual'))) {
        throw new CallRefusal('refused', userText('lock-error.cannot-lock'));
      }
      return { ok: true };
    },
    async unlock({ secret }) {
      refuseUnlessRight(await lock.unlock(secret));
      return { ok: true };
    },
    async signOutFromLock({ secret }) {
      refuseUnlessRight(await lock.confirm(secret));
      await session.signOut();
      return { ok: true };
    },
    setUnlockPin: ({ pin, current }) => lock.setPin(pin, current),
    removeUnlockPin: async ({ current }) => {
      if (pinRequired()) throw new CallRefusal('refused', userText('lock-error.pin-required'));
      return lock.removePin(current);
    },
  };
}

function refuseUnlessRight(result: UnlockResult): void {
  switch (result.kind) {
    case 'unlocked':
    case 'not-locked':
      return;
    case 'wait':
      throw new CallRefusal('refused', waitText(result.ms));
    case 'wrong': {
      const { state } = result;
      const method = state.method === 'password' ? 'password' : 'pin';
      if (state.retryAt !== null) throw new CallRefusal('refused', userText('lock-error.wrong-wait', { method }));
      if (state.pinTriesLeft !== null) {
        throw new CallRefusal('refused', userText('lock-error.wrong-pin-tries', { tries: state.pinTriesLeft }));
      }
      throw new CallRefusal('refused', state.method === 'password' && state.hasPin ? userText('lock-error.pin-too-many') : userText('lock-error.wrong', { method }));
    }
  }
}

function waitText(ms: number): UserText {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return userText('lock-error.wait-seconds', { seconds });
  return userText('lock-error.wait-minutes', { minutes: Math.ceil(seconds / 60) });
}

/** What the lock screen needs; everything else waits for the unlock. */
const answeredWhileLocked: ReadonlySet<CallName> = new Set<CallName>([
  'appInfo',
  'sessionState',
  'getSettings',
  'catalog',
  'connectionState',
  'outboxState',
  // "Switch user": another person signs in, or another stored account opens (itself locked).
  'signInWithPassword',
  'signInWithKey',
  'trySandbox',
  'accounts',
  'switchAccount',
  // The lock screen clears the window: a draft typed before the lock is kept, nothing is read.
  'setDraft',
  'setOpenConversation',
  'lockNow',
  'unlock',
  'signOutFromLock',
  'openExternalLink',
]);

/** The handlers, each refusing with 'locked' while the window is locked unless the lock screen needs it. */
export function refusedWhileLocked<H extends Partial<CallHandlers>>(handlers: H, isLocked: () => boolean): H {
  const guarded: Partial<CallHandlers> = {};
  for (const [name, handler] of Object.entries(handlers) as [CallName, (input: unknown) => unknown][]) {
    (guarded as Record<CallName, unknown>)[name] = answeredWhileLocked.has(name)
      ? handler
      : (input: unknown) => {
          if (isLocked()) throw new CallRefusal('locked', userText('lock-error.locked'));
          return handler(input);
        };
  }
  return guarded as H;
}

/** The events a locked window is not sent: they carry messages, names or what to open. */
const heldWhileLocked: ReadonlySet<EventName> = new Set<EventName>(['change', 'typing', 'openConversation']);

/** An event as a locked window may be told it; null: not at all. */
export function eventWhileLocked<E extends EventName>(event: E, payload: EventPayload<E>): EventPayload<E> | null {
  if (heldWhileLocked.has(event)) return null;
  if (event === 'urgentAlerts') {
    const urgent = payload as EventPayload<'urgentAlerts'>;
    return { alerts: [], count: urgent.count, sound: urgent.sound } as EventPayload<E>;
  }
  return payload;
}
