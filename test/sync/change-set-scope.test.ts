// Sync's change sets carry every message of the thread a window shows, and of any other
// conversation only its newest message a notification could name (change-collector.ts).
import { describe, expect, it } from 'vitest';
import { ALICE, BOB, GROUP, ME, messageEvent } from './fixture';
import { useHarness } from './sync-harness';

const t0 = Date.UTC(2026, 0, 5, 8, 0, 0);

const h = useHarness({ sync: { threadShown: (conversationId) => conversationId === BOB } });

describe("a change set's messages, with a window showing Bob's thread", () => {
  it("carries all of Bob's, and of Alice's only her newest that is unread, not urgent and not ours", async () => {
    await h.sync.handle([
      messageEvent({ token: 'a1', from: ALICE, to: ME, createdAt: t0 }),
      messageEvent({ token: 'a2', from: ALICE, to: ME, createdAt: t0 + 1_000, priority: -1 }),
      messageEvent({ token: 'a3', from: ALICE, to: ME, createdAt: t0 + 2_000, priority: 1 }),
      messageEvent({ token: 'a4', from: ME, to: ALICE, createdAt: t0 + 3_000 }),
      messageEvent({ token: 'b1', from: BOB, to: ME, createdAt: t0 }),
      messageEvent({ token: 'b2', from: ME, to: BOB, createdAt: t0 + 1_000 }),
    ]);
    expect(h.changes).toHaveLength(1);
    const [changes] = h.changes;
    expect(changes?.messages.map((m) => m.token)).toEqual(['b1', 'b2', 'a2']);
    expect(changes?.conversations.map((c) => [c.id, c.unread]).sort()).toEqual([[ALICE, 3], [BOB, 1]]);
  });

  it('carries nothing of a conversation whose stored messages no notification would name', async () => {
    await h.sync.handle([
      messageEvent({ token: 'g1', from: ALICE, to: GROUP, group: GROUP, createdAt: t0, status: 'Read' }),
      messageEvent({ token: 'g2', from: BOB, to: GROUP, group: GROUP, createdAt: t0 + 1_000, recalled: true }),
      messageEvent({ token: 'g3', from: ME, to: GROUP, group: GROUP, createdAt: t0 + 2_000 }),
    ]);
    expect(h.changes[0]?.messages).toEqual([]);
    expect(h.changes[0]?.conversations.map((c) => c.id)).toEqual([GROUP]);
  });

  it("carries an update to an earlier message only in the thread shown", async () => {
    await h.sync.handle([messageEvent({ token: 'a1', from: ALICE, to: ME, createdAt: t0 }), messageEvent({ token: 'b1', from: BOB, to: ME, createdAt: t0 })]);
    await h.sync.handle([messageEvent({ token: 'a9', from: ALICE, to: ME, createdAt: t0 + 9_000 })]);
    await h.sync.handle([
      messageEvent({ token: 'a1', from: ALICE, to: ME, createdAt: t0, recalled: true }),
      messageEvent({ token: 'b1', from: BOB, to: ME, createdAt: t0, recalled: true }),
    ]);
    expect(h.changes.map((set) => set.messages.map((m) => [m.token, m.recalled]))).toEqual([
      [['b1', false], ['a1', false]],
      [['a9', false]],
      [['b1', true]],
    ]);
  });
});
