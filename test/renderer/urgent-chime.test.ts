// The urgent alert's chime as the window starts: an account's unread urgent messages alert as
// the app starts, and the page's first audio context holds its main thread for 150-300 ms, so a
// chime that sounds before the first screen is painted waits for that paint (the frame after the
// roster's first page, and a task after it), several making one; after it, each chimes at once.
// A window with no account to load (signed out, or locked) chimes once its first screen is painted too.
import { describe, expect, it } from 'vitest';
import { createAppState } from '../../renderer/src/state/app-state';
import { lockState } from '../support/view-builders';
import { account, conversation, createFakeTiger } from './fake-tiger';
import { heldRoster, manualFrames } from './started-app';

const afterTasks = () => new Promise((resolve) => setTimeout(resolve, 5));

function ringing() {
  const tones = { count: 0 };
  return { tones, tone: () => void (tones.count += 1) };
}

describe('the urgent chime at start', () => {
  it('waits for the first screen to be painted, chimes once for what sounded meanwhile, then at each sound', async () => {
    const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
    fake.conversations.set('ann', conversation('ann', { unread: 1, unreadPriority: 1 }));
    const held = heldRoster(fake.api);
    const frames = manualFrames();
    const { tones, tone } = ringing();
    const state = createAppState(held.api, frames.schedule, tone);
    const alert = { alerts: [], count: 1, sound: true };
    fake.emit('urgentAlerts', alert);
    await state.start();
    fake.emit('urgentAlerts', alert);
    await expect.poll(() => held.asked.length).toBe(1);
    await afterTasks();
    expect(tones.count).toBe(0);
    // The roster's first page comes: painted in the next frame, then the chime.
    held.asked[0]!.answer({ conversations: [...fake.conversations.values()], next: null });
    await afterTasks();
    expect(tones.count).toBe(0);
    frames.frame();
    await afterTasks();
    expect(tones.count).toBe(1);
    fake.emit('urgentAlerts', alert);
    expect(tones.count).toBe(2);
  });

  it('chimes after the first screen of a window with no account to load', async () => {
    const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState({ locked: true }) } });
    const frames = manualFrames();
    const { tones, tone } = ringing();
    const state = createAppState(fake.api, frames.schedule, tone);
    fake.emit('urgentAlerts', { alerts: [], count: 1, sound: true });
    await state.start();
    expect(tones.count).toBe(0);
    frames.frame();
    await afterTasks();
    expect(tones.count).toBe(1);
  });
});
