/**
 * "Deleted means gone" (issue 12): an erased message's text must not be recoverable from the
 * database files by someone who has the key. The store is opened without encryption (same
 * schema, test-only option) so the files' bytes can be searched for the text: the message
 * row, its search index entry and every copy the WAL still holds.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databasePath } from '../../main/core/store';
import { eraseMessages, recallMessage } from '../../main/core/lifecycle/erasure';
import { ALICE, GROUP, ME, messageEvent, streamEvent } from '../sync/fixture';
import { eventually } from '../sync/expectations';
import { useHarness } from '../sync/sync-harness';

const h = useHarness({ local: { unencrypted: true }, sync: { deleteOnReadAfterMs: 20_000 } });

const minute = 60_000;
/** Capitalised in the body, so the body and the index's lower-cased words are told apart. */
const secret = { body: 'Zorblaxine 40mg for Quimbertson', words: ['zorblaxine', 'quimbertson'] };
const kept = { body: 'Plumbagoid review with Wexfordian', words: ['plumbagoid', 'wexfordian'] };

const databaseFile = () => databasePath(join(h.local.dir, 'account'));

/** The bytes of the database file and of its WAL, as SQLite left them. */
function bytesOnDisk(): string {
  const path = databaseFile();
  const files = [path, `${path}-wal`].filter((file) => existsSync(file));
  return files.map((file) => readFileSync(file).toString('latin1')).join('\n');
}

/** Which of the text's forms (the body itself, each indexed word) the files still hold. */
function traces(text: { body: string; words: string[] }): string[] {
  const bytes = bytesOnDisk();
  return [text.body, ...text.words].filter((form) => bytes.includes(form));
}

/** Both messages stored and indexed for search, so each has its body and index entries on disk. */
async function storeBoth(secretFields: { ttl?: number; dor?: boolean } = {}): Promise<void> {
  const { clock, store } = h.local;
  await h.sync.handle([
    messageEvent({ token: 'secret', from: ALICE, to: ME, createdAt: clock.now(), body: secret.body, ...secretFields }),
    messageEvent({ token: 'kept', from: ALICE, to: ME, createdAt: clock.now(), body: kept.body }),
  ]);
  expect(store.search.messages(secret.words[0]!, { limit: 5 })).toHaveLength(1);
  expect(store.search.messages(kept.words[0]!, { limit: 5 })).toHaveLength(1);
  expect(traces(secret)).toEqual([secret.body, ...secret.words]);
}

function expectOnlyKeptTextOnDisk(): void {
  expect(traces(secret)).toEqual([]);
  expect(traces(kept)).toEqual([kept.body, ...kept.words]);
}

describe('erased text is not in the database files', () => {
  it('after a message expires', async () => {
    await storeBoth({ ttl: 10 });
    h.local.clock.advance(10 * minute);
    await eventually(() => expect(h.local.store.messages.byToken('secret')).toBeUndefined());
    expectOnlyKeptTextOnDisk();
  });

  it('after a delete-on-read message is read and its viewing time is over', async () => {
    await storeBoth({ dor: true });
    await h.sync.markRead(ALICE);
    h.local.clock.advance(20_000);
    await eventually(() => expect(h.local.store.messages.byToken('secret')).toBeUndefined());
    expectOnlyKeptTextOnDisk();
  });

  it('after the sender recalls a message', async () => {
    await storeBoth();
    await h.sync.handle([streamEvent('message:status', { client_id: 'secret', is_recalled: true })]);
    expect(h.local.store.messages.byToken('secret')).toMatchObject({ isRecalled: true, body: '' });
    expectOnlyKeptTextOnDisk();
  });

  it('after the outbox recalls a message this user sent', async () => {
    await storeBoth();
    const { store, cache, log } = h.local;
    await recallMessage(store, cache, store.messages.byToken('secret')!.id, log);
    expectOnlyKeptTextOnDisk();
  });

  it('after the outbox erases a message cancelled before the server had it', async () => {
    await storeBoth();
    const { store, cache, log } = h.local;
    await eraseMessages(store, cache, [store.messages.byToken('secret')!.id], log);
    expectOnlyKeptTextOnDisk();
  });

  it('after this user is removed from the group the message was in', async () => {
    const { clock, store } = h.local;
    await h.sync.handle([
      streamEvent('update', { type: 'tigertext:entity:group', token: GROUP, name: 'Ward 7', members: [ME, ALICE] }),
      messageEvent({ token: 'secret', from: ALICE, to: GROUP, group: GROUP, createdAt: clock.now(), body: secret.body }),
      messageEvent({ token: 'kept', from: ALICE, to: ME, createdAt: clock.now(), body: kept.body }),
    ]);
    expect(store.search.messages(secret.words[0]!, { limit: 5 })).toHaveLength(1);
    expect(traces(secret)).toEqual([secret.body, ...secret.words]);
    await h.sync.handle([streamEvent('bang', { event: 'removed', subject_entity: ME, target_entity: GROUP, caller_entity: ALICE })]);
    expect(store.messages.byToken('secret')).toBeUndefined();
    expectOnlyKeptTextOnDisk();
  });

  it('after an erasure of a message still waiting to be indexed', async () => {
    const { clock, store, cache, log } = h.local;
    await h.sync.handle([
      messageEvent({ token: 'secret', from: ALICE, to: ME, createdAt: clock.now(), body: secret.body }),
      messageEvent({ token: 'kept', from: ALICE, to: ME, createdAt: clock.now(), body: kept.body }),
    ]);
    expect(store.search.pendingCount()).toBe(2);
    await eraseMessages(store, cache, [store.messages.byToken('secret')!.id], log);
    expect(traces(secret)).toEqual([]);
    expect(traces(kept)).toEqual([kept.body]);
  });

  it('truncates the WAL only after a batch that erased: ordinary ingest leaves it to grow', async () => {
    await storeBoth();
    const walSize = () => statSync(`${databaseFile()}-wal`).size;
    await h.sync.handle([messageEvent({ token: 'more', from: ALICE, to: ME, createdAt: h.local.clock.now(), body: 'one more' })]);
    expect(walSize()).toBeGreaterThan(0);
    await h.sync.handle([streamEvent('message:status', { client_id: 'secret', is_recalled: true })]);
    expect(walSize()).toBe(0);
  });

  it('after an earlier version erased it without secure_delete, once the store has rewritten its file', async () => {
    await storeBoth();
    const { store } = h.local;
    const db = store.statements.db;
    // As an earlier version erased: the row deleted, its page's free space left as it was.
    db.pragma('secure_delete = OFF');
    db.prepare("DELETE FROM messages WHERE token = 'secret'").run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('secure_delete = ON');
    expect(bytesOnDisk()).toContain(secret.body);

    // What migration 7 asks of a database an earlier version wrote.
    store.settings.set('store.rewrite-requested', true);
    expect(store.rewriteIfRequested()).toBe(true);
    expect(bytesOnDisk()).not.toContain(secret.body);
    expect(bytesOnDisk()).toContain(kept.body);
    expect(store.rewriteIfRequested()).toBe(false);
  });
});

