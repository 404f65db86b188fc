import { afterEach, describe, expect, it } from 'vitest';
import { createUrgentAlertLoop } from '../../main/core/alerts/urgent-alert-loop';
import type { UrgentAlertLoop, UrgentAlertUpdate } from '../../main/core/alerts/urgent-alert-loop';
import { parseEventObject } from '../../main/core/events/event-parser';
import { ALICE, BOB, GROUP, ME, messageEvent, streamEvent } from '../sync/fixture';
import { useHarness } from '../sync/sync-harness';

const minute = 60_000;
const seconds = (ms: number) => Math.floor(ms / 1000);

describe('conversation_mute events in sync', () => {
  const h = useHarness();
  const summary = (id: string) => h.sync.roster().find((conversation) => conversation.id === id);
  const changedConversations = (from: number) => h.changes.slice(from).flatMap((change) => change.conversations.map((conversation) => conversation.id));

  async function withConversations(): Promise<void> {
    const now = h.local.clock.now();
    await h.sync.handle([
      messageEvent({ token: 'a1', from: ALICE, to: ME, createdAt: now }),
      messageEvent({ token: 'b1', from: BOB, to: ME, createdAt: now }),
    ]);
  }

  it('the parser reads add, del and clear, and refuses an add without its minutes, by name', () => {
    const wire = (payload: unknown) => parseEventObject({ event_id: 'e1', event: { 'tigertext:iq:conversation_mute': payload } });
    expect(wire({ action: 'add', sender_type: 'account', sender_token: ALICE, mute_duration: '60', mute_start: 1_700_000_000, organization_id: 'org' }))
      .toMatchObject({ ok: true, name: 'conversation_mute', payload: { action: 'add', mute_duration: 60, mute_start: 1_700_000_000 } });
    expect(wire({ action: 'del', sender_type: 'group', sender_token: GROUP })).toMatchObject({ ok: true, payload: { action: 'del', sender_token: GROUP } });
    expect(wire({ action: 'clear' })).toMatchObject({ ok: true, payload: { action: 'clear' } });
    expect(wire({ action: 'add', sender_type: 'account', sender_token: ALICE, mute_start: 1 })).toEqual({ ok: false, eventId: 'e1', reason: 'conversation_mute: mute_duration: missing' });
    expect(wire({ action: 'snooze' })).toMatchObject({ ok: false, eventId: 'e1' });
  });

  it('applies a mute made elsewhere, tells the window, and ends it by itself when its minutes are up', async () => {
    await withConversations();
    const now = h.local.clock.now();
    const before = h.changes.length;
    await h.sync.handle([streamEvent('conversation_mute', { action: 'add', sender_type: 'account', sender_token: ALICE, mute_duration: 60, mute_start: seconds(now), organization_id: 'org' })]);
    const until = seconds(now) * 1000 + 60 * minute;
    expect(summary(ALICE)).toMatchObject({ mutedUntil: until, urgentWhenMuted: true });
    expect(summary(BOB)?.mutedUntil).toBeNull();
    expect(changedConversations(before)).toEqual([ALICE]);

    const beforeEnd = h.changes.length;
    h.local.clock.advance(until - h.local.clock.now() - 1);
    expect(summary(ALICE)?.mutedUntil).toBe(until);
    h.local.clock.advance(1);
    await h.sync.stop();
    expect(summary(ALICE)?.mutedUntil).toBeNull();
    expect(changedConversations(beforeEnd)).toEqual([ALICE]);
  });

  it('applies del and clear, and a replayed event changes nothing the second time', async () => {
    await withConversations();
    const start = seconds(h.local.clock.now());
    const add = (token: string) => ({ action: 'add', sender_type: 'account', sender_token: token, mute_duration: 480, mute_start: start, organization_id: 'org' });
    await h.sync.handle([streamEvent('conversation_mute', add(ALICE)), streamEvent('conversation_mute', add(BOB))]);
    const afterAdd = h.changes.length;
    await h.sync.handle([streamEvent('conversation_mute', add(ALICE))]);
    expect(h.changes.length).toBe(afterAdd);

    await h.sync.handle([streamEvent('conversation_mute', { action: 'del', sender_type: 'account', sender_token: ALICE, organization_id: 'org' })]);
    expect(summary(ALICE)?.mutedUntil).toBeNull();
    expect(summary(BOB)?.mutedUntil).not.toBeNull();
    await h.sync.handle([streamEvent('conversation_mute', { action: 'clear' })]);
    expect(summary(BOB)?.mutedUntil).toBeNull();
  });

  it('an organization mute covers every conversation of that organization; one already ended is not applied', async () => {
    await h.sync.handle([messageEvent({ token: 'a1', from: ALICE, to: ME, createdAt: h.local.clock.now() })]);
    h.local.store.statements.prepare("UPDATE conversations SET organization_key = 'org-a' WHERE id = ?").run(ALICE);
    const start = seconds(h.local.clock.now());
    await h.sync.handle([streamEvent('conversation_mute', { action: 'add', sender_type: 'organization', sender_token: 'org-a', mute_duration: 5, mute_start: start - 600 })]);
    expect(summary(ALICE)?.mutedUntil).toBeNull();
    await h.sync.handle([streamEvent('conversation_mute', { action: 'add', sender_type: 'organization', sender_token: 'org-a', mute_duration: 5, mute_start: start })]);
    expect(summary(ALICE)?.mutedUntil).toBe(start * 1000 + 5 * minute);
  });

  it('a conversation whose own mute change waits in the outbox keeps what it shows', async () => {
    await withConversations();
    h.sync.setMute(ALICE, h.local.clock.now() + 60 * minute);
    h.sync.replaceMutes([], new Set([ALICE]));
    expect(summary(ALICE)?.mutedUntil).not.toBeNull();
    await h.sync.handle([streamEvent('conversation_mute', { action: 'clear' })]);
    // Sync's own option decides for events; this harness keeps nothing locally, so the clear applies.
    expect(summary(ALICE)?.mutedUntil).toBeNull();
    h.sync.setMute(ALICE, h.local.clock.now() + 60 * minute);
    h.sync.replaceMutes([], new Set());
    expect(summary(ALICE)?.mutedUntil).toBeNull();
  });
});

