import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eraseMessages, recallMessage, sweepAttachmentCache } from '../../main/core/lifecycle/erasure';
import { createLogger } from '../../main/core/log/logger';
import { AttachmentCache, openStore } from '../../main/core/store';
import { markConversationRead } from '../../main/core/sync/read-marking';
import { incoming } from '../store/message-input';
import { randomKey, useTempDirs } from '../store/temp-dir';

const tempDir = useTempDirs();
const t0 = Date.parse('2026-03-01T10:00:00Z');
const log = createLogger('erasure', () => undefined);

function setUp() {
  const dir = tempDir();
  const store = openStore({ dir, key: randomKey(), now: () => t0 });
  const cache = new AttachmentCache({ dir: join(dir, 'attachments'), key: randomKey() });
  return { store, cache };
}

async function eraseExpired(setup: ReturnType<typeof setUp>, at: number): Promise<number> {
  return (await eraseMessages(setup.store, setup.cache, setup.store.messages.expiredIds(at), log)).length;
}

const scan = { attachmentId: 'a1', name: 'xray.png', contentType: 'image/png', size: 5 };

async function withCachedAttachment(setup: ReturnType<typeof setUp>, overrides: Parameters<typeof incoming>[0]) {
  const { id } = setup.store.messages.upsert(incoming({ ...overrides, attachments: [scan] }));
  const file = await setup.cache.write(Buffer.from('image'));
  expect(setup.store.attachments.setCached(id, 1, file)).toBe(true);
  return { id, path: join(setup.cache.dir, file) };
}

function rowCounts(setup: ReturnType<typeof setUp>, id: number) {
  // The index's own entries: reading messages_fts by rowid would read the content table.
  setup.store.statements.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms USING fts5vocab(main, messages_fts, 'instance')`);
  const count = (sql: string) => (setup.store.statements.db.prepare(sql).get(id) as { n: number }).n;
  return {
    messages: count('SELECT count(*) AS n FROM messages WHERE id = ?'),
    statuses: count('SELECT count(*) AS n FROM message_recipient_status WHERE message_id = ?'),
    attachments: count('SELECT count(*) AS n FROM attachments WHERE message_id = ?'),
    index: count('SELECT count(*) AS n FROM temp.fts_terms WHERE doc = ?'),
  };
}

describe('erasing messages', () => {
  it('erases an expired message: its row, statuses, search entry and attachment file', async () => {
    const setup = setUp();
    const expired = await withCachedAttachment(setup, { createdTime: t0, ttlMinutes: 5, body: 'transient result' });
    const lasting = await withCachedAttachment(setup, { createdTime: t0, ttlMinutes: 60, body: 'lasting result' });
    setup.store.messages.setRecipientStatus(expired.id, 'u-bob', 'read', t0);
    expect(rowCounts(setup, expired.id)).toEqual({ messages: 1, statuses: 1, attachments: 1, index: 0 });
    expect(setup.store.transaction(() => setup.store.search.indexPending())).toBe(2);
    expect(rowCounts(setup, expired.id)).toEqual({ messages: 1, statuses: 1, attachments: 1, index: 2 });

    expect(await eraseExpired(setup, t0 + 6 * 60_000)).toBe(1);
    expect(rowCounts(setup, expired.id)).toEqual({ messages: 0, statuses: 0, attachments: 0, index: 0 });
    expect(existsSync(expired.path)).toBe(false);
    expect(existsSync(lasting.path)).toBe(true);
    expect(setup.store.search.messages('result', { limit: 10 }).map((hit) => hit.messageId)).toEqual([lasting.id]);
    expect(setup.store.messages.nextExpiry()).toBe(t0 + 60 * 60_000);
    setup.store.close();
  });

  it('erases a message still waiting to be indexed without touching the index of the others', async () => {
    const setup = setUp();
    const indexed = await withCachedAttachment(setup, { createdTime: t0, ttlMinutes: 60, body: 'indexed result' });
    setup.store.transaction(() => setup.store.search.indexPending());
    const waiting = await withCachedAttachment(setup, { createdTime: t0, ttlMinutes: 5, body: 'waiting result' });
    expect(setup.store.search.pendingCount()).toBe(1);

    expect(await eraseExpired(setup, t0 + 6 * 60_000)).toBe(1);
    expect(setup.store.search.pendingCount()).toBe(0);
    expect(rowCounts(setup, waiting.id)).toMatchObject({ messages: 0, index: 0 });
    expect(rowCounts(setup, indexed.id)).toMatchObject({ messages: 1, index: 2 });
    setup.store.statements.db.exec(`INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)`);
    expect(setup.store.search.messages('result', { limit: 10 }).map((hit) => hit.messageId)).toEqual([indexed.id]);
    setup.store.close();
  });

  it('erases a delete-on-read message once it is read, file included', async () => {
    const setup = setUp();
    const dor = await withCachedAttachment(setup, { createdTime: t0 - 1, dor: true });
    const plain = await withCachedAttachment(setup, { createdTime: t0 - 1 });
    const read = setup.store.transaction(() => markConversationRead(setup.store, 'u-bob', undefined, t0));
    const deleteOnRead = read.filter((message) => message.dor).map((message) => message.id);
    expect(deleteOnRead).toEqual([dor.id]);
    expect(await eraseMessages(setup.store, setup.cache, deleteOnRead, log)).toEqual([{ id: dor.id, conversationId: 'u-bob' }]);
    expect(rowCounts(setup, dor.id).messages).toBe(0);
    expect(existsSync(dor.path)).toBe(false);
    expect(existsSync(plain.path)).toBe(true);
    setup.store.close();
  });

  it.each([
    ['already indexed', true],
    ['still waiting to be indexed', false],
  ])('keeps a recalled message (%s) as a marker without its body, data, attachments or search entry', async (_, indexFirst) => {
    const setup = setUp();
    const recalled = await withCachedAttachment(setup, { body: 'wrong patient dosage', data: [{ namespace: 'x', payload: 'y' }] });
    if (indexFirst) setup.store.transaction(() => setup.store.search.indexPending());
    await recallMessage(setup.store, setup.cache, recalled.id, log);
    expect(setup.store.messages.byId(recalled.id)).toMatchObject({ isRecalled: true, body: '', data: null });
    expect(rowCounts(setup, recalled.id)).toMatchObject({ attachments: 0, index: 0 });
    expect(existsSync(recalled.path)).toBe(false);
    expect(setup.store.search.messages('dosage', { limit: 10 })).toEqual([]);
    await expect(recallMessage(setup.store, setup.cache, 424_242, log)).resolves.toBeUndefined();
    setup.store.statements.db.exec(`INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)`);
    setup.store.close();
  });

  it('tells a download that finishes after its message was erased, so the file is not orphaned', async () => {
    const setup = setUp();
    const { id } = setup.store.messages.upsert(incoming({ attachments: [scan] }));
    await eraseMessages(setup.store, setup.cache, [id], log);
    const file = await setup.cache.write(Buffer.from('late download'));
    expect(setup.store.attachments.setCached(id, 1, file)).toBe(false);
    expect(await sweepAttachmentCache(setup.store, setup.cache)).toBe(1);
    expect(existsSync(join(setup.cache.dir, file))).toBe(false);
    setup.store.close();
  });
});
