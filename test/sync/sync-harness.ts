/** A sync over a real store, cache and API client (recording server), with its change sets collected. */
import type { ChangeSet } from '../../preload/contract';
import { createSync, type Sync, type SyncOptions } from '../../main/core/sync/sync';
import { ME, openLocal, type Local } from './fixture';
import { startRemote, type Remote, type Route } from './server-fixture';
import { readThrough, useFixture } from '../support/hooked-fixture';

export interface Harness {
  local: Local;
  remote: Remote;
  sync: Sync;
  changes: ChangeSet[];
  /** A second sync on the same store and server, as after a restart. */
  restart(): Sync;
  close(): Promise<void>;
}

export interface HarnessOptions {
  routes?: Record<string, Route>;
  sync?: Partial<SyncOptions>;
  local?: { unencrypted?: boolean };
}

export async function openHarness(options: HarnessOptions = {}): Promise<Harness> {
  const local = await openLocal(options.local);
  const remote = await startRemote(options.routes);
  const make = () => createSync({
    store: local.store,
    cache: local.cache,
    api: remote.api,
    me: ME,
    log: local.log,
    clock: local.clock,
    receipts: { delayMs: 1_000, random: () => 0.5 },
    ...options.sync,
  });
  const syncs: Sync[] = [];
  const changes: ChangeSet[] = [];
  const sync = make();
  syncs.push(sync);
  sync.onChange((set) => changes.push(set));
  return {
    local,
    remote,
    sync,
    changes,
    restart() {
      const next = make();
      syncs.push(next);
      return next;
    },
    async close() {
      for (const each of syncs) await each.stop();
      await remote.close();
      await local.close();
    },
  };
}

/**
 * Registers hooks that open a harness before each test and close it after. The returned handle
 * reads through to the running test's harness; hooks the file registers later run after the
 * opening and before the closing.
 */
export function useHarness(options: HarnessOptions = {}): Harness {
  const current = useFixture('test', () => openHarness(options), (harness) => harness.close());
  return readThrough(current, { local: true, remote: true, sync: true, changes: true, restart: true, close: true });
}
