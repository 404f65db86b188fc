/**
 * A core client whose every part (store, sync, outbox, event stream, API client) reads the
 * time from one clock the scenario controls: the account runtime takes only the store's
 * `now`, so the clock scenarios wire the same parts themselves, as the runtime does.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient } from '../../../main/core/api';
import type { Clock } from '../../../main/core/clock';
import { createEventStream } from '../../../main/core/events/event-stream';
import { createOutbox } from '../../../main/core/outbox';
import type { Outbox, OutboxOptions } from '../../../main/core/outbox';
import { AttachmentCache, openStore } from '../../../main/core/store';
import type { Store } from '../../../main/core/store';
import { createSync } from '../../../main/core/sync/sync';
import type { RunningSandbox } from '../../../sandbox';
import type { TestPerson } from '../../sandbox/support/people';

/** Wall-clock time that the scenario can move; timers still run on real (monotonic) time, as Node's do when the system clock jumps. */
export class JumpingClock implements Clock {
  offsetMs = 0;
  now = (): number => Date.now() + this.offsetMs;
  setTimeout = (callback: () => void, ms: number) => setTimeout(callback, ms);
  clearTimeout = (handle: unknown) => clearTimeout(handle as NodeJS.Timeout);
}

export interface ClockedClient {
  store: Store;
  outbox: Outbox;
  /** What the shell does on resume from sleep: queued sends go now and the stream reconnects. */
  wake(): void;
  /** Closes everything and opens it again from the same folder and key: an app restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Parts {
  store: Store;
  outbox: Outbox;
  wake(): void;
  stop(): Promise<void>;
}

export async function clockedClient(
  sandbox: RunningSandbox,
  person: TestPerson,
  clock: Clock,
  outboxOptions: Partial<Pick<OutboxOptions, 'giveUpAfterMs'>> = {},
): Promise<ClockedClient> {
  const dir = await mkdtemp(join(tmpdir(), 'tigerdesk-fault-clocked-'));
  const storeKey = randomBytes(32).toString('hex');
  const cacheKey = randomBytes(32).toString('hex');
  const open = async (): Promise<Parts> => {
    const store = openStore({ dir, key: storeKey, now: clock.now });
    const cache = new AttachmentCache({ dir: join(dir, 'attachments'), key: cacheKey });
    const api = createApiClient({
      baseUrl: sandbox.apiUrl,
      credentials: { key: person.key, secret: person.secret },
      organizationKey: sandbox.organizationKey,
      now: clock.now,
    });
    const sync = createSync({ store, cache, api, me: person.token, log: quiet, clock });
    const outbox = createOutbox({
      store, api, attachments: cache, senderToken: person.token, senderOrganization: sandbox.organizationKey,
      log: quiet, onChange: () => undefined, clock, retry: { baseMs: 50, capMs: 400 }, ...outboxOptions,
    });
    const events = createEventStream({
      request: () => api.eventStreamRequest(),
      ack: (ids) => api.ackEvents(ids),
      handle: (batch) => sync.handle(batch),
      onRemoteWipe: async () => undefined,
      log: quiet,
      heartbeatMs: 25_000,
      reconnectBackoff: { baseMs: 50, capMs: 400 },
      clock,
    });
    let replaying = false;
    events.subscribe((state) => {
      if (state.kind === 'replaying') replaying = true;
      else if (state.kind === 'live' && replaying) {
        replaying = false;
        outbox.streamCaughtUp();
      }
    });
    await sync.start();
    outbox.start();
    events.start();
    return {
      store,
      outbox,
      // As runtime.networkBack does.
      wake() {
        sync.wake();
        outbox.networkBack();
        events.kick();
      },
      async stop() {
        await events.stop();
        await outbox.stop();
        await sync.stop();
        store.close();
      },
    };
  };
  let parts = await open();
  return {
    get store() {
      return parts.store;
    },
    get outbox() {
      return parts.outbox;
    },
    wake: () => parts.wake(),
    async restart() {
      await parts.stop();
      parts = await open();
    },
    async close() {
      await parts.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
