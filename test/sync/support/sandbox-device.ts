/**
 * One person's device against the sandbox, composed as the app composes it: the outbox's store
 * and cache, sync over them, and the event stream feeding sync (multi-org, typing).
 */
import { join } from 'node:path';
import { createApiClient } from '../../../main/core/api';
import { createEventStream } from '../../../main/core/events/event-stream';
import { createLogger } from '../../../main/core/log/logger';
import { createSync, type Sync } from '../../../main/core/sync/sync';
import type { RunningSandbox } from '../../../sandbox/index';
import { openHarness, type OutboxHarness } from '../../outbox/outbox-fixture';

export interface SandboxDevice {
  harness: OutboxHarness;
  sync: Sync;
  /** Reads what the server holds, then listens and sends. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function openSandboxDevice(
  sandbox: Pick<RunningSandbox, 'apiUrl'>,
  person: { token: string; key: string; secret: string },
  options: { homeOrganization: string; dir: string },
): SandboxDevice {
  const { homeOrganization } = options;
  const harness = openHarness({
    apiUrl: sandbox.apiUrl, key: person.key, secret: person.secret, senderToken: person.token, senderOrganization: homeOrganization,
    dir: join(options.dir, person.token), outbox: { retry: { baseMs: 20, capMs: 200 } },
  });
  const api = createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key: person.key, secret: person.secret }, organizationKey: homeOrganization });
  const log = createLogger('sync', () => undefined);
  const sync = createSync({ store: harness.store, cache: harness.cache, api, me: person.token, homeOrganization, log, receipts: { delayMs: 20 } });
  const stream = createEventStream({
    request: () => api.eventStreamRequest(['is-typing', 'multi-org']),
    ack: (ids) => api.ackEvents(ids),
    handle: (events) => sync.handle(events),
    onRemoteWipe: async () => undefined,
    log,
    heartbeatMs: 200,
    ackBatch: { maxBatch: 50, delayMs: 10 },
  });
  return {
    harness,
    sync,
    async start() {
      await sync.start();
      stream.start();
      harness.outbox.start();
    },
    async close() {
      await stream.stop();
      await sync.stop();
      await harness.close();
    },
  };
}
