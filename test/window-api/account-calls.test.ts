import { beforeEach, describe, expect, it } from 'vitest';
import { userText } from '../../i18n/user-text';
import { englishText } from '../../i18n/english';
import { createOutbox } from '../../main/core/outbox';
import type { Outbox } from '../../main/core/outbox';
import { accountCalls } from '../../main/window-api/account-calls';
import { answerCall } from '../../main/window-api/answer-call';
import { ALICE, ME, messageEvent } from '../sync/fixture';
import { useHarness } from '../sync/sync-harness';

const t0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const quietLog = { warn: () => {} };

const h = useHarness();
let outbox: Outbox;
let opened: (string | null)[];
let calls: ReturnType<typeof accountCalls>;
beforeEach(async () => {
  // Never started: what it holds stays queued, as when offline.
  outbox = createOutbox({
    store: h.local.store,
    api: h.remote.api,
    attachments: h.local.cache,
    senderToken: ME,
    senderOrganization: 'org-1',
    log: h.local.log,
    onChange: () => {},
    clock: h.local.clock,
  });
  opened = [];
  const urgent = { alerts: () => h.sync.urgentAlerts(h.local.store.urgentAlerts.pending(h.local.clock.now()).map((message) => message.messageId)) };
  calls = accountCalls(() => ({ sync: h.sync, store: h.local.store, outbox, connection: { kind: 'live' }, urgent }), (id) => opened.push(id));
  await h.sync.handle(
    Array.from({ length: 7 }, (_, index) => messageEvent({ token: `m${index + 1}`, from: ALICE, to: ME, createdAt: t0 + index * 1_000, body: `note ${index + 1}` })),
  );
});

async function call<N extends keyof typeof calls>(name: N, input: Parameters<(typeof calls)[N]>[0]) {
  const reply = await answerCall(name, input, calls[name] as never, quietLog);
  if (!reply.ok) throw new Error(englishText(reply.error.text));
  return reply.value as Awaited<ReturnType<(typeof calls)[N]>>;
}

describe('the reading calls of a signed-in account', () => {
  it('page a thread back from the newest message, saying when the oldest is reached', async () => {
    const newest = await call('threadPage', { conversationId: ALICE, limit: 3 });
    expect(newest.messages.map((m) => m.body)).toEqual(['note 5', 'note 6', 'note 7']);
    expect(newest.hasMore).toBe(true);
    const older = await call('threadPage', { conversationId: ALICE, limit: 3, before: newest.messages[0]!.id });
    expect([older.messages.map((m) => m.body), older.hasMore]).toEqual([['note 2', 'note 3', 'note 4'], true]);
    const oldest = await call('threadPage', { conversationId: ALICE, limit: 3, before: older.messages[0]!.id });
    expect([oldest.messages.map((m) => m.body), oldest.hasMore]).toEqual([['note 1'], false]);
  });

  it('page forward after a message', async () => {
    const all = await call('threadPage', { conversationId: ALICE, limit: 500 });
    expect(all.messages).toHaveLength(7);
    const after = await call('threadPage', { conversationId: ALICE, limit: 2, after: all.messages[2]!.id });
    expect([after.messages.map((m) => m.body), after.hasMore]).toEqual([['note 4', 'note 5'], true]);
  });

  it('give the roster a page at a time, the whole of it without a page', async () => {
    expect(await call('roster', { limit: 1 })).toEqual({ conversations: [expect.objectContaining({ id: ALICE })], next: null });
    expect((await call('roster', undefined)).conversations.map((c) => c.id)).toEqual([ALICE]);
  });

  it('mark a conversation read', async () => {
    expect((await call('roster', undefined)).conversations.map((c) => [c.id, c.unread])).toEqual([[ALICE, 7]]);
    await call('markRead', { conversationId: ALICE });
    expect((await call('roster', undefined)).conversations.map((c) => [c.id, c.unread])).toEqual([[ALICE, 0]]);
  });

  it('learn which conversation the window shows, and when it shows none', async () => {
    await call('setOpenConversation', { conversationId: ALICE });
    await call('setOpenConversation', { conversationId: null });
    expect(opened).toEqual([ALICE, null]);
  });

  it('tell the connection state and what waits in the outbox', async () => {
    expect(await call('connectionState', undefined)).toEqual({ kind: 'live' });
    expect(await call('outboxState', undefined)).toEqual({ queued: 0, failed: 0, paused: false });
    await outbox.send({ conversationId: ALICE, body: 'On my way' });
    await outbox.send({ conversationId: ALICE, body: 'Five minutes' });
    expect(await call('outboxState', undefined)).toEqual({ queued: 2, failed: 0, paused: false });
  });

  it('keep a draft per conversation', async () => {
    await call('setDraft', { conversationId: ALICE, text: 'Will check at 10' });
    expect(await call('getDraft', { conversationId: ALICE })).toEqual({ text: 'Will check at 10' });
    expect(await call('getDraft', { conversationId: 'user-nobody' })).toEqual({ text: '' });
  });

  it('are refused plainly when no account is signed in', async () => {
    const signedOut = accountCalls(() => null, () => {});
    const reply = await answerCall('roster', undefined, signedOut.roster, quietLog);
    expect(reply).toEqual({ ok: false, error: { code: 'not-signed-in', text: userText('session.not-signed-in') } });
    expect(await answerCall('connectionState', undefined, signedOut.connectionState, quietLog)).toEqual({ ok: true, value: { kind: 'stopped' } });
  });
});
