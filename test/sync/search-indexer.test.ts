import { describe, expect, it } from 'vitest';
import { createLogger } from '../../main/core/log/logger';
import type { LogRecord } from '../../main/core/log/logger';
import { openStore } from '../../main/core/store';
import { createSearchIndexer } from '../../main/core/sync/search-indexer';
import { incoming } from '../store/message-input';
import { randomKey, useTempDirs } from '../store/temp-dir';
import { ManualClock } from '../support/manual-clock';

const tempDir = useTempDirs();

function setUp(count: number) {
  const store = openStore({ dir: tempDir(), key: randomKey() });
  for (let n = 0; n < count; n += 1) store.messages.upsert(incoming({ body: `bed ${n} obs`, createdTime: n }));
  const clock = new ManualClock();
  const records: LogRecord[] = [];
  const indexer = createSearchIndexer({ store, clock, log: createLogger('sync', (record) => records.push(record)), idleMs: 250, runSize: 4, retryMs: 30_000 });
  return { store, clock, records, indexer };
}

describe('indexing stored messages for search while sync is idle', () => {
  it('waits until nudges stop for the idle time, then indexes everything in bounded runs', () => {
    const { store, clock, indexer } = setUp(10);
    const runs: number[] = [];
    const indexPending = store.search.indexPending.bind(store.search);
    store.search.indexPending = (limit) => {
      const indexed = indexPending(limit);
      runs.push(indexed);
      return indexed;
    };
    indexer.nudge();
    clock.advance(200);
    // Another batch stored: the wait starts again.
    indexer.nudge();
    clock.advance(200);
    expect(store.search.pendingCount()).toBe(10);
    clock.advance(50);
    expect(runs).toEqual([4, 4, 2]);
    expect(store.search.pendingCount()).toBe(0);
    expect(clock.pending).toBe(0);
    store.statements.db.exec(`INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)`);
    store.close();
  });

  it('retries later when a run cannot write, and says so in the log without message text', () => {
    const { store, clock, records, indexer } = setUp(3);
    store.statements.db.pragma('query_only = ON');
    indexer.nudge();
    clock.advance(250);
    expect(store.search.pendingCount()).toBe(3);
    expect(records.map((record) => record.message)).toEqual(['indexing messages for search failed; retrying later']);
    expect(JSON.stringify(records)).not.toContain('obs');
    expect(clock.pendingDelays).toEqual([30_000]);
    store.statements.db.pragma('query_only = OFF');
    clock.advance(30_000);
    expect(store.search.pendingCount()).toBe(0);
    store.close();
  });

  it('does nothing more once stopped', () => {
    const { store, clock, indexer } = setUp(3);
    indexer.nudge();
    indexer.stop();
    indexer.nudge();
    clock.advance(1_000);
    expect(store.search.pendingCount()).toBe(3);
    expect(clock.pending).toBe(0);
    store.close();
  });
});
