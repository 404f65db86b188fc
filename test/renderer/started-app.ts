// The window's state over the fake API, started as the window starts, with a frame clock the
// test advances by hand: for tests of what reaches the roster, and when.
import type { RosterPage, RosterPageRequest, TigerApi } from '../../preload/contract';
import { createAppState } from '../../renderer/src/state/app-state';
import type { AppState } from '../../renderer/src/state/app-state';
import { lockState } from '../support/view-builders';
import { account, conversation, createFakeTiger } from './fake-tiger';
import type { FakeTiger } from './fake-tiger';

/** A frame clock the test advances by hand. */
export function manualFrames() {
  const waiting: (() => void)[] = [];
  return {
    schedule: (flush: () => void) => void waiting.push(flush),
    pending: () => waiting.length,
    frame: () => waiting.splice(0).forEach((flush) => flush()),
  };
}

/** Signed in with conversations c0..c(count-1) on the roster, c(count-1) the most recently active; started. */
export async function startedWithRoster(count: number): Promise<{ fake: FakeTiger; frames: ReturnType<typeof manualFrames>; state: AppState }> {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
  for (let index = 0; index < count; index += 1) fake.conversations.set(`c${index}`, conversation(`c${index}`, { lastActivity: index }));
  const frames = manualFrames();
  const state = createAppState(fake.api, frames.schedule);
  await state.start();
  return { fake, frames, state };
}

/** The fake's API, but each roster page answered only when the test says, as main would have read it then. */
export function heldRoster(api: TigerApi) {
  const asked: { page: RosterPageRequest | undefined; answer: (reply: RosterPage) => void }[] = [];
  const roster = (page?: RosterPageRequest) => new Promise<RosterPage>((answer) => asked.push({ page, answer }));
  return { api: { ...api, roster } as TigerApi, asked };
}
