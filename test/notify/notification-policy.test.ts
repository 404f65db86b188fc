import { describe, expect, it } from 'vitest';
import { english } from '../../i18n/english';
import { notificationsFor } from '../../main/core/notify/notification-policy';
import { mainTranslator } from '../../main/core/language/main-language';
import { urgentNotificationsFor } from '../../main/core/notify/urgent-notifications';
import type { NotificationContext, NotifiedUpTo } from '../../main/core/notify/notification-policy';
import type { ConversationSummary } from '../../preload/contract';
import { changeSet, conversationSummary, messageView } from '../support/view-builders';

function context(overrides: Partial<NotificationContext> = {}): NotificationContext {
  return {
    privacy: 'sender',
    doNotDisturb: false,
    focusedConversationId: null,
    allowReply: false,
    quickReplies: [],
    translator: english,
    now: 0,
    ...overrides,
  };
}
function roster(...conversations: ConversationSummary[]): Map<string, ConversationSummary> {
  return new Map(conversations.map((c) => [c.id, c]));
}

describe('the notification policy', () => {
  it('shows one notification per conversation, for its newest message, replacing the previous one', () => {
    const ann = conversationSummary({ unread: 2 });
    const change = changeSet({
      conversations: [ann],
      messages: [messageView({ id: '1', createdAt: 1 }), messageView({ id: '2', createdAt: 2, body: 'second' })],
    });
    const actions = notificationsFor(change, roster(ann), context({ privacy: 'full' }), new Map());
    expect(actions.show).toEqual([{ key: 'user-ann', conversationId: 'user-ann', title: 'Ann Lee', body: 'second', urgent: false, reply: null }]);
  });

  it('never notifies the same message twice, so a replayed or updated message stays quiet', () => {
    const ann = conversationSummary();
    const notified: NotifiedUpTo = new Map();
    const change = changeSet({ conversations: [ann], messages: [messageView({ createdAt: 5 })] });
    expect(notificationsFor(change, roster(ann), context(), notified).show).toHaveLength(1);
    expect(notificationsFor(change, roster(ann), context(), notified).show).toHaveLength(0);
  });

  it('stays quiet for own messages, read ones and recalled ones', () => {
    const ann = conversationSummary();
    const change = changeSet({
      messages: [
        messageView({ id: '1', outgoing: true, senderToken: 'me' }),
        messageView({ id: '2', readByMe: true }),
        messageView({ id: '3', recalled: true, body: '' }),
      ],
    });
    expect(notificationsFor(change, roster(ann), context(), new Map()).show).toEqual([]);
  });

  it('shows nothing for the conversation open in a focused window, and withdraws its notification', () => {
    const ann = conversationSummary();
    const actions = notificationsFor(
      changeSet({ messages: [messageView()] }),
      roster(ann),
      context({ focusedConversationId: 'user-ann' }),
      new Map(),
    );
    expect(actions.show).toEqual([]);
    expect(actions.withdraw).toEqual(['user-ann']);
  });

  it('withdraws the notification of a conversation that was read or removed', () => {
    const read = conversationSummary({ id: 'user-bob', unread: 0 });
    const actions = notificationsFor(
      changeSet({ conversations: [read], removedConversations: ['group-icu'] }),
      roster(read),
      context(),
      new Map(),
    );
    expect(actions.withdraw.sort()).toEqual(['group-icu', 'user-bob']);
  });

  it('shows only what the privacy level allows', () => {
    const group = conversationSummary({ id: 'group-icu', kind: 'group', name: 'ICU night', unread: 3 });
    const change = changeSet({ messages: [messageView({ conversationId: 'group-icu', senderToken: 'user-bob', senderName: 'Bob Ray', body: 'K+ 6.1' })] });
    const text = (privacy: NotificationContext['privacy']) =>
      notificationsFor(change, roster(group), context({ privacy }), new Map()).show.map(({ title, body }) => ({ title, body }));
    expect(text('off')).toEqual([]);
    expect(text('count')).toEqual([{ title: 'TigerDesk', body: '3 new messages' }]);
    expect(text('sender')).toEqual([{ title: 'Bob Ray in ICU night', body: '3 new messages' }]);
    expect(text('full')).toEqual([{ title: 'Bob Ray in ICU night', body: 'K+ 6.1' }]);
    for (const privacy of ['count', 'sender'] as const) expect(JSON.stringify(text(privacy))).not.toContain('K+ 6.1');
  });

  it('leaves urgent messages to the urgent alerts, which repeat until read', () => {
    const ann = conversationSummary({ unread: 2, unreadPriority: 1 });
    const change = changeSet({
      conversations: [ann],
      messages: [messageView({ id: '1', createdAt: 1, body: 'routine' }), messageView({ id: '2', createdAt: 2, priority: 'high', body: 'urgent' })],
    });
    const actions = notificationsFor(change, roster(ann), context({ privacy: 'full' }), new Map());
    expect(actions.show).toEqual([{ key: 'user-ann', conversationId: 'user-ann', title: 'Ann Lee', body: 'routine', urgent: false, reply: null }]);
    expect(notificationsFor(changeSet({ messages: [messageView({ id: '3', createdAt: 3, priority: 'high' })] }), roster(ann), context(), new Map()).show).toEqual([]);
  });

  it('stays quiet for a muted conversation until its mute ends, while its urgent messages still alert', () => {
    const muted = conversationSummary({ unread: 1, mutedUntil: 5_000 });
    const change = changeSet({ conversations: [muted], messages: [messageView({ id: '1', createdAt: 1, body: 'routine' })] });
    expect(notificationsFor(change, roster(muted), context({ now: 4_999 }), new Map()).show).toEqual([]);
    expect(notificationsFor(change, roster(muted), context({ now: 5_000 }), new Map()).show).toHaveLength(1);
    // Urgent messages are not the ordinary policy's: the urgent one of the muted conversation still alerts.
    const alert = { messageId: '2', conversationId: muted.id, conversationKind: 'user' as const, conversationName: 'Ann Lee', senderName: 'Ann Lee', preview: 'Code blue', sentAt: 2 };
    const urgent = urgentNotificationsFor({ alerts: [alert], alerting: [alert] }, { privacy: 'full', doNotDisturb: false, doNotDisturbSilencesUrgent: false, allowReply: false, quickReplies: [], translator: english }, new Set());
    expect(urgent.show).toMatchObject([{ key: `urgent:${muted.id}`, body: 'Code blue', urgent: true }]);
    expect(urgent.sound).toBe(true);
  });
});