describe('mutes in several organizations', () => {
  const HOME = 'org-home';
  const CLINIC = 'org-clinic';
  const h = useHarness({ sync: { homeOrganization: HOME } });
  const mutedUntil = (peer: string, organization: string) =>
    h.sync.roster().find((conversation) => conversation.peerToken === peer && conversation.organizationKey === organization)?.mutedUntil;

  it('mutes a person in one organization only: their conversation in another still alerts', async () => {
    const now = h.local.clock.now();
    await h.sync.handle([
      messageEvent({ token: 'h1', from: ALICE, to: ME, createdAt: now, organization: HOME }),
      messageEvent({ token: 'c1', from: ALICE, to: ME, createdAt: now, organization: CLINIC }),
    ]);
    const start = seconds(now);
    const inClinic = { action: 'add', sender_type: 'account', sender_token: ALICE, mute_duration: 60, mute_start: start, organization_id: CLINIC };
    await h.sync.handle([streamEvent('conversation_mute', inClinic)]);
    expect(mutedUntil(ALICE, CLINIC)).toBe(start * 1000 + 60 * minute);
    expect(mutedUntil(ALICE, HOME)).toBeNull();
    // Ending the home organization's mute (there is none) leaves the clinic's.
    await h.sync.handle([streamEvent('conversation_mute', { action: 'del', sender_type: 'account', sender_token: ALICE, organization_id: HOME })]);
    expect(mutedUntil(ALICE, CLINIC)).not.toBeNull();

    const home = h.sync.roster().find((conversation) => conversation.peerToken === ALICE && conversation.organizationKey === HOME)!;
    h.sync.setMute(home.id, now + 30 * minute);
    expect(h.local.store.mutes.all().map((mute) => [mute.token, mute.organizationKey])).toEqual([[ALICE, CLINIC], [ALICE, HOME]]);
    h.sync.setMute(home.id, null);
    expect(mutedUntil(ALICE, HOME)).toBeNull();
    expect(mutedUntil(ALICE, CLINIC)).not.toBeNull();
  });

  it('a mute that names no organization (held from before) covers the person everywhere, and unmuting ends it', async () => {
    const now = h.local.clock.now();
    await h.sync.handle([
      messageEvent({ token: 'h1', from: ALICE, to: ME, createdAt: now, organization: HOME }),
      messageEvent({ token: 'c1', from: ALICE, to: ME, createdAt: now, organization: CLINIC }),
    ]);
    h.local.store.mutes.set({ kind: 'user', token: ALICE, organizationKey: null, startedAt: now, endsAt: now + 60 * minute });
    expect([mutedUntil(ALICE, HOME), mutedUntil(ALICE, CLINIC)]).toEqual([now + 60 * minute, now + 60 * minute]);
    h.sync.setMute(ALICE, null);
    expect([mutedUntil(ALICE, HOME), mutedUntil(ALICE, CLINIC)]).toEqual([null, null]);
  });
});

