// What a message's notification offers to answer with (issue 13, item 4): the policies decide,
// the shell maps it to each OS (test/shell/notification-replies.test.ts).
import { describe, expect, it } from 'vitest';
import { english } from '../../i18n/english';
import { notificationsFor } from '../../main/core/notify/notification-policy';
import type { NotificationContext } from '../../main/core/notify/notification-policy';
import { urgentNotificationsFor } from '../../main/core/notify/urgent-notifications';
import type { UrgentNotificationContext } from '../../main/core/notify/urgent-notifications';
import type { UrgentAlert } from '../../preload/contract';
import { changeSet, conversationSummary, messageView } from '../support/view-builders';

const quickReplies = ['On my way', 'Call me', 'Done'];

function shownFor(overrides: Partial<NotificationContext>, conversation = conversationSummary()) {
  const context: NotificationContext = { privacy: 'sender', doNotDisturb: false, focusedConversationId: null, now: 0, allowReply: true, quickReplies, translator: english, ...overrides };
  const change = changeSet({
    conversations: [conversation],
    messages: [messageView({ id: '41', conversationId: conversation.id, createdAt: 1 }), messageView({ id: '42', conversationId: conversation.id, createdAt: 2 })],
  });
  return notificationsFor(change, new Map([[conversation.id, conversation]]), context, new Map()).show;
}

const ann: UrgentAlert = { messageId: '7', conversationId: 'user-ann', conversationKind: 'user', conversationName: 'Ann Lee', senderName: 'Ann Lee', preview: 'Bed 4 crashing', sentAt: 1 };
const icu: UrgentAlert = { messageId: '9', conversationId: 'group-icu', conversationKind: 'group', conversationName: 'ICU night', senderName: 'Bob Ray', preview: 'Code blue', sentAt: 2 };

function urgentShownFor(overrides: Partial<UrgentNotificationContext>, alerts: UrgentAlert[] = [ann]) {
  const context: UrgentNotificationContext = { privacy: 'sender', doNotDisturb: false, doNotDisturbSilencesUrgent: false, allowReply: true, quickReplies, translator: english, ...overrides };
  return urgentNotificationsFor({ alerts, alerting: alerts }, context, new Set()).show;
}

describe('a message notification', () => {
  it('offers a reply and the quick replies when it names the sender, answering up to its newest message', () => {
    for (const privacy of ['sender', 'full'] as const) {
      expect(shownFor({ privacy }).map((shown) => shown.reply), privacy).toEqual([{ placeholder: 'Reply to Ann Lee', quickReplies, upToMessageId: '42' }]);
    }
  });

  it('names the group in the reply field of a group conversation', () => {
    const group = conversationSummary({ id: 'group-icu', kind: 'group', name: 'ICU night' });
    expect(shownFor({}, group)[0]?.reply?.placeholder).toBe('Reply to ICU night');
  });

  it('offers nothing to answer when it shows only a count: there is no conversation on screen to answer', () => {
    expect(shownFor({ privacy: 'count' }).map((shown) => shown.reply)).toEqual([null]);
  });

  it('offers nothing to answer while replies from notifications are not allowed (the lock)', () => {
    for (const privacy of ['sender', 'full'] as const) expect(shownFor({ privacy, allowReply: false }).map((shown) => shown.reply)).toEqual([null]);
  });

  it('offers the quick replies in effect, none when the list is empty, and the reply field still', () => {
    expect(shownFor({ quickReplies: ['Acknowledged'] })[0]?.reply?.quickReplies).toEqual(['Acknowledged']);
    expect(shownFor({ quickReplies: [] })[0]?.reply).toEqual({ placeholder: 'Reply to Ann Lee', quickReplies: [], upToMessageId: '42' });
  });
});

describe('an urgent notification', () => {
  it('offers a reply too, "On my way" being what a page wants, up to the urgent message', () => {
    expect(urgentShownFor({}).map((shown) => shown.reply)).toEqual([{ placeholder: 'Reply to Ann Lee', quickReplies, upToMessageId: '7' }]);
    expect(urgentShownFor({ privacy: 'full' }, [icu]).map((shown) => shown.reply)).toEqual([{ placeholder: 'Reply to ICU night', quickReplies, upToMessageId: '9' }]);
  });

  it('offers nothing when it names no one, or while replies are not allowed', () => {
    for (const privacy of ['count', 'off'] as const) expect(urgentShownFor({ privacy }, [ann, icu]).map((shown) => shown.reply), privacy).toEqual([null]);
    expect(urgentShownFor({ allowReply: false }).map((shown) => shown.reply)).toEqual([null]);
  });
});
