import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eraseMessages, recallMessage } from '../../main/core/lifecycle/erasure';
import { createLogger } from '../../main/core/log/logger';
import { AttachmentCache, openStore, toFtsQuery } from '../../main/core/store';
import { incoming } from './message-input';
import { randomKey, useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const log = createLogger('erasure', () => undefined);

describe('searching messages', () => {
  it('finds bodies by word prefixes, any case and accents, newest first, marking the match', () => {
    const store = openStore({ dir: tempDir(), key: randomKey() });
    const older = store.messages.upsert(incoming({ body: 'Café meeting about the Cardiology rota', createdTime: 1000 })).id;
    const newer = store.messages.upsert(incoming({ body: 'cardiology consult requested', createdTime: 2000 })).id;
    store.messages.upsert(incoming({ body: 'nothing relevant here', createdTime: 3000 }));
    const hits = store.search.messages('CARDIO', { limit: 10 });
    expect(hits.map((hit) => hit.messageId)).toEqual([newer, older]);
    expect(hits[0]!.snippet).toBe('\u0002cardiology\u0003 consult requested');
    expect(store.search.messages('cafe rota', { limit: 10 }).map((hit) => hit.messageId)).toEqual([older]);
    store.close();
  });

  it('searches within one conversation when asked', () => {
    const store = openStore({ dir: tempDir(), key: randomKey() });
    store.messages.upsert(incoming({ body: 'handover notes', conversationId: 'u-bob' }));
    const ward = store.messages.upsert(incoming({ body: 'handover at seven', conversationId: 'g-ward', conversationKind: 'group' })).id;
    expect(store.search.messages('handover', { limit: 10, conversationId: 'g-ward' }).map((hit) => hit.messageId)).toEqual([ward]);
    store.close();
  });

  it('indexes waiting messages in runs of the size asked, oldest first, and finds the rest at search time', () => {
    const store = openStore({ dir: tempDir(), key: randomKey() });
    const ids = [1, 2, 3, 4, 5].map((n) => store.messages.upsert(incoming({ body: `ward round ${n}`, createdTime: n })).id);
    expect(store.search.pendingCount()).toBe(5);
    expect(store.transaction(() => store.search.indexPending(2))).toBe(2);
    expect(store.search.pendingCount()).toBe(3);
    const pending = store.statements.prepare<{ message_id: number }>('SELECT message_id FROM search_pending ORDER BY message_id').all();
    expect(pending.map((row) => row.message_id)).toEqual(ids.slice(2));
    expect(store.search.messages('ward', { limit: 10 }).map((hit) => hit.messageId)).toEqual([...ids].reverse());
    expect(store.search.pendingCount()).toBe(0);
    expect(store.transaction(() => store.search.indexPending())).toBe(0);
    store.close();
  });

  it('treats typed FTS syntax as plain words and finds nothing for no words', () => {
    const store = openStore({ dir: tempDir(), key: randomKey() });
    store.messages.upsert(incoming({ body: 'body NEAR "quotes" OR column:filter' }));
    expect(store.search.messages('"quotes" OR', { limit: 10 })).toHaveLength(1);
    expect(store.search.messages('column:filter', { limit: 10 })).toHaveLength(1);
    expect(store.search.messages('  *** ', { limit: 10 })).toEqual([]);
    expect(toFtsQuery('a "b" c*')).toBe('"a"* "b"* "c"*');
    store.close();
  });
});

describe('the search index stays in step with the messages held', () => {
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo'] as const;
  type Operation = { kind: 'insert'; words: string[] } | { kind: 'recall' | 'erase'; pick: number } | { kind: 'index'; limit: number };
  const operation: fc.Arbitrary<Operation> = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), words: fc.subarray([...words], { minLength: 1 }) }),
    fc.record({ kind: fc.constantFrom('recall' as const, 'erase' as const), pick: fc.nat() }),
    // The indexer's runs, of any size, between the writes: rows indexed and rows waiting mix.
    fc.record({ kind: fc.constant('index' as const), limit: fc.integer({ min: -1, max: 4 }) }),
  );

  it('finds exactly the held, unrecalled messages containing a word, after any inserts, recalls, erasures and indexing runs', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 25 }), async (operations) => {
        const store = openStore({ dir: join(dir, randomUUID()), key: randomKey() });
        const cache = new AttachmentCache({ dir: join(dir, 'attachments'), key: randomKey() });
        const held = new Map<number, string>();
        for (const step of operations) {
          if (step.kind === 'insert') {
            const body = step.words.join(' ');
            held.set(store.messages.upsert(incoming({ body })).id, body);
            continue;
          }
          if (step.kind === 'index') {
            store.transaction(() => store.search.indexPending(step.limit));
            // rank 0: the index itself, not compared with messages, some of which still wait.
            store.statements.db.exec(`INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 0)`);
            continue;
          }
          const ids = [...held.keys()];
          if (ids.length === 0) continue;
          const id = ids[step.pick % ids.length]!;
          if (step.kind === 'recall') {
            await recallMessage(store, cache, id, log);
            held.set(id, '');
          } else {
            await eraseMessages(store, cache, [id], log);
            held.delete(id);
          }
        }
        for (const word of words) {
          const expected = [...held].filter(([, body]) => body.split(' ').includes(word)).map(([id]) => id).sort((a, b) => a - b);
          const found = store.search.messages(word, { limit: 100 }).map((hit) => hit.messageId).sort((a, b) => a - b);
          expect(found).toEqual(expected);
        }
        store.statements.db.exec(`INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)`);
        store.close();
      }),
      { numRuns: 25 },
    );
  });
});
