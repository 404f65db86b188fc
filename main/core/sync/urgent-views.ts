/** Urgent messages as the window's banner and the notifications name them. */
import type { UrgentAlert } from '../../../preload/contract';
import type { ViewQueries } from './view-queries';
import { conversationName, previewOf, toMessageView } from './views';

export function urgentAlertsOf(views: ViewQueries, messageIds: readonly number[]): UrgentAlert[] {
  const messages = views.messages(messageIds).map(toMessageView);
  const conversations = new Map(views.summariesOf([...new Set(messages.map((message) => message.conversationId))]).map((row) => [row.id, row]));
  return messages.map((message) => {
    const conversation = conversations.get(message.conversationId);
    return {
      messageId: message.id,
      conversationId: message.conversationId,
      // A conversation the user hid still alerts: it is named by its token until it shows again.
      conversationKind: conversation?.kind === 'group' ? 'group' : 'user',
      conversationName: conversation === undefined ? message.conversationId : conversationName(conversation),
      senderName: message.senderName,
      preview: previewOf({ body: message.body, recalled: message.recalled, attachmentName: message.attachment?.name ?? null, hasAttachment: message.attachment !== null }),
      sentAt: message.createdAt,
    };
  });
}
