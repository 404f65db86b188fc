/**
 * Sync throughput on a real encrypted store: storing message events in stream-sized
 * batches, replaying them (a no-op), and the reads the UI makes most (roster, a thread page).
 * Part of `npm run bench`.
 */
import { createSync } from '../../main/core/sync/sync';
import { atLeast, atMost, median, type Bench, type Figure } from './figure';
import { ME, messageEvent, openLocal } from '../sync/fixture';
import { startRemote } from '../sync/server-fixture';

export const bench: Bench = {
  title: 'sync: events into the store, and the reads the UI makes',
  async run({ quick }) {
    const local = await openLocal();
    const remote = await startRemote();
    const sync = createSync({ store: local.store, cache: local.cache, api: remote.api, me: ME, log: local.log, clock: local.clock });
    try {
      const total = quick ? 2_000 : 10_000;
      const batchSize = 200;
      const conversations = 500;
      const start = Date.UTC(2026, 0, 5, 8, 0, 0);
      const batches = Array.from({ length: total / batchSize }, (_, b) =>
        Array.from({ length: batchSize }, (_, i) => {
          const n = b * batchSize + i;
          return messageEvent({ token: `bench-${n}`, from: `user-${n % conversations}`, to: ME, createdAt: start + n, body: `message number ${n} about ward rounds` });
        }));

      let began = performance.now();
      for (const batch of batches) await sync.handle(batch);
      const storeMs = performance.now() - began;

      began = performance.now();
      for (const batch of batches) await sync.handle(batch);
      const replayMs = performance.now() - began;

      const rosterMs = median(Array.from({ length: 9 }, () => {
        const t = performance.now();
        sync.roster();
        return performance.now() - t;
      }));
      const pageMs = median(Array.from({ length: 9 }, () => {
        const t = performance.now();
        sync.thread('user-7', { limit: 50 });
        return performance.now() - t;
      }));

      const figures: Figure[] = [
        atLeast('message events stored per second (batches of 200, one commit each)', Math.round(total / (storeMs / 1_000)), 'events/s', 2_000),
        atLeast('replayed message events per second (no-op)', Math.round(total / (replayMs / 1_000)), 'events/s', 5_000),
        atMost(`roster of ${conversations} conversations`, Number(rosterMs.toFixed(2)), 'ms', 50),
        atMost('one thread page of 50 messages', Number(pageMs.toFixed(2)), 'ms', 10),
      ];
      return figures;
    } finally {
      await sync.stop();
      await remote.close();
      await local.close();
    }
  },
};
