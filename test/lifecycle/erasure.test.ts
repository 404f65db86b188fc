import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { eraseMessages } from '../../main/core/lifecycle/erasure';
import { ALICE, GROUP, ME, messageEvent, rowCount, streamEvent } from '../sync/fixture';
import { useHarness } from '../sync/sync-harness';

const h = useHarness();

const t0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const attachment = { name: 'wound.jpg', contentType: 'image/jpeg', size: 20 };

async function cacheAttachmentOf(token: string): Promise<string> {
  const { store, cache } = h.local;
  const file = await cache.write(Buffer.from(`photo in ${token}`));
  expect(store.attachments.setCached(store.messages.byToken(token)!.id, 1, file)).toBe(true);
  return join(cache.dir, file);
}

describe('erasing what must be gone', () => {
  it('erases a recalled message\'s cached attachment and keeps the marker without it', async () => {
    await h.sync.handle([messageEvent({ token: 'rec', from: ALICE, to: ME, createdAt: t0, body: 'see photo', attachment })]);
    const file = await cacheAttachmentOf('rec');
    await h.sync.handle([streamEvent('message:status', { client_id: 'rec', is_recalled: true })]);
    expect(existsSync(file)).toBe(false);
    expect(rowCount(h.local.store, 'attachments')).toBe(0);
    expect(h.sync.thread(ALICE, { limit: 1 })[0]).toMatchObject({ recalled: true, body: '', attachment: null });
  });

  it('erases the cached files of a group\'s messages when this user is removed from it', async () => {
    await h.sync.handle([
      streamEvent('update', { type: 'tigertext:entity:group', token: GROUP, name: 'Ward 7', members: [ME, ALICE] }),
      messageEvent({ token: 'gp', from: ALICE, to: GROUP, group: GROUP, createdAt: t0, attachment }),
    ]);
    const file = await cacheAttachmentOf('gp');
    h.local.store.drafts.set(GROUP, 'half-written reply');
    await h.sync.handle([streamEvent('bang', { event: 'removed', subject_entity: ME, target_entity: GROUP, caller_entity: ALICE })]);
    expect(existsSync(file)).toBe(false);
    expect(rowCount(h.local.store, 'attachments')).toBe(0);
    expect(h.local.store.drafts.get(GROUP)).toBeNull();
  });

  it('leaves a group\'s messages alone when someone else is removed from it', async () => {
    await h.sync.handle([
      streamEvent('update', { type: 'tigertext:entity:group', token: GROUP, name: 'Ward 7', members: [ME, ALICE] }),
      messageEvent({ token: 'stay', from: ALICE, to: GROUP, group: GROUP, createdAt: t0 }),
      streamEvent('bang', { event: 'removed', subject_entity: ALICE, target_entity: GROUP, caller_entity: ALICE }),
    ]);
    expect(h.local.store.messages.byToken('stay')).toBeDefined();
    expect(h.local.store.people.members(GROUP)).toEqual([ME]);
    expect(h.sync.roster().map((c) => c.id)).toEqual([GROUP]);
  });

  it('still erases the cached files when the WAL cannot be truncated after the commit, and says so', async () => {
    const { store, cache, log, records } = h.local;
    await h.sync.handle([messageEvent({ token: 'gone', from: ALICE, to: ME, createdAt: t0, attachment })]);
    const file = await cacheAttachmentOf('gone');
    vi.spyOn(store, 'truncateWal').mockImplementation(() => {
      throw new Error('database or disk is full');
    });
    await eraseMessages(store, cache, [store.messages.byToken('gone')!.id], log);
    expect(store.messages.byToken('gone')).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    expect(records.filter((r) => r.message.includes('WAL')).map((r) => [r.level, r.message, r.fields['error']])).toEqual([
      ['warn', 'the WAL could not be truncated after an erasure; the next erasure retries', 'database or disk is full'],
    ]);
  });
});
