/**
 * Which change produces which desktop notification: a pure policy, so the shell only shows
 * and closes what it is told. One notification per conversation, replaced by the next and
 * withdrawn when the conversation is read; none for the conversation open in a focused
 * window; the privacy level decides what a screen seen by others may show. Urgent messages
 * are not notified here: they alert until read (urgent-notifications.ts). A muted conversation
 * raises none.
 */
import type { ChangeSet, ConversationSummary, MessageView } from '../../../preload/contract';
import { replyOffer } from './notification-reply';
import type { NotificationReply, ReplyContext } from './notification-reply';
import { isMutedAt } from '../mutes/muted-at';
import { appName } from './app-name';

/** off: nothing; count: how many, nothing else; sender: who; full: who and what. */
export type NotificationPrivacy = 'off' | 'count' | 'sender' | 'full';

export interface NotificationContext extends ReplyContext {
  privacy: NotificationPrivacy;
  doNotDisturb: boolean;
  /** The conversation shown in a window that has the focus, if any. */
  focusedConversationId: string | null;
  /** For the conversations' mutes, which end by themselves. */
  now: number;
}

export interface NotificationToShow {
  /** Its place: the next notification with the same key replaces it. */
  key: string;
  /** What a click opens. */
  conversationId: string;
  title: string;
  body: string;
  /** An urgent message's: it stays on screen and asks for attention. */
  urgent: boolean;
  /** What it offers to answer with (notification-reply.ts); null: nothing. */
  reply: NotificationReply | null;
}

export interface NotificationActions {
  show: NotificationToShow[];
  /** Keys of the notifications to withdraw (their conversation read, or removed). */
  withdraw: string[];
}

/** What the policy remembers between change sets: the newest message notified per conversation. */
export type NotifiedUpTo = Map<string, number>;

export function notificationsFor(
  change: ChangeSet,
  conversations: ReadonlyMap<string, ConversationSummary>,
  context: NotificationContext,
  notifiedUpTo: NotifiedUpTo,
): NotificationActions {
  const withdraw = new Set<string>(change.removedConversations);
  for (const conversation of change.conversations) {
    if (conversation.unread === 0) withdraw.add(conversation.id);
  }
  if (context.focusedConversationId !== null) withdraw.add(context.focusedConversationId);

  const fresh = freshIncomingByConversation(change.messages, notifiedUpTo);
  const show: NotificationToShow[] = [];
  for (const [conversationId, messages] of fresh) {
    const newest = messages[messages.length - 1]!;
    notifiedUpTo.set(conversationId, newest.createdAt);
    const conversation = conversations.get(conversationId);
    if (conversationId === context.focusedConversationId || conversation?.unread === 0) continue;
    if (context.privacy === 'off' || context.doNotDisturb) continue;
    if (conversation !== undefined && isMutedAt(conversation, context.now)) continue;
    withdraw.delete(conversationId);
    const name = conversation?.kind === 'group' ? conversation.name : newest.senderName;
    const reply = replyOffer(context.privacy, context, { name, messageId: newest.id });
    show.push({ key: conversationId, conversationId, urgent: false, ...textFor(newest, conversation, context), reply });
  }
  return { show, withdraw: [...withdraw] };
}

function freshIncomingByConversation(messages: readonly MessageView[], notifiedUpTo: NotifiedUpTo): Map<string, MessageView[]> {
  const fresh = new Map<string, MessageView[]>();
  const ordered = [...messages].sort((a, b) => a.createdAt - b.createdAt);
  for (const message of ordered) {
    // An urgent message alerts on its own schedule, until read.
    if (message.outgoing || message.readByMe || message.recalled || message.priority === 'high') continue;
    if (message.createdAt <= (notifiedUpTo.get(message.conversationId) ?? Number.NEGATIVE_INFINITY)) continue;
    const list = fresh.get(message.conversationId) ?? [];
    list.push(message);
    fresh.set(message.conversationId, list);
  }
  return fresh;
}

function textFor(
  message: MessageView,
  conversation: ConversationSummary | undefined,
  context: NotificationContext,
): { title: string; body: string } {
  const words = context.translator;
  const unread = conversation?.unread ?? 1;
  if (context.privacy === 'count') {
    return { title: appName, body: words.t('notification.count', { count: unread }) };
  }
  // The name the roster and the thread show: the core derived it (store/display-name.ts).
  const sender = message.senderName;
  const title = conversation?.kind === 'group' ? words.t('notification.title-in-group', { sender, group: conversation.name }) : sender;
  if (context.privacy === 'sender') {
    return { title, body: words.t('notification.sender-body', { count: unread }) };
  }
  const body = message.body !== '' ? message.body : message.attachment ? words.t('notification.attachment', { name: message.attachment.name }) : words.t('notification.new-message');
  return { title, body };
}
