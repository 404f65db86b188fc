import { describe, expect, it } from 'vitest';
import { english } from '../../i18n/english';
import type { ConversationSummary } from '../../preload/contract';
import { badgeFor } from '../support/roster-badge';
import { UnreadTally } from '../../main/core/notify/unread-tally';
import { conversationSummary } from '../support/view-builders';

const change = (conversations: ConversationSummary[], removedConversations: string[] = []) => ({ conversations, removedConversations });

describe('the unread tally', () => {
  it('counts the roster it starts from as the badge of that roster does', () => {
    const roster = [
      conversationSummary({ id: 'a', unread: 2 }),
      conversationSummary({ id: 'b', unread: 4, unreadPriority: 1 }),
      conversationSummary({ id: 'muted', unread: 6, unreadPriority: 2, mutedUntil: 5_000 }),
    ];
    const tally = new UnreadTally(roster);
    for (const now of [0, 4_999, 5_000, 9_000]) {
      const badge = badgeFor(roster, now, english);
      expect(tally.at(now)).toEqual({ unread: badge.unread, priority: badge.priority });
    }
  });

  it('replaces a conversation with the summary a change set brings', () => {
    const tally = new UnreadTally([conversationSummary({ id: 'a', unread: 2 }), conversationSummary({ id: 'b', unread: 3 })]);
    tally.apply(change([conversationSummary({ id: 'a', unread: 5 })]));
    expect(tally.at(0).unread).toBe(8);
    tally.apply(change([conversationSummary({ id: 'a', unread: 0 })]));
    expect(tally.at(0).unread).toBe(3);
  });

  it('counts a conversation once however often its summary comes again', () => {
    const tally = new UnreadTally();
    const summary = conversationSummary({ id: 'a', unread: 2, unreadPriority: 1 });
    tally.apply(change([summary]));
    tally.apply(change([summary]));
    expect(tally.at(0)).toEqual({ unread: 2, priority: true });
  });

  it('drops a conversation the change set removes, with its high-priority mark', () => {
    const tally = new UnreadTally([conversationSummary({ id: 'a', unread: 2, unreadPriority: 2 }), conversationSummary({ id: 'b', unread: 1 })]);
    tally.apply(change([], ['a', 'never-held']));
    expect(tally.at(0)).toEqual({ unread: 1, priority: false });
  });

  it('counts only the urgent messages of a muted conversation until its mute ends, then all of them, with no change set', () => {
    const tally = new UnreadTally([conversationSummary({ id: 'loud', unread: 1 })]);
    tally.apply(change([conversationSummary({ id: 'muted', unread: 5, unreadPriority: 1, mutedUntil: 10_000 })]));
    expect(tally.at(9_999)).toEqual({ unread: 2, priority: true });
    expect(tally.at(10_000)).toEqual({ unread: 6, priority: true });
  });

  it('counts a conversation fully again once a change set says it is no longer muted', () => {
    const tally = new UnreadTally([conversationSummary({ id: 'muted', unread: 4, mutedUntil: 10_000 })]);
    expect(tally.at(0).unread).toBe(0);
    tally.apply(change([conversationSummary({ id: 'muted', unread: 4, mutedUntil: null })]));
    expect(tally.at(0).unread).toBe(4);
  });

  it('agrees with a recount of the roster after any run of changes', () => {
    const roster = new Map<string, ConversationSummary>();
    const tally = new UnreadTally();
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let step = 0; step < 2_000; step += 1) {
      const id = `c${random(40)}`;
      if (random(10) === 0) {
        roster.delete(id);
        tally.apply(change([], [id]));
      } else {
        const unread = random(6);
        const summary = conversationSummary({ id, unread, unreadPriority: random(unread + 1), mutedUntil: random(4) === 0 ? random(1_000) : null });
        roster.set(id, summary);
        tally.apply(change([summary]));
      }
      const now = random(1_000);
      const badge = badgeFor(roster.values(), now, english);
      expect(tally.at(now)).toEqual({ unread: badge.unread, priority: badge.priority });
    }
  });
});
