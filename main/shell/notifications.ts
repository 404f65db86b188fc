// Shows and withdraws the desktop notifications the policies (core/notify) decide on: one per
// key (a conversation's, or its urgent alert's), the next replacing it, withdrawn when it is
// read. A click shows the window and opens that conversation. Holding each Notification here also keeps it from being
// garbage-collected, which would silently drop its click.
import type { NotificationConstructorOptions } from 'electron';
import type { NotificationActions, NotificationToShow } from '../core/notify/notification-policy';
import type { AppNotification } from './platform';

export type ShownNotification = AppNotification;

export interface NotificationCenterOptions {
  create(options: NotificationConstructorOptions): ShownNotification;
  /** The user clicked the notification of this conversation. */
  open(conversationId: string): void;
}

export class NotificationCenter {
  private readonly shown = new Map<string, { notification: ShownNotification; urgent: boolean }>();
  private readonly options: NotificationCenterOptions;

  constructor(options: NotificationCenterOptions) {
    this.options = options;
  }

  apply(actions: Pick<NotificationActions, 'show' | 'withdraw'>): void {
    for (const key of actions.withdraw) this.withdraw(key);
    for (const notification of actions.show) this.show(notification);
  }

  withdrawAll(): void {
    for (const key of [...this.shown.keys()]) this.withdraw(key);
  }

  /** Do Not Disturb came on: ordinary notifications go, urgent ones stay until read. */
  withdrawOrdinary(): void {
    for (const [key, { urgent }] of [...this.shown]) if (!urgent) this.withdraw(key);
  }

  /** The keys of the urgent notifications on screen. */
  urgentKeys(): Set<string> {
    return new Set([...this.shown].filter(([, entry]) => entry.urgent).map(([key]) => key));
  }

  private show(toShow: NotificationToShow): void {
    this.withdraw(toShow.key);
    const notification = this.options.create({
      title: toShow.title,
      body: toShow.body,
      urgency: toShow.urgent ? 'critical' : 'normal',
      timeoutType: toShow.urgent ? 'never' : 'default',
    });
    notification.on('click', () => {
      this.forget(toShow.key, notification);
      this.options.open(toShow.conversationId);
    });
    notification.on('close', () => this.forget(toShow.key, notification));
    this.shown.set(toShow.key, { notification, urgent: toShow.urgent });
    notification.show();
  }

  private withdraw(key: string): void {
    const entry = this.shown.get(key);
    if (entry === undefined) return;
    this.shown.delete(key);
    entry.notification.close();
  }

  /** Only if it is still the one shown: a replaced notification's late `close` must not drop its successor. */
  private forget(key: string, notification: ShownNotification): void {
    if (this.shown.get(key)?.notification === notification) this.shown.delete(key);
  }
}
