// The window gets the roster a page at a time: the first screen first, the rest behind it,
// merged by id with the change sets in the order both arrive.
import { describe, expect, it, vi } from 'vitest';
import { createAppState } from '../../renderer/src/state/app-state';
import { createRosterStore } from '../../renderer/src/state/roster';
import { firstRosterPage, laterRosterPage } from '../../renderer/src/state/roster-pages';
import { changeSet, lockState } from '../support/view-builders';
import { account, conversation, createFakeTiger } from './fake-tiger';
import { heldRoster, manualFrames, startedWithRoster } from './started-app';

/** A signed-in window started on held roster pages, its first page asked for. */
async function startedWithHeldRoster() {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
  const held = heldRoster(fake.api);
  const frames = manualFrames();
  const state = createAppState(held.api, frames.schedule);
  await state.start();
  await vi.waitFor(() => expect(held.asked).toHaveLength(1));
  return { fake, held, frames, state };
}

const cursorOf = (id: string, lastActivity: number) => ({ id, lastActivity });

describe('the roster in pages', () => {
  it('paints the first page, then fills in the rest page by page', async () => {
    const { fake, frames, state } = await startedWithRoster(2500);
    await vi.waitFor(() => expect(state.roster.loaded.value).toBe(true));
    expect(state.roster.order.value.slice(0, 2)).toEqual(['c2499', 'c2498']);
    await vi.waitFor(() => expect(state.roster.complete.value).toBe(true));
    // The later pages wait for a frame, as change sets do: input is never held up by them.
    expect(state.roster.order.value).toHaveLength(firstRosterPage);
    frames.frame();
    expect(state.roster.order.value).toHaveLength(2500);
    expect(state.roster.order.value.at(-1)).toBe('c0');
    expect(fake.callsOf('roster')).toEqual([
      { limit: firstRosterPage },
      { after: cursorOf('c2400', 2400), limit: laterRosterPage },
      { after: cursorOf('c1400', 1400), limit: laterRosterPage },
      { after: cursorOf('c400', 400), limit: laterRosterPage },
    ]);
    state.dispose();
  });

  it('applies pages and change sets in the order they arrive, keyed by id', async () => {
    const { fake, held, frames, state } = await startedWithHeldRoster();
    held.asked[0]!.answer({ conversations: [conversation('a', { lastActivity: 90 }), conversation('b', { lastActivity: 80 })], next: cursorOf('b', 80) });
    await vi.waitFor(() => expect(held.asked).toHaveLength(2));
    expect(held.asked[1]!.page).toEqual({ after: cursorOf('b', 80), limit: laterRosterPage });
    // Meanwhile in main: x (not yet sent) gets a message and moves ahead of the cursor, and d
    // is removed; each comes by change set before the page main reads after them, which holds
    // neither. The page holds a again (as if it had moved behind the cursor): merged by id.
    fake.emit('change', changeSet({ conversations: [conversation('x', { lastActivity: 100, unread: 1 })] }));
    fake.emit('change', changeSet({ removedConversations: ['d'] }));
    held.asked[1]!.answer({ conversations: [conversation('a', { lastActivity: 70, name: 'Renamed' }), conversation('c', { lastActivity: 60 })], next: null });
    await vi.waitFor(() => expect(state.roster.complete.value).toBe(true));
    frames.frame();
    expect(state.roster.order.value).toEqual(['x', 'b', 'a', 'c']);
    expect(state.roster.get('a')?.name).toBe('Renamed');
    expect(state.roster.get('x')?.unread).toBe(1);
    expect(state.roster.get('d')).toBeUndefined();
    state.dispose();
  });

  it('merges a page of new conversations into the order at once, one that comes twice once', () => {
    const roster = createRosterStore();
    roster.replaceAll([conversation('b', { lastActivity: 50 }), conversation('d', { lastActivity: 30, pinned: true })]);
    roster.apply([conversation('c', { lastActivity: 40 }), conversation('a', { lastActivity: 60 }), conversation('e', { lastActivity: 10 }), conversation('c', { lastActivity: 70 })], []);
    expect(roster.order.value).toEqual(['d', 'c', 'a', 'b', 'e']);
    expect(roster.get('c')?.lastActivity).toBe(70);
  });

  it('says the rest is loading when a filter finds nothing before every page is in', async () => {
    const { held, frames, state } = await startedWithHeldRoster();
    held.asked[0]!.answer({ conversations: [conversation('a', { lastActivity: 9 })], next: cursorOf('a', 9) });
    state.roster.filter.value = 'Person z';
    await vi.waitFor(() => expect(held.asked).toHaveLength(2));
    expect([state.roster.visible.value, state.roster.complete.value]).toEqual([[], false]);
    held.asked[1]!.answer({ conversations: [conversation('z', { lastActivity: 1 })], next: null });
    await vi.waitFor(() => expect(state.roster.complete.value).toBe(true));
    frames.frame();
    expect(state.roster.visible.value).toEqual(['z']);
    state.dispose();
  });

  it('stops fetching pages for an account no longer shown', async () => {
    const { held, frames, state } = await startedWithHeldRoster();
    held.asked[0]!.answer({ conversations: [conversation('a', { lastActivity: 9 })], next: cursorOf('a', 9) });
    await vi.waitFor(() => expect(held.asked).toHaveLength(2));
    state.applySession({ kind: 'signed-out' });
    held.asked[1]!.answer({ conversations: [conversation('b', { lastActivity: 1 })], next: cursorOf('b', 1) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    frames.frame();
    expect(held.asked).toHaveLength(2);
    expect([state.roster.order.value, state.roster.complete.value]).toEqual([[], false]);
    state.dispose();
  });
});
