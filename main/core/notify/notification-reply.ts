/**
 * What a message's notification offers to answer it with: a reply field and the quick replies
 * as buttons, where the OS has them (shell/notifications.ts maps this per platform). Offered
 * only when the notification names who wrote ("sender" or "full" privacy: at "count" or "off"
 * there is no conversation on screen to answer), and only while the app lets anything be sent
 * from a notification. Urgent messages offer it too: "On my way" is the answer a page wants.
 */
import type { Translator } from '../../../i18n/translator';
import type { NotificationPrivacy } from './notification-policy';

export interface ReplyContext {
  /** Whether a notification may send anything now; the app's lock turns this off. */
  allowReply: boolean;
  /** The quick replies in effect (the user's, or hospital IT's). */
  quickReplies: readonly string[];
  /** The app's language now: what a notification says is worded in it when it is shown. */
  translator: Translator;
}

export interface NotificationReply {
  /** What the empty reply field says. */
  placeholder: string;
  quickReplies: string[];
  /** The newest message the notification is about: a reply means it was seen, so it is marked read up to there. */
  upToMessageId: string;
}

/** What the user answered from a notification, and to what. */
export interface NotificationAnswer {
  conversationId: string;
  /** The newest message the notification was about (NotificationReply.upToMessageId). */
  upToMessageId: string;
  text: string;
}

export function replyOffer(privacy: NotificationPrivacy, context: ReplyContext, about: { name: string; messageId: string }): NotificationReply | null {
  if (!context.allowReply || (privacy !== 'sender' && privacy !== 'full')) return null;
  return { placeholder: context.translator.t('notification.reply-placeholder', { name: about.name }), quickReplies: [...context.quickReplies], upToMessageId: about.messageId };
}
