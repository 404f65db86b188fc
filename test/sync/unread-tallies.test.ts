// The badge's first reading of an account (notify/roster-badge.ts) comes from the unread index
// alone, not from the whole roster: it must count exactly what the roster would.
import { describe, expect, it } from 'vitest';
import { UnreadTally } from '../../main/core/notify/unread-tally';
import { ALICE, BOB, GROUP, ME, messageEvent, streamEvent } from './fixture';
import { useHarness } from './sync-harness';

const h = useHarness();

const t0 = Date.UTC(2026, 0, 5, 8, 0, 0);

describe('the unread counts the badge reads', () => {
  it('are the roster\'s, for the conversations with something unread, with their mutes', async () => {
    await h.sync.handle([
      messageEvent({ token: 'a1', from: ALICE, to: ME, createdAt: t0, priority: 1 }),
      messageEvent({ token: 'a2', from: ALICE, to: ME, createdAt: t0 + 1 }),
      messageEvent({ token: 'g1', from: BOB, to: GROUP, group: GROUP, createdAt: t0 + 2 }),
      messageEvent({ token: 'g2', from: ME, to: GROUP, group: GROUP, createdAt: t0 + 3 }),
      messageEvent({ token: 'b1', from: BOB, to: ME, createdAt: t0 + 4, body: 'wrong patient' }),
      messageEvent({ token: 'b2', from: BOB, to: ME, createdAt: t0 + 5 }),
    ]);
    await h.sync.handle([streamEvent('message:status', { client_id: 'b1', is_recalled: true })]);
    h.local.store.mutes.set({ kind: 'group', token: GROUP, organizationKey: null, startedAt: t0, endsAt: t0 + 60_000 });

    const tallies = h.sync.unreadTallies();
    const roster = h.sync.roster();
    const counted = roster.filter((conversation) => conversation.unread > 0);
    expect(tallies.map((t) => [t.id, t.unread, t.unreadPriority, t.mutedUntil]).sort()).toEqual(
      counted.map((c) => [c.id, c.unread, c.unreadPriority, c.mutedUntil]).sort(),
    );
    expect(tallies.find((t) => t.id === GROUP)?.mutedUntil).toBe(t0 + 60_000);
    // Muted, then not: the same badge as the whole roster's, at both times.
    for (const now of [t0 + 1_000, t0 + 120_000]) {
      expect(new UnreadTally(tallies).at(now)).toEqual(new UnreadTally(roster).at(now));
    }
    expect(new UnreadTally(tallies).at(t0 + 1_000).unread).toBe(3);
    expect(new UnreadTally(tallies).at(t0 + 120_000).unread).toBe(4);
  });

  it('leave out a hidden conversation, as the roster does', async () => {
    await h.sync.handle([messageEvent({ token: 'a1', from: ALICE, to: ME, createdAt: t0 })]);
    h.local.store.conversations.setHidden(ALICE, true);
    expect(h.sync.unreadTallies()).toEqual([]);
    expect(h.sync.roster()).toEqual([]);
  });
});
