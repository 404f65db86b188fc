import { describe, expect, it } from 'vitest';
import { english } from '../../i18n/english';
import { badgeFor } from '../support/roster-badge';
import { conversationSummary } from '../support/view-builders';

const withUnread = (...counts: number[]) => counts.map((unread, i) => conversationSummary({ id: `c${i}`, unread }));

describe('the unread badge', () => {
  it('is empty at zero', () => {
    expect(badgeFor(withUnread(0, 0), 0, english)).toMatchObject({ unread: 0, trayImage: 'tray-0', label: '', tooltip: 'TigerDesk' });
  });

  it('counts unread across all conversations', () => {
    expect(badgeFor(withUnread(2, 3), 0, english)).toMatchObject({ unread: 5, trayImage: 'tray-5', label: '5' });
  });

  it('shows 9+ above nine', () => {
    expect(badgeFor(withUnread(7, 5), 0, english)).toMatchObject({ unread: 12, trayImage: 'tray-9plus', label: '9+' });
  });

  it('marks unread high-priority messages', () => {
    const badge = badgeFor([conversationSummary({ unread: 1, unreadPriority: 1 })], 0, english);
    expect(badge.priority).toBe(true);
    expect(badge.tooltip).toContain('high priority');
  });

  it('leaves a muted conversation out but for its urgent messages, and counts it again once the mute has ended', () => {
    const conversations = [
      conversationSummary({ id: 'loud', unread: 2 }),
      conversationSummary({ id: 'muted', unread: 5, unreadPriority: 1, mutedUntil: 10_000 }),
    ];
    expect(badgeFor(conversations, 9_999, english)).toMatchObject({ unread: 3, priority: true, label: '3' });
    expect(badgeFor(conversations, 10_000, english)).toMatchObject({ unread: 7, label: '7' });
  });
});
