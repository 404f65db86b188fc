// @vitest-environment happy-dom
import { lockState } from '../support/view-builders';
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { UrgentAlert } from '../../preload/contract';
import { urgentBannerText } from '../../renderer/src/components/banner/urgent-banner';
import { account, conversation, createFakeTiger } from './fake-tiger';
import { renderApp } from './render-app';

const fromAnn: UrgentAlert = { messageId: '7', conversationId: 'ann', conversationKind: 'user', conversationName: 'Person ann', senderName: 'Ann Lee', preview: 'Bed 4 crashing', sentAt: 1 };
const inIcu: UrgentAlert = { messageId: '9', conversationId: 'icu', conversationKind: 'group', conversationName: 'ICU night', senderName: 'Bob Ray', preview: 'Code blue', sentAt: 2 };

function signedIn() {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
  fake.conversations.set('ann', conversation('ann', { unread: 1, unreadPriority: 1 }));
  return fake;
}

describe('the urgent banner', () => {
  it('says "Urgent", names the sender within the privacy level, and never shows the text', () => {
    expect(urgentBannerText([fromAnn], 'full')).toBe('Urgent message from Ann Lee');
    expect(urgentBannerText([inIcu], 'sender')).toBe('Urgent message from Bob Ray in ICU night');
    expect(urgentBannerText([fromAnn, inIcu], 'full')).toBe('Urgent: 2 unread urgent messages, the first from Ann Lee');
    for (const privacy of ['count', 'off'] as const) {
      expect(urgentBannerText([fromAnn], privacy)).toBe('Urgent message');
      expect(urgentBannerText([fromAnn, inIcu], privacy)).toBe('Urgent: 2 unread urgent messages');
    }
    expect(urgentBannerText([fromAnn, inIcu], 'full')).not.toContain('Bed 4');
  });

  it('shows the alerts main already had as an alert, and "Open" opens the conversation waiting longest', async () => {
    const fake = signedIn();
    fake.urgentAlerts = [fromAnn];
    renderApp(fake);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Urgent message from Ann LeeOpen');
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    await waitFor(() => expect(fake.callsOf('setOpenConversation')).toContainEqual({ conversationId: 'ann' }));
  });

  it('appears when main says an urgent message alerts, plays the alert tone each time it sounds, and goes once it is read', async () => {
    const fake = signedIn();
    let tones = 0;
    renderApp(fake, undefined, () => (tones += 1));
    await screen.findByRole('list', { name: 'Conversations' });
    expect(screen.queryByRole('alert')).toBeNull();
    fake.emit('urgentAlerts', { alerts: [fromAnn], count: 1, sound: true });
    await screen.findByRole('alert');
    // Once the first screen is painted (urgent-chime.test.ts): at most a frame from here.
    await waitFor(() => expect(tones).toBe(1));
    fake.emit('urgentAlerts', { alerts: [fromAnn, inIcu], count: 2, sound: false });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/^Urgent: 2 unread urgent messages/));
    fake.emit('urgentAlerts', { alerts: [fromAnn, inIcu], count: 2, sound: true });
    expect(tones).toBe(2);
    fake.emit('urgentAlerts', { alerts: [], count: 0, sound: false });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('keeps an alert pushed while its question was under way over the older answer', async () => {
    const fake = signedIn();
    fake.urgentAlerts = [];
    const ask = fake.api.urgentAlerts;
    fake.api.urgentAlerts = async () => {
      const answer = await ask();
      fake.emit('urgentAlerts', { alerts: [inIcu], count: 1, sound: true });
      return answer;
    };
    renderApp(fake, undefined, () => undefined);
    await waitFor(() => expect(fake.callsOf('urgentAlerts')).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Bob Ray/));
  });
});
