// Answering a notification (issue 13, item 4) at the shell's edge: what each OS's Notification
// is given (a reply field and quick-reply buttons on macOS and Windows, neither on Linux), and
// what an answer from the OS does (the hook called with the conversation, the message and the
// text; the notification withdrawn). A fake Notification stands for Electron's.
import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { NotificationToShow } from '../../main/core/notify/notification-policy';
import type { NotificationAnswer } from '../../main/core/notify/notification-reply';
import { mostQuickReplyButtons, NotificationCenter } from '../../main/shell/notifications';

/** Electron's Notification as far as the center uses it; the OS's answers come as Electron 45 emits them. */
class FakeNotification {
  state: 'new' | 'shown' | 'closed' = 'new';
  private readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  constructor(readonly options: NotificationConstructorOptions) {}
  show() {
    this.state = 'shown';
  }
  close() {
    this.state = 'closed';
    this.emit('close', {});
  }
  on(event: string, listener: (...args: unknown[]) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  /** The user sends text from the reply field. */
  reply(text: string) {
    this.emit('reply', { reply: text, preventDefault() {}, defaultPrevented: false }, text);
  }
  /** The user presses the button at `index`. */
  press(index: number) {
    this.emit('action', { actionIndex: index, selectionIndex: -1, preventDefault() {}, defaultPrevented: false }, index, -1);
  }
}

function center(platform: NodeJS.Platform) {
  const created: FakeNotification[] = [];
  const answers: NotificationAnswer[] = [];
  const notifications = new NotificationCenter({
    create: (options) => {
      const notification = new FakeNotification(options);
      created.push(notification);
      return notification as never;
    },
    platform,
    open: () => {},
    reply: (answer) => answers.push(answer),
  });
  return { notifications, created, answers };
}

const quickReplies = ['On my way', 'Call me', 'Done'];

function toShow(overrides: Partial<NotificationToShow> = {}): NotificationToShow {
  return {
    key: 'user-ann',
    conversationId: 'user-ann',
    title: 'Ann Lee',
    body: 'New message',
    urgent: false,
    reply: { placeholder: 'Reply to Ann Lee', quickReplies, upToMessageId: '42' },
    ...overrides,
  };
}

describe('a notification that offers a reply', () => {
  it('has a reply field and the quick replies as buttons on macOS and Windows', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { notifications, created } = center(platform);
      notifications.apply({ show: [toShow()], withdraw: [] });
      expect(created[0]?.options, platform).toMatchObject({
        hasReply: true,
        replyPlaceholder: 'Reply to Ann Lee',
        actions: [
          { type: 'button', text: 'On my way' },
          { type: 'button', text: 'Call me' },
          { type: 'button', text: 'Done' },
        ],
      });
    }
  });

  it('has neither on Linux, whose notification servers Electron gives no reply field or buttons', () => {
    const { notifications, created } = center('linux');
    notifications.apply({ show: [toShow()], withdraw: [] });
    expect(created[0]?.options).toEqual({ title: 'Ann Lee', body: 'New message', urgency: 'normal', timeoutType: 'default' });
  });

  it('has neither where the policy offers no reply', () => {
    const { notifications, created } = center('darwin');
    notifications.apply({ show: [toShow({ reply: null })], withdraw: [] });
    expect(created[0]?.options).not.toHaveProperty('hasReply');
    expect(created[0]?.options).not.toHaveProperty('actions');
  });

  it(`holds at most ${mostQuickReplyButtons} buttons, the first quick replies, as a Windows toast can`, () => {
    const { notifications, created } = center('win32');
    const ten = Array.from({ length: 10 }, (_, i) => `Reply ${i + 1}`);
    notifications.apply({ show: [toShow({ reply: { placeholder: 'Reply', quickReplies: ten, upToMessageId: '42' } })], withdraw: [] });
    expect(created[0]?.options.actions?.map((action) => action.text)).toEqual(['Reply 1', 'Reply 2', 'Reply 3', 'Reply 4']);
  });

  it('sends what was typed in its reply field to its conversation, up to its message, and is withdrawn', () => {
    const { notifications, created, answers } = center('darwin');
    notifications.apply({ show: [toShow()], withdraw: [] });
    created[0]?.reply('Be there in 5');
    expect(answers).toEqual([{ conversationId: 'user-ann', upToMessageId: '42', text: 'Be there in 5' }]);
    expect(created[0]?.state).toBe('closed');
  });

  it('sends the quick reply of the button pressed', () => {
    const { notifications, created, answers } = center('win32');
    notifications.apply({ show: [toShow({ key: 'urgent:user-ann', urgent: true })], withdraw: [] });
    created[0]?.press(1);
    expect(answers).toEqual([{ conversationId: 'user-ann', upToMessageId: '42', text: 'Call me' }]);
    expect(created[0]?.state).toBe('closed');
    expect(notifications.urgentKeys()).toEqual(new Set());
  });

  it('ignores an empty or blank reply and a button it does not have, and stays on screen', () => {
    const { notifications, created, answers } = center('darwin');
    notifications.apply({ show: [toShow()], withdraw: [] });
    created[0]?.reply('');
    created[0]?.reply('  \n ');
    created[0]?.press(3);
    expect(answers).toEqual([]);
    expect(created[0]?.state).toBe('shown');
  });

  it('answered after a newer notification replaced it, sends to its own message and leaves the newer one on screen', () => {
    const { notifications, created, answers } = center('darwin');
    notifications.apply({ show: [toShow()], withdraw: [] });
    const first = created[0]!;
    // The OS may still hold the replaced one (Notification Center), and the user answers it there.
    notifications.apply({ show: [toShow({ reply: { placeholder: 'Reply to Ann Lee', quickReplies, upToMessageId: '43' } })], withdraw: [] });
    first.state = 'shown';
    first.reply('Seen the first one');
    expect(answers).toEqual([{ conversationId: 'user-ann', upToMessageId: '42', text: 'Seen the first one' }]);
    expect(created[1]?.state).toBe('shown');
    // And the newer one is still withdrawn when its conversation is read.
    notifications.apply({ show: [], withdraw: ['user-ann'] });
    expect(created[1]?.state).toBe('closed');
  });
});
