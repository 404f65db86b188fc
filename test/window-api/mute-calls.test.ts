import { describe, expect, it } from 'vitest';
import { muteCalls } from '../../main/window-api/mute-calls';
import { useSandbox } from '../support/sandbox-fixture';
import { call, signedInWithPeer, waitFor } from './support/signed-in-account';

const sandbox = useSandbox();
const hour = 3_600_000;

async function withConversation() {
  const world = await signedInWithPeer(sandbox, { me: 'Muting Nurse', peer: 'Chatty Doctor' });
  await world.peer.client.sendMessage({ recipient: world.me.token, body: 'Bed 3 is stable', senderOrganization: sandbox.organizationKey });
  await waitFor('the conversation', () => world.account.runtime.sync.roster().find((conversation) => conversation.id === world.peer.token));
  return { ...world, handlers: muteCalls(() => world.account.runtime) };
}

describe('the mute calls', () => {
  it('mute for each duration offered, answer with the summary, and unmute; the server holds what the window shows', async () => {
    const { account, peer, handlers } = await withConversation();
    const before = Date.now();
    const hourMute = await call(handlers, 'muteConversation', { conversationId: peer.token, duration: 'hour' });
    expect(hourMute.mutedUntil! - before).toBeGreaterThanOrEqual(hour);
    expect(hourMute.mutedUntil! - Date.now()).toBeLessThanOrEqual(hour);
    const year = await call(handlers, 'muteConversation', { conversationId: peer.token, duration: 'year' });
    expect(Math.round((year.mutedUntil! - before) / hour)).toBe(8760);
    const morning = await call(handlers, 'muteConversation', { conversationId: peer.token, duration: 'tomorrow-morning' });
    expect(new Date(morning.mutedUntil!).getHours()).toBe(8);
    await waitFor('the three mutes to be sent', () => (account.runtime.outbox.jobs().length === 0 ? true : undefined));
    const [listed] = await account.runtime.api.listMutes();
    expect((listed!.startSeconds + listed!.durationMinutes * 60) * 1000 - morning.mutedUntil!).toBeLessThan(61_000);

    const unmuted = await call(handlers, 'unmuteConversation', { conversationId: peer.token });
    expect(unmuted.mutedUntil).toBeNull();
    await waitFor('the unmute to be sent', () => (account.runtime.outbox.jobs().length === 0 ? true : undefined));
    expect(await account.runtime.api.listMutes()).toEqual([]);
  });

  it('pin and unpin, and keep "urgent messages still alert" per conversation, default on', async () => {
    const { peer, handlers } = await withConversation();
    expect(await call(handlers, 'setConversationPinned', { conversationId: peer.token, pinned: true })).toMatchObject({ pinned: true, urgentWhenMuted: true });
    expect(await call(handlers, 'setUrgentWhenMuted', { conversationId: peer.token, alert: false })).toMatchObject({ pinned: true, urgentWhenMuted: false });
    expect(await call(handlers, 'setConversationPinned', { conversationId: peer.token, pinned: false })).toMatchObject({ pinned: false });
  });

  it('refuse a conversation not held here as not-found, and a duration not offered as an invalid call, changing nothing', async () => {
    const { account, peer, handlers } = await withConversation();
    await expect(call(handlers, 'muteConversation', { conversationId: 'user-nobody', duration: 'hour' })).rejects.toMatchObject({ code: 'not-found', message: 'There is no conversation "user-nobody"' });
    await expect(call(handlers, 'setConversationPinned', { conversationId: 'user-nobody', pinned: true })).rejects.toMatchObject({ code: 'not-found' });
    await expect(call(handlers, 'muteConversation', { conversationId: peer.token, duration: 'forever' as never })).rejects.toMatchObject({ code: 'invalid-call' });
    expect(account.runtime.outbox.jobs()).toEqual([]);
    expect(account.runtime.sync.roster().find((conversation) => conversation.id === peer.token)?.mutedUntil).toBeNull();
  });
});
