// Shows and withdraws the desktop notifications the policies (core/notify) decide on: one per
// key (a conversation's, or its urgent alert's), the next replacing it, withdrawn when it is
// read. A click shows the window and opens that conversation. Where the OS has them (macOS,
// Windows), a notification that offers a reply has a reply field and the quick replies as
// buttons; an answer from either goes to `reply` and withdraws the notification. Holding each
// Notification here also keeps it from being garbage-collected, which would silently drop its
// click or reply.
import type { NotificationConstructorOptions } from 'electron';
import type { NotificationActions, NotificationToShow } from '../core/notify/notification-policy';
import type { NotificationAnswer, NotificationReply } from '../core/notify/notification-reply';
import type { AppNotification } from './platform';

export type ShownNotification = AppNotification;

export interface NotificationCenterOptions {
  create(options: NotificationConstructorOptions): ShownNotification;
  /** The OS (`process.platform`): which reply parts its notifications have. */
  platform: NodeJS.Platform;
  /** The user clicked the notification of this conversation. */
  open(conversationId: string): void;
  /** The user answered a notification from its reply field or a quick-reply button; the text is not blank. */
  reply(answer: NotificationAnswer): void;
}

/**
 * A Windows toast holds at most 5 buttons, and Electron gives the reply field one to send with.
 * (macOS shows the first button beside a reply field and the others on hover.)
 */
export const mostQuickReplyButtons = 4;

/** The reply part of a notification as this OS takes it: Linux's notification servers get neither a reply field nor buttons from Electron. */
export function replyOptions(reply: NotificationReply | null, platform: NodeJS.Platform): Pick<NotificationConstructorOptions, 'hasReply' | 'replyPlaceholder' | 'actions'> {
  if (reply === null || (platform !== 'darwin' && platform !== 'win32')) return {};
  return {
    hasReply: true,
    replyPlaceholder: reply.placeholder,
    actions: reply.quickReplies.slice(0, mostQuickReplyButtons).map((text) => ({ type: 'button', text })),
  };
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
    const replies = replyOptions(toShow.reply, this.options.platform);
    const notification = this.options.create({
      title: toShow.title,
      body: toShow.body,
      urgency: toShow.urgent ? 'critical' : 'normal',
      timeoutType: toShow.urgent ? 'never' : 'default',
      ...replies,
    });
    notification.on('click', () => {
      this.forget(toShow.key, notification);
      this.options.open(toShow.conversationId);
    });
    notification.on('close', () => this.forget(toShow.key, notification));
    if (toShow.reply !== null) {
      const { upToMessageId } = toShow.reply;
      const answered = (text: string | undefined) => {
        if (text === undefined || text.trim() === '') return;
        // This notification only: a newer one in its place is about a message not yet answered.
        this.forget(toShow.key, notification);
        notification.close();
        this.options.reply({ conversationId: toShow.conversationId, upToMessageId, text });
      };
      notification.on('reply', (details) => answered(details.reply));
      notification.on('action', (details) => answered(replies.actions?.[details.actionIndex]?.text));
    }
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
