import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { english } from '../../i18n/english';
import { notificationsFor } from '../../main/core/notify/notification-policy';
import type { NotificationContext, NotifiedUpTo } from '../../main/core/notify/notification-policy';
import { urgentNotificationsFor } from '../../main/core/notify/urgent-notifications';
import type { UrgentNotificationContext } from '../../main/core/notify/urgent-notifications';
import { NotificationCenter } from '../../main/shell/notifications';
import type { ChangeSet, ConversationSummary, UrgentAlert } from '../../preload/contract';
import { changeSet, conversationSummary, messageView } from '../support/view-builders';

/** Electron Notifications as the desktop would hold them: shown until closed. */
function fakeDesktop() {
  const created: FakeNotification[] = [];
  class FakeNotification {
    readonly options: NotificationConstructorOptions;
    state: 'new' | 'shown' | 'closed' = 'new';
    private readonly listeners = new Map<string, (() => void)[]>();
    constructor(options: NotificationConstructorOptions) {
      this.options = options;
      created.push(this);
    }
    show() {
      this.state = 'shown';
    }
    close() {
      this.state = 'closed';
      this.emit('close');
    }
    on(event: string, listener: () => void) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    emit(event: string) {
      for (const listener of this.listeners.get(event) ?? []) listener();
    }
  }
  const onScreen = () => created.filter((n) => n.state === 'shown').map((n) => `${n.options.title}: ${n.options.body}`);
  return { created, onScreen, create: (options: NotificationConstructorOptions) => new FakeNotification(options) };
}

function harness(context: Partial<NotificationContext> = {}) {
  const desktop = fakeDesktop();
  const opened: string[] = [];
  const center = new NotificationCenter({ create: desktop.create as never, platform: 'linux', open: (id) => opened.push(id), reply: () => {} });
  const notifiedUpTo: NotifiedUpTo = new Map();
  const full: NotificationContext = {
    privacy: 'full',
    doNotDisturb: false,
    focusedConversationId: null,
    allowReply: false,
    quickReplies: [],
    translator: english,
    now: 0,
    ...context,
  };
  const receive = (change: ChangeSet, overrides: Partial<NotificationContext> = {}) => {
    const conversations = new Map<string, ConversationSummary>(change.conversations.map((c) => [c.id, c]));
    const actions = notificationsFor(change, conversations, { ...full, ...overrides }, notifiedUpTo);
    center.apply(actions);
    return actions;
  };
  return { desktop, opened, center, receive };
}

const urgentContext: UrgentNotificationContext = { privacy: 'full', doNotDisturb: false, doNotDisturbSilencesUrgent: false, allowReply: false, quickReplies: [], translator: english };

function urgentAlert(fields: Pick<UrgentAlert, 'messageId' | 'conversationId' | 'senderName' | 'preview'>): UrgentAlert {
  return { conversationKind: 'user', conversationName: fields.senderName, sentAt: 1_000, ...fields };
}

const names: Record<string, string> = { 'user-ann': 'Ann Lee', 'user-bo': 'Bo Chen' };
const incoming = (id: string, conversationId: string, body: string, createdAt: number, unread: number) =>
  changeSet({
    conversations: [conversationSummary({ id: conversationId, unread })],
    messages: [messageView({ id, conversationId, senderToken: conversationId, senderName: names[conversationId] ?? conversationId, body, createdAt })],
  });

