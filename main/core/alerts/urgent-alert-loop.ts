/**
 * The account's urgent alerts, run in main (a hidden window's timers are throttled): after
 * every change set it reads which urgent messages are still unread, alerts those due under
 * the schedule (urgent-schedule.ts), records each alert in the store so that a restart goes on
 * where it stopped, and sets one timer for the next alert due. A message read here or on
 * another device, recalled or expired stops alerting with the change set that says so.
 */
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import type { PendingUrgent } from '../store/urgent-alerts';
import { planAlerts, type UrgentAlertSettings } from './urgent-schedule';

export interface UrgentAlertUpdate {
  /** Every urgent message still unread, oldest first. */
  pending: PendingUrgent[];
  /** Those alerting now: a notification, the alert tone, the taskbar or dock. */
  alerting: PendingUrgent[];
}

export interface UrgentAlertLoopOptions {
  store: Store;
  clock: Clock;
  settings: UrgentAlertSettings;
  log: Pick<Logger, 'error'>;
  /** Told when the pending messages changed or some alert now; never otherwise. */
  update(update: UrgentAlertUpdate): void;
}

export interface UrgentAlertLoop {
  /**
   * Reads the store again: call after every change set. `retell`: the change renamed people or
   * conversations, so pending alerts are told again (their names may read differently now).
   */
  refresh(retell?: boolean): void;
  pending(): PendingUrgent[];
  stop(): void;
}

export function createUrgentAlertLoop(options: UrgentAlertLoopOptions): UrgentAlertLoop {
  const { store, clock, settings, log } = options;
  let pending: PendingUrgent[] = [];
  // What alerted in this run, in case the store could not record it: kept from alerting at every change set.
  const alerted = new Map<number, Pick<PendingUrgent, 'alertsSent' | 'lastAlertAt'>>();
  let timer: TimerHandle | null = null;
  let stopped = false;

  const schedule = (at: number | null) => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = at === null ? null : clock.setTimeout(() => refresh(), Math.max(0, at - clock.now()));
  };

  function refresh(retell = false): void {
    if (stopped) return;
    const now = clock.now();
    let current: PendingUrgent[];
    try {
      current = store.urgentAlerts.pending(now).map((message) => withAlertsKnown(message, alerted.get(message.messageId)));
    } catch (error) {
      log.error('could not read the urgent messages; they alert again with the next change', { error: (error as Error).message });
      return;
    }
    const changed = !sameMessages(current, pending);
    if (changed && current.length < pending.length) forgetSettled(now);
    pending = current;
    const plan = planAlerts(current, settings, now);
    if (plan.alertNow.length > 0) record(plan.alertNow, now);
    schedule(plan.nextAt);
    if (!changed && plan.alertNow.length === 0 && !(retell && current.length > 0)) return;
    try {
      options.update({ pending: current, alerting: plan.alertNow });
    } catch (error) {
      // From a timer nothing else would catch it; the next alert or change tries again.
      log.error('an urgent alert could not be shown', { error: (error as Error).message });
    }
  }

  const record = (alerting: PendingUrgent[], now: number) => {
    for (const message of alerting) alerted.set(message.messageId, { alertsSent: message.alertsSent + 1, lastAlertAt: now });
    try {
      store.transaction(() => store.urgentAlerts.record(alerting.map((message) => message.messageId), now, (id) => alertsAfter(alerting, id)));
    } catch (error) {
      // The alert still goes: a full disk must not silence an urgent message. Unrecorded, it alerts again at the next change.
      log.error('could not record an urgent alert', { error: (error as Error).message });
    }
  };

  const forgetSettled = (now: number) => {
    try {
      store.urgentAlerts.forgetSettled(now);
    } catch (error) {
      log.error('could not forget the alerts of urgent messages no longer unread', { error: (error as Error).message });
    }
  };

  return {
    refresh,
    pending: () => pending,
    stop() {
      stopped = true;
      schedule(null);
    },
  };
}

function withAlertsKnown(message: PendingUrgent, known: Pick<PendingUrgent, 'alertsSent' | 'lastAlertAt'> | undefined): PendingUrgent {
  return known !== undefined && known.alertsSent > message.alertsSent ? { ...message, ...known } : message;
}

function alertsAfter(alerting: readonly PendingUrgent[], messageId: number): number {
  return (alerting.find((message) => message.messageId === messageId)?.alertsSent ?? 0) + 1;
}

function sameMessages(a: readonly PendingUrgent[], b: readonly PendingUrgent[]): boolean {
  return a.length === b.length && a.every((message, index) => message.messageId === b[index]?.messageId);
}
