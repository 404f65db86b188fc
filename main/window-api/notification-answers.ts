// An answer from a message's notification (its reply field or a quick-reply button) goes
// exactly as the window's would: through the window's own sendMessage call, checked by the
// contract, into the outbox, so it is queued offline, retried, and shown failed in the thread
// like any send. A reply means the message was seen: its conversation is then marked read up
// to that message (not past it: what came after the notification is still unread).
import { englishText } from '../../i18n/english';
import type { NotificationAnswer } from '../core/notify/notification-reply';
import { answerCall } from './answer-call';
import type { CallHandlers, CallLog } from './answer-call';

export function answerFromNotification(calls: Pick<CallHandlers, 'sendMessage' | 'markRead'>, log: CallLog): (answer: NotificationAnswer) => Promise<void> {
  return async ({ conversationId, upToMessageId, text }) => {
    if (text.trim() === '') return;
    const sent = await answerCall('sendMessage', { conversationId, body: text }, calls.sendMessage, log);
    if (!sent.ok) {
      log.warn('a reply from a notification was not sent', { code: sent.error.code, reason: englishText(sent.error.text) });
      return;
    }
    const read = await answerCall('markRead', { conversationId, upToMessageId }, calls.markRead, log);
    if (!read.ok) log.warn('a conversation answered from a notification was not marked read', { code: read.error.code, reason: englishText(read.error.text) });
  };
}
