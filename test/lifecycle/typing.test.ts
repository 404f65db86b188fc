import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../main/core/log/logger';
import { createTypingSender } from '../../main/core/lifecycle/typing-sender';
import { ALICE, GROUP, ME, messageEvent, streamEvent } from '../sync/fixture';
import { startRemote, type Remote } from '../sync/server-fixture';
import { openHarness, type Harness } from '../sync/sync-harness';
import type { Sync } from '../../main/core/sync/sync';
import { ManualClock } from '../support/manual-clock';
import { eventually } from '../sync/expectations';

/** Who is typing in each conversation, as sync's typing events have told it. */
function watchTyping(sync: Sync): (conversationId: string) => string[] {
  const typing = new Map<string, string[]>();
  sync.onTyping((change) => typing.set(change.conversationId, change.typing));
  return (conversationId) => typing.get(conversationId) ?? [];
}

describe('typing we send', () => {
  let remote: Remote;
  afterEach(async () => {
    await remote.close();
  });

  const typingCalls = () => remote.server.requests.filter((r) => r.path.includes('/message/typing')).map((r) => `${r.method} ${r.path}${r.query.size > 0 ? `?${r.query.toString()}` : ''}`);

  it('starts once while typing goes on, repeats the start every 10 s, and stops after 5 s idle', async () => {
    remote = await startRemote();
    const clock = new ManualClock();
    const sender = createTypingSender({ start: (r) => remote.api.startTyping(r), stop: (r) => remote.api.stopTyping(r), clock, log: createLogger('test', () => undefined) });
    sender.typed(ALICE);
    clock.advance(3_000);
    sender.typed(ALICE);
    clock.advance(3_000);
    sender.typed(ALICE);
    await eventually(() => expect(typingCalls()).toHaveLength(1));
    clock.advance(4_000);
    sender.typed(ALICE);
    await eventually(() => expect(typingCalls()).toHaveLength(2));
    clock.advance(5_000);
    await eventually(() => expect(typingCalls()).toHaveLength(3));
    expect(typingCalls()).toEqual([
      `GET /v2/message/typing/?recipient=${ALICE}`,
      `GET /v2/message/typing/?recipient=${ALICE}`,
      `DELETE /v2/message/typing/${ALICE}/`,
    ]);
  });

  it('stops at once when the message is sent or another conversation is typed in', async () => {
    remote = await startRemote();
    const clock = new ManualClock();
    const sender = createTypingSender({ start: (r) => remote.api.startTyping(r), stop: (r) => remote.api.stopTyping(r), clock, log: createLogger('test', () => undefined) });
    sender.typed(ALICE);
    sender.typed(GROUP);
    sender.stopped();
    sender.stopped();
    await eventually(() => expect(typingCalls()).toHaveLength(4));
    expect(typingCalls()).toEqual([
      `GET /v2/message/typing/?recipient=${ALICE}`,
      `DELETE /v2/message/typing/${ALICE}/`,
      `GET /v2/message/typing/?recipient=${GROUP}`,
      `DELETE /v2/message/typing/${GROUP}/`,
    ]);
    expect(clock.scheduled).toEqual([]);
  });
});

describe('typing we are told of', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('shows who is typing until 15 s pass without a repeat', async () => {
    h = await openHarness();
    const seen: string[][] = [];
    h.sync.onTyping((change) => seen.push([change.conversationId, ...change.typing]));
    const typingIn = watchTyping(h.sync);
    await h.sync.handle([streamEvent('message:is_typing', { sender_token: ALICE, status: 'typing' })]);
    expect(typingIn(ALICE)).toEqual([ALICE]);
    h.local.clock.advance(10_000);
    await h.sync.handle([streamEvent('message:is_typing', { sender_token: ALICE, status: 'typing' })]);
    h.local.clock.advance(14_999);
    expect(typingIn(ALICE)).toEqual([ALICE]);
    h.local.clock.advance(1);
    expect(typingIn(ALICE)).toEqual([]);
    expect(seen).toEqual([[ALICE, ALICE], [ALICE]]);
  });

  it('clears typing on a stop or on a message from the typist, and ignores our own', async () => {
    h = await openHarness();
    const typingIn = watchTyping(h.sync);
    await h.sync.handle([
      streamEvent('message:is_typing', { sender_token: ALICE, group_token: GROUP, status: 'typing' }),
      streamEvent('message:is_typing', { sender_token: ME, group_token: GROUP, status: 'typing' }),
    ]);
    expect(typingIn(GROUP)).toEqual([ALICE]);
    await h.sync.handle([messageEvent({ token: 'g', from: ALICE, to: GROUP, group: GROUP, createdAt: h.local.clock.now() })]);
    expect(typingIn(GROUP)).toEqual([]);
    await h.sync.handle([streamEvent('message:is_typing', { sender_token: ALICE, status: 'typing' })]);
    await h.sync.handle([streamEvent('message:is_typing', { sender_token: ALICE, status: 'stopped' })]);
    expect(typingIn(ALICE)).toEqual([]);
  });

  it('looks up a typist nobody here can name, once, so the typing line can name them', async () => {
    h = await openHarness({ routes: { [`GET /user/${ALICE}`]: () => ({ status: 200, body: { reply: { token: ALICE, display_name: 'Dr Alice Moreau' } } }) } });
    await h.sync.handle([streamEvent('message:is_typing', { sender_token: ALICE, group_token: GROUP, status: 'typing' })]);
    await eventually(() => expect(h.sync.person(ALICE).name).toBe('Dr Alice Moreau'));
    await h.sync.handle([streamEvent('message:is_typing', { sender_token: ALICE, group_token: GROUP, status: 'typing' })]);
    expect(h.remote.requestsTo('GET', `/user/${ALICE}`)).toHaveLength(1);
  });
});
