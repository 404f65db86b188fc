/**
 * When urgent messages alert: at once when first seen, then again every `everyMs` until each
 * has alerted `1 + repeats` times or is read. A pure plan over what the store holds, so the
 * schedule survives a restart (the store keeps each message's count and last alert) and can
 * be tested with a manual clock.
 */
import type { PendingUrgent } from '../store/urgent-alerts';

export interface UrgentAlertSettings {
  /** Between one alert of a message and the next. */
  everyMs: number;
  /** Alerts after the first; 0 alerts once. */
  repeats: number;
}

/** Microsoft Teams' priority notifications: every 2 minutes, for 20 minutes. */
export const defaultUrgentAlertSettings: UrgentAlertSettings = { everyMs: 2 * 60_000, repeats: 10 };

/** The schedule the managed settings set, the default for what they leave out. */
export function urgentAlertSettingsOf(managed: { everyMinutes?: number; repeats?: number } | undefined): UrgentAlertSettings {
  return {
    everyMs: managed?.everyMinutes === undefined ? defaultUrgentAlertSettings.everyMs : managed.everyMinutes * 60_000,
    repeats: managed?.repeats ?? defaultUrgentAlertSettings.repeats,
  };
}

export interface AlertPlan {
  /** The pending messages to alert now. */
  alertNow: PendingUrgent[];
  /** When the next alert falls due, counting those alerting now; null when none will (each has alerted its last time). */
  nextAt: number | null;
}

export function planAlerts(pending: readonly PendingUrgent[], settings: UrgentAlertSettings, now: number): AlertPlan {
  const alertNow: PendingUrgent[] = [];
  let nextAt: number | null = null;
  for (const message of pending) {
    if (message.alertsSent >= 1 + settings.repeats) continue;
    let due = dueAt(message, settings, now);
    if (due <= now) {
      alertNow.push(message);
      if (message.alertsSent + 1 >= 1 + settings.repeats) continue;
      due = now + settings.everyMs;
    }
    nextAt = nextAt === null ? due : Math.min(nextAt, due);
  }
  return { alertNow, nextAt };
}

function dueAt(message: PendingUrgent, settings: UrgentAlertSettings, now: number): number {
  if (message.lastAlertAt === null) return now;
  // A clock set back must not put the next alert off by as long as it went back.
  return Math.min(message.lastAlertAt, now) + settings.everyMs;
}
