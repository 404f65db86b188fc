/**
 * The desktop notifications of urgent messages: a pure policy, as for other messages
 * (notification-policy.ts). Each alert of the schedule shows the conversation's urgent
 * notification again (one per conversation; at "count" or "off" privacy one for all, saying
 * only how many), and a conversation with nothing urgent left unread loses its notification.
 * Privacy "off" turns off ordinary notifications, not urgent ones: an urgent page must reach
 * the user, so it still comes, without a name or text. Do Not Disturb silences urgent alerts
 * only where the managed settings allow it.
 */
import type { UrgentAlert } from '../../../preload/contract';
import { appName } from './app-name';
import type { NotificationPrivacy, NotificationToShow } from './notification-policy';
import { replyOffer } from './notification-reply';
import type { ReplyContext } from './notification-reply';

export interface UrgentNotificationContext extends ReplyContext {
  privacy: NotificationPrivacy;
  doNotDisturb: boolean;
  /** From the managed settings: whether Do Not Disturb silences urgent alerts too. Default no. */
  doNotDisturbSilencesUrgent: boolean;
}

export interface UrgentNotificationActions {
  show: NotificationToShow[];
  /** Keys of urgent notifications to withdraw: nothing urgent is left unread there. */
  withdraw: string[];
  /** Whether this alert sounds and asks for attention (flash, dock); false when silenced. */
  sound: boolean;
}

/** The key of the one urgent notification shown at "count" or "off" privacy. */
export const allUrgentKey = 'urgent';

export const urgentKeyOf = (conversationId: string): string => `urgent:${conversationId}`;

export function urgentNotificationsFor(
  change: { alerts: readonly UrgentAlert[]; alerting: readonly UrgentAlert[] },
  context: UrgentNotificationContext,
  shownKeys: ReadonlySet<string>,
): UrgentNotificationActions {
  const named = context.privacy === 'full' || context.privacy === 'sender';
  const stillUrgent = new Set(named ? change.alerts.map((alert) => urgentKeyOf(alert.conversationId)) : change.alerts.length > 0 ? [allUrgentKey] : []);
  const withdraw = [...shownKeys].filter((key) => !stillUrgent.has(key));
  const silenced = context.doNotDisturb && context.doNotDisturbSilencesUrgent;
  if (change.alerting.length === 0 || silenced) return { show: [], withdraw, sound: false };
  return { show: named ? namedNotifications(change, context) : [countNotification(change, context)], withdraw, sound: true };
}

function namedNotifications(change: { alerts: readonly UrgentAlert[]; alerting: readonly UrgentAlert[] }, context: UrgentNotificationContext): NotificationToShow[] {
  const withText = context.privacy === 'full';
  const words = context.translator;
  const alertingConversations = [...new Set(change.alerting.map((alert) => alert.conversationId))];
  return alertingConversations.map((conversationId) => {
    const unread = change.alerts.filter((alert) => alert.conversationId === conversationId);
    const newest = unread[unread.length - 1]!;
    const title =
      newest.conversationKind === 'group'
        ? words.t('urgent.title-in-group', { sender: newest.senderName, group: newest.conversationName })
        : words.t('urgent.title', { sender: newest.senderName });
    return {
      key: urgentKeyOf(conversationId),
      conversationId,
      title,
      body: withText && newest.preview !== '' ? newest.preview : words.t('urgent.count', { count: unread.length }),
      urgent: true,
      reply: replyOffer(context.privacy, context, { name: newest.conversationName, messageId: newest.messageId }),
    };
  });
}

function countNotification(change: { alerts: readonly UrgentAlert[]; alerting: readonly UrgentAlert[] }, context: UrgentNotificationContext): NotificationToShow {
  return {
    key: allUrgentKey,
    // A click opens the oldest urgent message's conversation: the one waiting longest.
    conversationId: (change.alerts[0] ?? change.alerting[0])!.conversationId,
    title: appName,
    body: context.translator.t('urgent.count', { count: change.alerts.length }),
    urgent: true,
    // Names no one, so there is no conversation to answer.
    reply: null,
  };
}