describe('desktop notifications', () => {
  it('shows one per conversation, the next replacing the previous', () => {
    const { desktop, receive } = harness();
    receive(incoming('1', 'user-ann', 'Bed 4 needs a review', 1_000, 1));
    receive(incoming('2', 'user-bo', 'Labs are back', 1_100, 1));
    receive(incoming('3', 'user-ann', 'Never mind, done', 1_200, 2));
    expect(desktop.onScreen()).toEqual(['Bo Chen: Labs are back', 'Ann Lee: Never mind, done']);
    expect(desktop.created).toHaveLength(3);
    expect(desktop.created[0]?.state).toBe('closed');
  });

  it('removes the notification when its conversation is read elsewhere', () => {
    const { desktop, receive } = harness();
    receive(incoming('1', 'user-ann', 'Bed 4 needs a review', 1_000, 1));
    receive(changeSet({ conversations: [conversationSummary({ id: 'user-ann', unread: 0 })] }));
    expect(desktop.onScreen()).toEqual([]);
    expect(desktop.created[0]?.state).toBe('closed');
  });

  it('shows nothing for the conversation open in the focused window, and nothing under Do Not Disturb', () => {
    const { desktop, receive } = harness();
    receive(incoming('1', 'user-ann', 'Bed 4 needs a review', 1_000, 1), { focusedConversationId: 'user-ann' });
    receive(incoming('2', 'user-bo', 'Labs are back', 1_100, 1), { doNotDisturb: true });
    expect(desktop.created).toHaveLength(0);
    receive(incoming('3', 'user-bo', 'Call me', 1_200, 2));
    expect(desktop.onScreen()).toEqual(['Bo Chen: Call me']);
  });

  it('shows only the sender at the default privacy level, never the text', () => {
    const { desktop, receive } = harness({ privacy: 'sender' });
    receive(incoming('1', 'user-ann', 'Patient in bed 4 is septic', 1_000, 1));
    expect(desktop.onScreen()).toEqual(['Ann Lee: New message']);
    expect(JSON.stringify(desktop.created.map((n) => n.options))).not.toContain('septic');
  });

  it('opens the conversation on a click and forgets the notification', () => {
    const { desktop, opened, receive } = harness();
    receive(incoming('1', 'user-ann', 'Bed 4 needs a review', 1_000, 1));
    desktop.created[0]?.emit('click');
    expect(opened).toEqual(['user-ann']);
    // Clicked away by the OS: reading the conversation has nothing left to close.
    desktop.created[0]!.state = 'shown';
    receive(changeSet({ conversations: [conversationSummary({ id: 'user-ann', unread: 0 })] }));
    expect(desktop.created[0]?.state).toBe('shown');
  });

  it('keeps the newer notification when a replaced one reports its close late', () => {
    const { desktop, receive } = harness();
    receive(incoming('1', 'user-ann', 'first', 1_000, 1));
    receive(incoming('2', 'user-ann', 'second', 1_100, 2));
    desktop.created[0]?.emit('close');
    receive(changeSet({ conversations: [conversationSummary({ id: 'user-ann', unread: 0 })] }));
    expect(desktop.created[1]?.state).toBe('closed');
  });

  it('shows an urgent alert as critical and never timed out, beside the conversation\'s ordinary notification', () => {
    const { desktop, center, opened, receive } = harness();
    receive(incoming('1', 'user-ann', 'routine', 1_000, 1));
    const alert = urgentAlert({ messageId: '2', conversationId: 'user-ann', senderName: 'Ann Lee', preview: 'Bed 4 crashing' });
    center.apply(urgentNotificationsFor({ alerts: [alert], alerting: [alert] }, urgentContext, center.urgentKeys()));
    expect(desktop.onScreen()).toEqual(['Ann Lee: routine', 'Urgent: Ann Lee: Bed 4 crashing']);
    expect(desktop.created[1]?.options).toMatchObject({ urgency: 'critical', timeoutType: 'never' });
    desktop.created[1]?.emit('click');
    expect(opened).toEqual(['user-ann']);
  });

  it('keeps urgent alerts on screen when Do Not Disturb comes on, and withdraws them once read', () => {
    const { desktop, center, receive } = harness();
    receive(incoming('1', 'user-bo', 'routine', 1_000, 1));
    const alert = urgentAlert({ messageId: '2', conversationId: 'user-ann', senderName: 'Ann Lee', preview: 'Bed 4' });
    center.apply(urgentNotificationsFor({ alerts: [alert], alerting: [alert] }, urgentContext, center.urgentKeys()));
    center.withdrawOrdinary();
    expect(desktop.onScreen()).toEqual(['Urgent: Ann Lee: Bed 4']);
    center.apply(urgentNotificationsFor({ alerts: [], alerting: [] }, urgentContext, center.urgentKeys()));
    expect(desktop.onScreen()).toEqual([]);
  });

  it('withdraws everything at once, as on sign-out', () => {
    const { desktop, center, receive } = harness();
    receive(incoming('1', 'user-ann', 'a', 1_000, 1));
    receive(incoming('2', 'user-bo', 'b', 1_000, 1));
    center.withdrawAll();
    expect(desktop.onScreen()).toEqual([]);
  });
});
