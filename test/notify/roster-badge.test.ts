import { describe, expect, it } from 'vitest';
import { english } from '../../i18n/english';
import type { ConversationSummary } from '../../preload/contract';
import { RosterBadge } from '../../main/core/notify/roster-badge';
import { conversationSummary } from '../support/view-builders';

/** A runtime whose roster can be changed behind the badge's back, and whose reads of its unread counts are counted. */
function runtimeWith(roster: ConversationSummary[]) {
  const runtime = {
    reads: 0,
    roster,
    sync: {
      unreadTallies: () => {
        runtime.reads += 1;
        return runtime.roster;
      },
    },
  };
  return runtime;
}

describe('the badge of the open account', () => {
  it('reads the unread counts once, then follows the change sets', () => {
    const runtime = runtimeWith([conversationSummary({ id: 'a', unread: 1 })]);
    const badge = new RosterBadge();
    expect(badge.badge(runtime, 0, english).unread).toBe(1);
    badge.changed(runtime, { conversations: [conversationSummary({ id: 'b', unread: 3 })], removedConversations: [] });
    expect(badge.badge(runtime, 0, english)).toMatchObject({ unread: 4, label: '4' });
    expect(runtime.reads).toBe(1);
  });

  it('shows nothing without an account, and reads the next account\'s counts afresh', () => {
    const first = runtimeWith([conversationSummary({ id: 'a', unread: 2 })]);
    const second = runtimeWith([conversationSummary({ id: 'z', unread: 7 })]);
    const badge = new RosterBadge();
    expect(badge.badge(first, 0, english).unread).toBe(2);
    expect(badge.badge(null, 0, english)).toMatchObject({ unread: 0, label: '', trayImage: 'tray-0' });
    expect(badge.badge(second, 0, english).unread).toBe(7);
    expect(badge.badge(first, 0, english).unread).toBe(2);
    expect(first.reads).toBe(2);
  });

  it('does not count the change sets of a runtime other than the one it shows', () => {
    const shown = runtimeWith([conversationSummary({ id: 'a', unread: 2 })]);
    const closing = runtimeWith([]);
    const badge = new RosterBadge();
    badge.badge(shown, 0, english);
    badge.changed(closing, { conversations: [conversationSummary({ id: 'x', unread: 9 })], removedConversations: [] });
    expect(badge.badge(shown, 0, english).unread).toBe(2);
  });
});
