import { describe, expect, it } from 'vitest';
import { english } from '../../i18n/english';
import { urgentNotificationsFor } from '../../main/core/notify/urgent-notifications';
import type { UrgentNotificationContext } from '../../main/core/notify/urgent-notifications';
import type { UrgentAlert } from '../../preload/contract';

const ann: UrgentAlert = { messageId: '1', conversationId: 'user-ann', conversationKind: 'user', conversationName: 'Ann Lee', senderName: 'Ann Lee', preview: 'K+ 6.1, call me', sentAt: 1 };
const icu: UrgentAlert = { messageId: '2', conversationId: 'group-icu', conversationKind: 'group', conversationName: 'ICU night', senderName: 'Bob Ray', preview: 'Code blue bed 4', sentAt: 2 };
const icuAgain: UrgentAlert = { ...icu, messageId: '3', preview: 'Still need help', sentAt: 3 };

function context(overrides: Partial<UrgentNotificationContext> = {}): UrgentNotificationContext {
  return { privacy: 'full', doNotDisturb: false, doNotDisturbSilencesUrgent: false, allowReply: false, quickReplies: [], translator: english, ...overrides };
}

const texts = (actions: ReturnType<typeof urgentNotificationsFor>) => actions.show.map((shown) => `${shown.key} | ${shown.title} | ${shown.body}`);

describe('urgent notifications', () => {
  it('show one urgent notification per alerting conversation, naming the sender and the group, with the newest text at full privacy', () => {
    const actions = urgentNotificationsFor({ alerts: [ann, icu, icuAgain], alerting: [icu, icuAgain] }, context(), new Set());
    expect(texts(actions)).toEqual(['urgent:group-icu | Urgent: Bob Ray in ICU night | Still need help']);
    expect(actions.show[0]).toMatchObject({ conversationId: 'group-icu', urgent: true });
    expect(actions.sound).toBe(true);
  });

  it('name the sender but not the text at "sender" privacy', () => {
    const actions = urgentNotificationsFor({ alerts: [icu, icuAgain], alerting: [icu] }, context({ privacy: 'sender' }), new Set());
    expect(texts(actions)).toEqual(['urgent:group-icu | Urgent: Bob Ray in ICU night | 2 urgent messages']);
  });

  it('still come at "count" and "off" privacy, as one notification with neither name nor text', () => {
    for (const privacy of ['count', 'off'] as const) {
      const actions = urgentNotificationsFor({ alerts: [ann, icu], alerting: [icu] }, context({ privacy }), new Set());
      expect(texts(actions)).toEqual(['urgent | TigerDesk | 2 urgent messages']);
      // A click opens the urgent message waiting longest.
      expect(actions.show[0]?.conversationId).toBe('user-ann');
      expect(JSON.stringify(actions)).not.toMatch(/Ann|Bob|K\+|Code blue/);
    }
  });

  it('are not silenced by Do Not Disturb unless the managed settings allow it', () => {
    expect(urgentNotificationsFor({ alerts: [ann], alerting: [ann] }, context({ doNotDisturb: true }), new Set()).show).toHaveLength(1);
    const silenced = urgentNotificationsFor({ alerts: [ann], alerting: [ann] }, context({ doNotDisturb: true, doNotDisturbSilencesUrgent: true }), new Set());
    expect(silenced).toEqual({ show: [], withdraw: [], sound: false });
  });

  it('withdraw the notification of a conversation with nothing urgent left unread, and show nothing between alerts', () => {
    const actions = urgentNotificationsFor({ alerts: [icu], alerting: [] }, context(), new Set(['urgent:user-ann', 'urgent:group-icu']));
    expect(actions).toEqual({ show: [], withdraw: ['urgent:user-ann'], sound: false });
    expect(urgentNotificationsFor({ alerts: [], alerting: [] }, context({ privacy: 'count' }), new Set(['urgent'])).withdraw).toEqual(['urgent']);
  });
});
