import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, GROUP, ME, messageEvent, rowCount, streamEvent } from '../sync/fixture';
import { jsonOf } from '../sync/server-fixture';
import { openHarness, type Harness } from '../sync/sync-harness';
import type { Answer, RecordedRequest } from '../support/recording-server';
import { eventually } from '../sync/expectations';
import { owedTokens } from '../store/owed-receipts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const t0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const statusPuts = () => h.remote.requestsTo('PUT', '/message/status/');
const pending = () => owedTokens(h.local.store);
const nothingOwed = { delivered: [], read: [] };

describe('receipts', () => {
  it('sends Delivered for every stored incoming message, batched into one PUT after the debounce', async () => {
    h = await openHarness();
    await h.sync.handle([messageEvent({ token: 'd1', from: ALICE, to: ME, createdAt: t0 }), messageEvent({ token: 'own', from: ME, to: ALICE, createdAt: t0 })]);
    await h.sync.handle([messageEvent({ token: 'd2', from: BOB, to: ME, createdAt: t0 })]);
    expect(pending()).toEqual({ delivered: ['d1', 'd2'], read: [] });
    h.local.clock.advance(999);
    expect(statusPuts()).toHaveLength(0);
    h.local.clock.advance(1);
    await eventually(() => expect(pending()).toEqual(nothingOwed));
    expect(statusPuts().map(jsonOf)).toEqual([{ delivered: ['d1', 'd2'] }]);
  });

  it('waits for the writes to pause, so a replay is stored before its receipts go, but never past the longest wait', async () => {
    h = await openHarness();
    await h.sync.handle([messageEvent({ token: 'w1', from: ALICE, to: ME, createdAt: t0 })]);
    h.local.clock.advance(900);
    await h.sync.handle([messageEvent({ token: 'w2', from: ALICE, to: ME, createdAt: t0 })]);
    h.local.clock.advance(999);
    expect(statusPuts()).toHaveLength(0);
    h.local.clock.advance(1);
    await eventually(() => expect(pending()).toEqual(nothingOwed));
    expect(statusPuts().map(jsonOf)).toEqual([{ delivered: ['w1', 'w2'] }]);

    for (let i = 0; i < 11; i += 1) {
      await h.sync.handle([messageEvent({ token: `busy${i}`, from: BOB, to: ME, createdAt: t0 })]);
      if (i < 10) expect(statusPuts()).toHaveLength(1);
      h.local.clock.advance(999);
    }
    // Owed from 0 ms on, with writes every 999 ms: the longest wait (10 s) ends it at 10,000 ms.
    await eventually(() => expect(statusPuts()).toHaveLength(2));
    expect(statusPuts().map(jsonOf)[1]).toEqual({ delivered: Array.from({ length: 11 }, (_, i) => `busy${i}`) });
  });

  it('sends Read for what the user viewed, once, and no Delivered for a message already read', async () => {
    h = await openHarness();
    await h.sync.handle([messageEvent({ token: 'r1', from: ALICE, to: ME, createdAt: t0 }), messageEvent({ token: 'r2', from: ALICE, to: ME, createdAt: t0 + 1 })]);
    await h.sync.markRead(ALICE);
    await h.sync.markRead(ALICE);
    h.local.clock.advance(1_000);
    await eventually(() => expect(pending()).toEqual(nothingOwed));
    expect(statusPuts().map(jsonOf)).toEqual([{ read: ['r1', 'r2'] }]);
  });

  it('keeps receipts through a failing server and sends them when it answers again', async () => {
    let failing = true;
    h = await openHarness({ routes: { 'PUT /message/status/': (): Answer => (failing ? { status: 503, body: { error: { message: 'maintenance' } } } : { status: 204 }) } });
    await h.sync.handle([messageEvent({ token: 'k1', from: ALICE, to: ME, createdAt: t0 })]);
    h.local.clock.advance(1_000);
    await eventually(() => expect(statusPuts()).toHaveLength(1));
    await eventually(() => expect(h.local.clock.scheduled.length).toBeGreaterThan(0));
    expect(pending()).toEqual({ delivered: ['k1'], read: [] });
    failing = false;
    // Backoff with the injected random 0.5: half of the 2 s base.
    h.local.clock.advance(1_000);
    await eventually(() => expect(pending()).toEqual(nothingOwed));
    expect(statusPuts().map(jsonOf)).toEqual([{ delivered: ['k1'] }, { delivered: ['k1'] }]);
  });

  it('sends, after a restart, the receipts a closed app still owed', async () => {
    h = await openHarness({ routes: { 'PUT /message/status/': () => 'drop' as const } });
    await h.sync.handle([messageEvent({ token: 'p1', from: ALICE, to: ME, createdAt: t0 })]);
    await h.sync.markRead(ALICE);
    await h.sync.stop();
    expect(pending()).toEqual({ delivered: [], read: ['p1'] });

    h.remote.server.respond({ status: 204 });
    const later = h.restart();
    await later.start();
    h.local.clock.advance(1_000);
    await eventually(() => expect(pending()).toEqual(nothingOwed));
    expect(statusPuts().map(jsonOf)).toEqual([{ read: ['p1'] }]);
  });

  it('drops only the receipt the server refuses for good, and sends the rest', async () => {
    const refuse = (request: RecordedRequest): Answer => {
      const body = jsonOf(request) as { delivered?: string[] };
      return body.delivered?.includes('erased') ? { status: 404, body: { error: { message: 'unknown message' } } } : { status: 204 };
    };
    h = await openHarness({ routes: { 'PUT /message/status/': refuse } });
    await h.sync.handle(['a', 'b', 'erased', 'c'].map((token, i) => messageEvent({ token, from: ALICE, to: ME, createdAt: t0 + i })));
    h.local.clock.advance(1_000);
    await eventually(() => expect(pending()).toEqual(nothingOwed));
    const accepted = statusPuts().map(jsonOf).filter((body) => !(body as { delivered: string[] }).delivered.includes('erased'));
    expect(accepted.flatMap((body) => (body as { delivered: string[] }).delivered).sort()).toEqual(['a', 'b', 'c']);
    expect(h.local.records.some((r) => r.message === 'the server refused a receipt; dropped' && r.fields['messageToken'] === 'erased')).toBe(true);
  });

  it('sends the receipt owed for a message erased before it was sent', async () => {
    h = await openHarness();
    const joined = streamEvent('update', { type: 'tigertext:entity:group', token: GROUP, name: 'Ward 7', members: [ME, ALICE] });
    const left = streamEvent('bang', { event: 'removed', subject_entity: ME, target_entity: GROUP, caller_entity: ALICE });
    await h.sync.handle([joined, messageEvent({ token: 'left-behind', from: ALICE, to: GROUP, group: GROUP, createdAt: t0 })]);
    await h.sync.handle([left]);
    expect(rowCount(h.local.store, 'messages')).toBe(0);
    h.local.clock.advance(1_000);
    await eventually(() => expect(pending()).toEqual(nothingOwed));
    expect(statusPuts().map(jsonOf)).toEqual([{ delivered: ['left-behind'] }]);
  });

  it('sends the receipts of a message erased in the batch that stored it and of the next one stored there under its id', async () => {
    h = await openHarness();
    const joined = streamEvent('update', { type: 'tigertext:entity:group', token: GROUP, name: 'Ward 7', members: [ME, ALICE] });
    const left = streamEvent('bang', { event: 'removed', subject_entity: ME, target_entity: GROUP, caller_entity: ALICE });
    await h.sync.handle([
      joined,
      messageEvent({ token: 'gone', from: ALICE, to: GROUP, group: GROUP, createdAt: t0 }),
      left,
      messageEvent({ token: 'next', from: BOB, to: ME, createdAt: t0 + 1 }),
    ]);
    expect(h.changes.at(-1)!.removedMessages.map((m) => m.id)).toEqual(h.sync.thread(BOB, { limit: 10 }).map((m) => m.id));
    expect(pending()).toEqual({ delivered: ['gone', 'next'], read: [] });
    await h.sync.markRead(BOB);
    h.local.clock.advance(1_000);
    await eventually(() => expect(pending()).toEqual(nothingOwed));
    expect(statusPuts().map(jsonOf)).toEqual([{ read: ['next'], delivered: ['gone'] }]);
  });

  it('names a message once in a request, though it was erased and stored again while its receipt was owed', async () => {
    h = await openHarness();
    const joined = streamEvent('update', { type: 'tigertext:entity:group', token: GROUP, name: 'Ward 7', members: [ME, ALICE] });
    const left = streamEvent('bang', { event: 'removed', subject_entity: ME, target_entity: GROUP, caller_entity: ALICE });
    const message = messageEvent({ token: 'twice', from: ALICE, to: GROUP, group: GROUP, createdAt: t0 });
    await h.sync.handle([joined, message, left]);
    await h.sync.handle([joined, message]);
    expect(pending()).toEqual({ delivered: ['twice', 'twice'], read: [] });
    h.local.clock.advance(1_000);
    await eventually(() => expect(pending()).toEqual(nothingOwed));
    expect(statusPuts().map(jsonOf)).toEqual([{ delivered: ['twice'] }]);
  });

  it('sends at most the batch size in one request', async () => {
    h = await openHarness({ sync: { receipts: { delayMs: 1_000, maxBatch: 2, random: () => 0.5 } } });
    await h.sync.handle(['x1', 'x2', 'x3'].map((token, i) => messageEvent({ token, from: ALICE, to: ME, createdAt: t0 + i })));
    h.local.clock.advance(1_000);
    await eventually(() => expect(pending()).toEqual(nothingOwed));
    expect(statusPuts().map(jsonOf)).toEqual([{ delivered: ['x1', 'x2'] }, { delivered: ['x3'] }]);
  });
});
