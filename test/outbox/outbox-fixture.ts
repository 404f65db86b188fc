/** A real store, a real attachment cache and a real API client around one outbox, for tests. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangeSet, MessageView } from '../../preload/contract';
import { createApiClient } from '../../main/core/api';
import type { Clock } from '../../main/core/clock';
import type { Logger } from '../../main/core/log/logger';
import { createOutbox } from '../../main/core/outbox';
import type { Outbox, OutboxOptions } from '../../main/core/outbox';
import { AttachmentCache, openStore } from '../../main/core/store';
import type { Store } from '../../main/core/store';
import { startSandbox } from '../../sandbox/index';
import type { RunningSandbox } from '../../sandbox/index';
import { newPerson } from '../sandbox/support/people';
import type { TestPerson } from '../sandbox/support/people';
import { useFixture } from '../support/hooked-fixture';

export interface OutboxHarness {
  dir: string;
  store: Store;
  cache: AttachmentCache;
  outbox: Outbox;
  changes: ChangeSet[];
  logged: { level: string; message: string; fields?: unknown }[];
  authRequired: number;
  /** Every view of the message the change sets carried, oldest first. */
  statusesOf(messageId: string): MessageView['status'][];
  close(): Promise<void>;
}

export interface HarnessOptions {
  apiUrl: string;
  key?: string;
  secret?: string;
  senderToken?: string;
  senderOrganization?: string;
  clock?: Clock;
  /** An existing account folder (to reopen after a restart). */
  dir?: string;
  storeKey?: string;
  cacheKey?: string;
  timeoutMs?: number;
  maxReplyBytes?: number;
  outbox?: Partial<Pick<OutboxOptions, 'concurrency' | 'retry' | 'giveUpAfterMs' | 'random' | 'inDoubtHoldMs'>>;
}

export const testStoreKey = randomBytes(32).toString('hex');
export const testCacheKey = randomBytes(32).toString('hex');

export function openHarness(options: HarnessOptions): OutboxHarness {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'tigerdesk-outbox-'));
  const owned = options.dir === undefined;
  const clock = options.clock;
  const store = openStore({ dir, key: options.storeKey ?? testStoreKey, ...(clock ? { now: () => clock.now() } : {}) });
  const cache = new AttachmentCache({ dir: join(dir, 'attachments'), key: options.cacheKey ?? testCacheKey });
  const api = createApiClient({
    baseUrl: options.apiUrl,
    credentials: { key: options.key ?? 'test-key', secret: options.secret ?? 'test-secret' },
    organizationKey: options.senderOrganization ?? 'org-1',
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxReplyBytes ? { maxReplyBytes: options.maxReplyBytes } : {}),
  });
  const changes: ChangeSet[] = [];
  const logged: OutboxHarness['logged'] = [];
  const log: Logger = {
    info: (message, fields) => logged.push({ level: 'info', message, fields }),
    warn: (message, fields) => logged.push({ level: 'warn', message, fields }),
    error: (message, fields) => logged.push({ level: 'error', message, fields }),
  };
  const harness: OutboxHarness = {
    dir,
    store,
    cache,
    changes,
    logged,
    authRequired: 0,
    outbox: undefined as unknown as Outbox,
    statusesOf(messageId) {
      return changes.flatMap((change) => change.messages.filter((view) => view.id === messageId).map((view) => view.status));
    },
    async close() {
      await harness.outbox.stop();
      store.close();
      if (owned) rmSync(dir, { recursive: true, force: true });
    },
  };
  harness.outbox = createOutbox({
    store,
    api,
    attachments: cache,
    senderToken: options.senderToken ?? 'me',
    senderOrganization: options.senderOrganization ?? 'org-1',
    log,
    onChange: (change) => changes.push(change),
    onAuthRequired: () => {
      harness.authRequired += 1;
    },
    ...(clock ? { clock } : {}),
    retry: { baseMs: 1_000, capMs: 60_000 },
    random: () => 0.5,
    ...options.outbox,
  });
  return harness;
}

/** Waits (real time) until `condition` holds. */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface NurseOutbox {
  sandbox: RunningSandbox;
  nurse: TestPerson;
  doctor: TestPerson;
  /** The nurse's outbox, started. */
  harness: OutboxHarness;
}

/** For each test: a sandbox of its own with a nurse and a doctor in it, and the nurse's outbox. */
export function useNurseOutbox(prefix: string): () => NurseOutbox {
  return useFixture(
    'test',
    async () => {
      const sandbox = await startSandbox({ dataDir: mkdtempSync(join(tmpdir(), prefix)) });
      const nurse = await newPerson(sandbox, 'Nurse');
      const doctor = await newPerson(sandbox, 'Doctor');
      const harness = openHarness({
        apiUrl: sandbox.apiUrl, key: nurse.key, secret: nurse.secret, senderToken: nurse.token, senderOrganization: sandbox.organizationKey,
      });
      harness.outbox.start();
      return { sandbox, nurse, doctor, harness };
    },
    async ({ sandbox, harness }) => {
      await harness.close();
      await sandbox.close();
      rmSync(sandbox.dataDir, { recursive: true, force: true });
    },
  );
}