describe('the notifications in another language', () => {
  const group = conversationSummary({ id: 'group-icu', kind: 'group', name: 'ICU night', unread: 3 });
  const ann = conversationSummary({ unread: 1 });
  const shown = (conversation: ConversationSummary, overrides: Partial<NotificationContext>, message = messageView({ conversationId: conversation.id, senderToken: 'user-bob', senderName: 'Bob Ray', body: 'K+ 6.1' })) =>
    notificationsFor(changeSet({ messages: [message] }), roster(conversation), context({ translator: mainTranslator('es'), allowReply: true, ...overrides }), new Map()).show.map(
      ({ title, body, reply }) => ({ title, body, placeholder: reply?.placeholder ?? null }),
    );

  it('word their titles and bodies in Spanish at each privacy level, the count in its plural', () => {
    expect(shown(group, { privacy: 'count' })).toEqual([{ title: 'TigerDesk', body: '3 mensajes nuevos', placeholder: null }]);
    expect(shown(ann, { privacy: 'count' })).toEqual([{ title: 'TigerDesk', body: '1 mensaje nuevo', placeholder: null }]);
    expect(shown(group, { privacy: 'sender' })).toEqual([{ title: 'Bob Ray en ICU night', body: '3 mensajes nuevos', placeholder: 'Responder a ICU night' }]);
    expect(shown(ann, { privacy: 'sender' }, messageView({ senderName: 'Ann Lee' }))).toEqual([{ title: 'Ann Lee', body: 'Mensaje nuevo', placeholder: 'Responder a Ann Lee' }]);
    expect(shown(group, { privacy: 'full' })).toEqual([{ title: 'Bob Ray en ICU night', body: 'K+ 6.1', placeholder: 'Responder a ICU night' }]);
  });

  it('name an attachment sent without text in Spanish and in French', () => {
    const scan = messageView({ body: '', attachment: { name: 'scan.pdf', size: 10, contentType: 'application/pdf' } });
    expect(shown(ann, { privacy: 'full' }, scan)[0]?.body).toBe('Archivo adjunto: scan.pdf');
    expect(shown(ann, { privacy: 'full', translator: mainTranslator('fr') }, scan)[0]?.body).toBe('Pièce jointe\u00a0: scan.pdf');
  });

  it('word urgent alerts in Spanish and in French, named or counted', () => {
    const bed4 = { messageId: '2', conversationId: 'group-icu', conversationKind: 'group' as const, conversationName: 'ICU night', senderName: 'Bob Ray', preview: 'Code blue', sentAt: 2 };
    const again = { ...bed4, messageId: '3', sentAt: 3 };
    const urgent = (language: 'es' | 'fr', privacy: NotificationContext['privacy']) =>
      urgentNotificationsFor(
        { alerts: [bed4, again], alerting: [again] },
        { privacy, doNotDisturb: false, doNotDisturbSilencesUrgent: false, allowReply: false, quickReplies: [], translator: mainTranslator(language) },
        new Set(),
      ).show.map(({ title, body }) => `${title} | ${body}`);
    expect(urgent('es', 'sender')).toEqual(['Urgente: Bob Ray en ICU night | 2 mensajes urgentes']);
    expect(urgent('es', 'count')).toEqual(['TigerDesk | 2 mensajes urgentes']);
    expect(urgent('fr', 'sender')).toEqual(['Urgent\u00a0: Bob Ray dans ICU night | 2 messages urgents']);
    expect(urgent('fr', 'full')).toEqual(['Urgent\u00a0: Bob Ray dans ICU night | Code blue']);
  });
});
