// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { threadRows } from '../../renderer/src/components/thread/thread-rows';
import { mergeChangeSets } from '../../renderer/src/state/change-merge';
import { createFrameBatcher } from '../../renderer/src/state/frame-batcher';
import { createRosterStore } from '../../renderer/src/state/roster';
import { createThreadStore } from '../../renderer/src/state/thread';
import { conversation, createFakeTiger, message } from './fake-tiger';
import { changeSet, personView } from '../support/view-builders';
import { manualFrames, startedWithRoster } from './started-app';

describe('change sets', () => {
  it('are held until the next frame and handed over together', () => {
    const frames = manualFrames();
    const applied: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => applied.push(items), frames.schedule);
    batcher.push(1);
    batcher.push(2);
    batcher.push(3);
    expect(applied).toEqual([]);
    expect(frames.pending()).toBe(1);
    frames.frame();
    expect(applied).toEqual([[1, 2, 3]]);
    batcher.push(4);
    frames.frame();
    expect(applied).toEqual([[1, 2, 3], [4]]);
  });

  it('are merged so the last version of a conversation or message wins and a later removal cancels an update', () => {
    const merged = mergeChangeSets([
      changeSet({ conversations: [conversation('a', { unread: 1 })], messages: [message('m1', 'a', { status: 'sent' })] }),
      changeSet({ conversations: [conversation('a', { unread: 2 })], messages: [message('m1', 'a', { status: 'read' })] }),
      changeSet({ removedConversations: ['b'], removedMessages: [{ id: 'm1', conversationId: 'a' }] }),
      changeSet({ conversations: [conversation('b')] }),
    ]);
    expect(merged.conversations.map((c) => [c.id, c.unread])).toEqual([
      ['a', 2],
      ['b', 0],
    ]);
    expect(merged.removedConversations).toEqual([]);
    expect(merged.messages).toEqual([]);
    expect(merged.removedMessages).toEqual([{ id: 'm1', conversationId: 'a' }]);
  });

  it('are merged so the last name of each person wins', () => {
    const merged = mergeChangeSets([
      changeSet({ people: [personView({ token: 'u-a', name: 'u-a' }), personView({ token: 'u-b', name: 'Bo Ray' })] }),
      changeSet({ people: [personView({ token: 'u-a', name: 'Ann Lee' })] }),
    ]);
    expect(merged.people.map((person) => [person.token, person.name])).toEqual([
      ['u-a', 'Ann Lee'],
      ['u-b', 'Bo Ray'],
    ]);
  });

  it('from a burst of 1,000 messages across 100 conversations reach the roster in one update per frame', async () => {
    const { fake, frames, state } = await startedWithRoster(10_000);
    // The first page is shown at once; the others are applied with the next frame's change sets.
    await vi.waitFor(() => expect(state.roster.complete.value).toBe(true));
    frames.frame();
    expect(state.roster.order.value).toHaveLength(10_000);
    let orderUpdates = 0;
    const stop = state.roster.order.subscribe(() => (orderUpdates += 1));
    orderUpdates = 0;
    for (let index = 0; index < 1000; index += 1) {
      const id = `c${index % 100}`;
      fake.emit('change', changeSet({ conversations: [conversation(id, { lastActivity: 20_000 + index, unread: Math.floor(index / 100) + 1 })] }));
    }
    expect(orderUpdates).toBe(0);
    frames.frame();
    expect(orderUpdates).toBe(1);
    const top = state.roster.order.value.slice(0, 3);
    expect(top).toEqual(['c99', 'c98', 'c97']);
    expect(state.roster.get('c99')?.unread).toBe(10);
    expect(state.roster.order.value).toHaveLength(10_000);
    stop();
    state.dispose();
  });
});

describe('the roster store', () => {
  it('re-sorts only the conversation that changed and leaves the others in order', () => {
    const roster = createRosterStore();
    roster.replaceAll([conversation('a', { lastActivity: 3 }), conversation('b', { lastActivity: 2 }), conversation('c', { lastActivity: 1 })]);
    const b = roster.byId.get('b');
    roster.apply([conversation('c', { lastActivity: 10 })], []);
    expect(roster.order.value).toEqual(['c', 'a', 'b']);
    expect(roster.byId.get('b')).toBe(b);
  });

  it('keeps the order when only a count changes', () => {
    const roster = createRosterStore();
    roster.replaceAll([conversation('a', { lastActivity: 3 }), conversation('b', { lastActivity: 2 })]);
    const order = roster.order.value;
    roster.apply([conversation('b', { lastActivity: 2, unread: 5 })], []);
    expect(roster.order.value).toBe(order);
    expect(roster.get('b')?.unread).toBe(5);
  });
});

describe('thread rows', () => {
  it('put a heading above each day and start a new group when the sender changes or time passes', () => {
    const day1 = new Date(2026, 10, 20, 9, 0).getTime();
    const day2 = new Date(2026, 10, 21, 9, 0).getTime();
    const messages = [
      message('a', 'x', { createdAt: day1, senderToken: 'x' }),
      message('b', 'x', { createdAt: day1 + 60_000, senderToken: 'x' }),
      message('c', 'x', { createdAt: day1 + 120_000, senderToken: 'me', outgoing: true }),
      message('d', 'x', { createdAt: day1 + 60 * 60_000, senderToken: 'me', outgoing: true }),
      message('e', 'x', { createdAt: day2, senderToken: 'me', outgoing: true }),
    ];
    const byId = new Map(messages.map((m) => [m.id, m]));
    const rows = threadRows(
      messages.map((m) => m.id),
      (id) => byId.get(id),
    );
    expect(rows.map((row) => (row.kind === 'day' ? 'day' : `${row.id}${row.startsGroup ? '*' : ''}`))).toEqual(['day', 'a*', 'b', 'c*', 'd*', 'day', 'e*']);
  });
});

describe('the thread store', () => {
  it('opens at the newest page instead of a found message when too much newer history would have to load', async () => {
    const fake = createFakeTiger();
    for (let index = 0; index < 6000; index += 1) fake.messages.push(message(`t${index}`, 'x', { createdAt: index }));
    const thread = createThreadStore(fake.api);
    const found = fake.messages[10];
    if (found === undefined) throw new Error('fixture');
    await thread.open('x', found);
    expect(thread.target.value).toBeNull();
    expect(thread.order.value).toHaveLength(100);
    expect(thread.order.value[99]).toBe('t5999');
    expect(thread.hasMore.value).toBe(true);
  });

  it('drops a page that answers after another conversation was opened', async () => {
    const fake = createFakeTiger();
    fake.messages.push(message('a1', 'a'), message('b1', 'b'));
    const thread = createThreadStore(fake.api);
    const first = thread.open('a');
    const second = thread.open('b');
    await Promise.all([first, second]);
    expect(thread.conversationId.value).toBe('b');
    expect(thread.order.value).toEqual(['b1']);
  });
});
