/** A sync over a real store, cache and API client (recording server), with its change sets collected. */
import type { ChangeSet } from '../../preload/contract';
import { createSync, type Sync, type SyncOptions } from '../../main/core/sync';
import { ME, openLocal, type Local } from './fixture';
import { startRemote, type Remote, type Route } from './server-fixture';

export interface Harness {
  local: Local;
  remote: Remote;
  sync: Sync;
  changes: ChangeSet[];
  /** A second sync on the same store and server, as after a restart. */
  restart(): Sync;
  close(): Promise<void>;
}

export async function openHarness(
  options: { routes?: Record<string, Route>; sync?: Partial<SyncOptions> } = {},
): Promise<Harness> {
  const local = await openLocal();
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
