import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALICE, ME, messageEvent, rowCount, streamEvent } from '../sync/fixture';
import { useHarness } from '../sync/sync-harness';
import { eventually } from '../sync/expectations';
import { owedTokens } from '../store/owed-receipts';

const h = useHarness({ sync: { deleteOnReadAfterMs: 20_000 } });

const minute = 60_000;

/** Caches a file for the message's attachment, as a download would. */
async function cacheAttachmentOf(token: string): Promise<string> {
  const { store, cache } = h.local;
  const message = store.messages.byToken(token)!;
  const file = await cache.write(Buffer.from(`scan of ${token}`));
  expect(store.attachments.setCached(message.id, 1, file)).toBe(true);
  return join(cache.dir, file);
}

const withAttachment = { name: 'scan.png', contentType: 'image/png', size: 12 };

describe('time-to-live expiry', () => {
  it('erases the message and its cached attachment at created + ttl, not a moment before', async () => {
    const { clock, store } = h.local;
    await h.sync.handle([messageEvent({ token: 'ttl1', from: ALICE, to: ME, createdAt: clock.now(), ttl: 10, attachment: withAttachment })]);
    const file = await cacheAttachmentOf('ttl1');
    const changesBefore = h.changes.length;

    clock.advance(10 * minute - 1);
    expect(rowCount(store, 'messages')).toBe(1);
    expect(existsSync(file)).toBe(true);

    clock.advance(1);
    await eventually(() => expect(existsSync(file)).toBe(false));
    expect(rowCount(store, 'messages')).toBe(0);
    expect(rowCount(store, 'attachments')).toBe(0);
    expect(h.changes.slice(changesBefore).flatMap((c) => c.removedMessages.map((m) => m.conversationId))).toEqual([ALICE]);
  });

  it('keeps one timer, armed for the earliest expiry, and re-arms it as messages come and go', async () => {
    const { clock, store } = h.local;
    const start = clock.now();
    // The receipt sender's timer is due within seconds; the expiry timer is the only one beyond.
    const expiryTimers = () => clock.scheduled.filter((at) => at >= start + minute);
    await h.sync.handle([messageEvent({ token: 'late', from: ALICE, to: ME, createdAt: start, ttl: 60 })]);
    expect(expiryTimers()).toEqual([start + 60 * minute]);
    await h.sync.handle([messageEvent({ token: 'soon', from: ALICE, to: ME, createdAt: start, ttl: 5 })]);
    expect(expiryTimers()).toEqual([start + 5 * minute]);

    clock.advance(5 * minute);
    await eventually(() => expect(store.messages.byToken('soon')).toBeUndefined());
    expect(store.messages.byToken('late')).toBeDefined();
    await eventually(() => expect(expiryTimers()).toEqual([start + 60 * minute]));
  });

  it('erases at start the messages that expired while the app was closed, files included', async () => {
    const { clock, store } = h.local;
    await h.sync.handle([messageEvent({ token: 'old', from: ALICE, to: ME, createdAt: clock.now(), ttl: 1, attachment: withAttachment })]);
    const file = await cacheAttachmentOf('old');
    await h.sync.stop();

    clock.advance(2 * minute);
    const later = h.restart();
    await later.start();
    expect(store.messages.byToken('old')).toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });

  it('does not store a message that has already expired when it arrives, nor owe a receipt for it', async () => {
    const { clock, store } = h.local;
    await h.sync.handle([messageEvent({ token: 'gone', from: ALICE, to: ME, createdAt: clock.now() - 11 * minute, ttl: 10 })]);
    expect(rowCount(store, 'messages')).toBe(0);
    expect(owedTokens(store)).toEqual({ delivered: [], read: [] });
    expect(h.changes).toEqual([]);
  });
});

describe('delete on read', () => {
  it('erases an incoming delete-on-read message and its file once read and its viewing time is over', async () => {
    const { clock, store } = h.local;
    await h.sync.handle([messageEvent({ token: 'dor1', from: ALICE, to: ME, createdAt: clock.now(), dor: true, attachment: withAttachment })]);
    const file = await cacheAttachmentOf('dor1');
    clock.advance(60 * minute);
    expect(store.messages.byToken('dor1')).toBeDefined();

    await h.sync.markRead(ALICE);
    expect(h.sync.thread(ALICE, { limit: 1 })[0]).toMatchObject({ deleteOnRead: true, readByMe: true, expiresAt: clock.now() + 20_000 });
    clock.advance(20_000);
    await eventually(() => expect(existsSync(file)).toBe(false));
    expect(store.messages.byToken('dor1')).toBeUndefined();
    expect(h.changes.at(-1)?.removedMessages).toHaveLength(1);
  });

  it('erases our own delete-on-read message once the recipient has read it', async () => {
    const { clock, store } = h.local;
    await h.sync.handle([messageEvent({ token: 'dor2', from: ME, to: ALICE, createdAt: clock.now(), dor: true })]);
    await h.sync.handle([streamEvent('message:status', { client_id: 'dor2', account_id: ALICE, status: 'Read' })]);
    clock.advance(20_000);
    await eventually(() => expect(store.messages.byToken('dor2')).toBeUndefined());
  });

  it('never pushes an earlier expiry later', async () => {
    const { clock, store } = h.local;
    await h.sync.handle([messageEvent({ token: 'dor3', from: ALICE, to: ME, createdAt: clock.now() - minute + 5_000, ttl: 1, dor: true })]);
    await h.sync.markRead(ALICE);
    expect(store.messages.byToken('dor3')?.expiresAt).toBe(clock.now() + 5_000);
  });
});