describe('pinned conversations', () => {
  const h = useHarness();

  it('come first, ordered among themselves by last activity, and stay so for a new sync on the same store', async () => {
    const t = h.local.clock.now();
    await h.sync.handle([
      messageEvent({ token: 'a1', from: ALICE, to: ME, createdAt: t - 3 * minute }),
      messageEvent({ token: 'b1', from: BOB, to: ME, createdAt: t - 2 * minute }),
      messageEvent({ token: 'c1', from: 'user-carol', to: ME, createdAt: t - minute }),
    ]);
    expect(h.sync.roster().map((conversation) => conversation.id)).toEqual(['user-carol', BOB, ALICE]);
    expect(h.sync.setPinned(ALICE, true)).toMatchObject({ id: ALICE, pinned: true });
    h.sync.setPinned(BOB, true);
    expect(h.sync.roster().map((conversation) => [conversation.id, conversation.pinned])).toEqual([[BOB, true], [ALICE, true], ['user-carol', false]]);
    expect(h.changes.at(-1)?.conversations.map((conversation) => conversation.id)).toEqual([BOB]);
    expect(h.restart().roster().map((conversation) => conversation.id)).toEqual([BOB, ALICE, 'user-carol']);
    h.sync.setPinned(BOB, false);
    expect(h.sync.roster().map((conversation) => conversation.id)).toEqual([ALICE, 'user-carol', BOB]);
  });

  it('refuses a conversation not held here, by name', () => {
    expect(() => h.sync.setPinned('user-nobody', true)).toThrow('setPinned: no conversation "user-nobody"');
  });
});

describe('urgent messages in a muted conversation', () => {
  const h = useHarness();
  let loop: UrgentAlertLoop | undefined;
  afterEach(() => loop?.stop());

  it('still alert by default, and do not once "urgent messages still alert" is off, until the mute ends', async () => {
    const updates: UrgentAlertUpdate[] = [];
    loop = createUrgentAlertLoop({ store: h.local.store, clock: h.local.clock, settings: { everyMs: 2 * minute, repeats: 10 }, log: h.local.log, update: (update) => updates.push(update) });
    h.sync.onChange(() => loop?.refresh());
    await h.sync.handle([messageEvent({ token: 'n1', from: ALICE, to: ME, createdAt: h.local.clock.now() })]);
    h.sync.setMute(ALICE, h.local.clock.now() + 60 * minute);

    await h.sync.handle([messageEvent({ token: 'u1', from: ALICE, to: ME, createdAt: h.local.clock.now(), priority: 1 })]);
    expect(updates.at(-1)?.alerting).toHaveLength(1);

    h.sync.setUrgentWhenMuted(ALICE, false);
    expect(h.sync.roster()[0]).toMatchObject({ id: ALICE, urgentWhenMuted: false });
    expect(updates.at(-1)?.pending).toEqual([]);
    await h.sync.handle([messageEvent({ token: 'u2', from: ALICE, to: ME, createdAt: h.local.clock.now(), priority: 1 })]);
    expect(updates.at(-1)?.alerting).toEqual([]);

    // The mute runs out: the unread urgent messages alert again.
    h.local.clock.advance(60 * minute);
    await h.sync.stop();
    expect(updates.at(-1)?.pending).toHaveLength(2);
  });
});
