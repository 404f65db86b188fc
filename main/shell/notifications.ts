// Shows and withdraws the desktop notifications the policy (core/notify) decides on: one per
// conversation, the next replacing it, withdrawn when it is read. A click shows the window
// and opens that conversation. Holding each Notification here also keeps it from being
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
  private readonly shown = new Map<string, ShownNotification>();
  private readonly options: NotificationCenterOptions;

  constructor(options: NotificationCenterOptions) {
    this.options = options;
  }

  apply(actions: Pick<NotificationActions, 'show' | 'withdraw'>): void {
    for (const conversationId of actions.withdraw) this.withdraw(conversationId);
    for (const notification of actions.show) this.show(notification);
  }

  withdrawAll(): void {
    for (const conversationId of [...this.shown.keys()]) this.withdraw(conversationId);
  }

  private show(toShow: NotificationToShow): void {
    this.withdraw(toShow.conversationId);
    const notification = this.options.create({
      title: toShow.title,
      body: toShow.body,
      urgency: toShow.urgent ? 'critical' : 'normal',
      timeoutType: toShow.urgent ? 'never' : 'default',
    });
    notification.on('click', () => {
      this.forget(toShow.conversationId, notification);
      this.options.open(toShow.conversationId);
    });
    notification.on('close', () => this.forget(toShow.conversationId, notification));
    this.shown.set(toShow.conversationId, notification);
    notification.show();
  }

  private withdraw(conversationId: string): void {
    const notification = this.shown.get(conversationId);
    if (notification === undefined) return;
    this.shown.delete(conversationId);
    notification.close();
  }

  /** Only if it is still the one shown: a replaced notification's late `close` must not drop its successor. */
  private forget(conversationId: string, notification: ShownNotification): void {
    if (this.shown.get(conversationId) === notification) this.shown.delete(conversationId);
  }
}
