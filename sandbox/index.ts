import { mkdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from './app';
import type { SandboxContext, SandboxPaths } from './context';
import { openDatabase } from './db/schema';
import { DEMO_ORGANIZATION, NORTHSIDE_ORGANIZATION } from './demo/accounts';
import { startDemoResponder } from './demo/responder';
import { seedDemo, seedOrganization } from './demo/seed';
import { startExpiryTimer } from './expiry';
import { Fanout } from './fanout';
import { EventHub } from './hub';
import { Presence } from './presence';
import { createAccountStore } from './store/accounts';
import { createDistributionListStore } from './store/distribution-lists';
import { createEventStore } from './store/events';
import { createGroupStore } from './store/groups';
import { createMessageStore } from './store/messages';
import { createMetadataStore } from './store/metadata';
import { createMuteStore } from './store/mutes';
import { createRequestIdStore } from './store/request-ids';
import { createRosterStore } from './store/roster';

export interface SandboxOptions {
  /** 0 or absent: a free port. The sandbox binds 127.0.0.1 only. */
  port?: number;
  /** Absent: a temporary directory, removed on close. */
  dataDir?: string;
  /** Start from an empty database (and no stored files) in `dataDir`. */
  reset?: boolean;
  /** Interval of `sse:heartbeat` events; default 25 s. */
  heartbeatMs?: number;
  /** How long a stream stays open before the sandbox sends `reconnect` and ends it; default 7 min. */
  streamLifetimeMs?: number;
  /** Largest attachment or avatar accepted (413 above it); default 25 MB. */
  maxAttachmentBytes?: number;
  /** Seed the demo people, groups and history (once per data dir); default false. */
  seedDemo?: boolean;
  /** Let the demo responder answer messages; default: as `seedDemo`. */
  demoResponder?: boolean;
  /** Spacing of the responder's steps (delivered+typing, read, reply at 1x, 2x, 4x); default 700 ms. */
  demoResponderStepMs?: number;
  /** The sandbox clock (created times, expiry). Expiry is checked before every API call, so moving it is enough. */
  now?: () => number;
  /** How often expired messages are swept when no call arrives; default 1 s. */
  expirySweepMs?: number;
  /**
   * A send or forward repeating a `Request-ID` the account already used is answered 304 with the
   * first message's token instead of being stored again; default true. False: the header is not
   * read at all, as by a server without the feature.
   */
  deduplicateRequests?: boolean;
  /** Log internal (500) errors to stdout; the CLI turns it on. Default false. */
  logErrors?: boolean;
}

export interface RunningSandbox {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `url + '/v2'`, the API client's base URL. */
  apiUrl: string;
  dataDir: string;
  organizationKey: string;
  /** Northside Clinic, the demo's second organization (its people and history come with `seedDemo`). */
  northsideOrganizationKey: string;
  close(): Promise<void>;
}

export const DEFAULT_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
const DATABASE_FILE = 'sandbox.db';

function preparePaths(dataDir: string, reset: boolean): SandboxPaths {
  const paths: SandboxPaths = {
    dataDir,
    attachments: join(dataDir, 'attachments'),
    avatars: join(dataDir, 'avatars'),
    uploads: join(dataDir, 'uploads'),
  };
  if (reset) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, DATABASE_FILE + suffix), { force: true });
    rmSync(paths.attachments, { recursive: true, force: true });
    rmSync(paths.avatars, { recursive: true, force: true });
  }
  // Uploads left by a request cut short by a crash belong to no message.
  rmSync(paths.uploads, { recursive: true, force: true });
  for (const dir of [paths.attachments, paths.avatars, paths.uploads]) mkdirSync(dir, { recursive: true });
  return paths;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'tigerdesk-sandbox-')));
  mkdirSync(dataDir, { recursive: true });
  const paths = preparePaths(dataDir, options.reset === true);
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  const now = options.now ?? Date.now;
  const accounts = createAccountStore(db);
  const events = createEventStore(db);
  const hub = new EventHub({
    events,
    heartbeatMs: options.heartbeatMs ?? 25_000,
    streamLifetimeMs: options.streamLifetimeMs ?? 7 * 60_000,
    now,
  });
  let baseUrl = '';
  const ctx: SandboxContext = {
    db,
    accounts,
    messages: createMessageStore(db),
    groups: createGroupStore(db),
    distributionLists: createDistributionListStore(db),
    events,
    roster: createRosterStore(db),
    metadata: createMetadataStore(db),
    mutes: createMuteStore(db),
    requestIds: createRequestIdStore(db),
    hub,
    fanout: new Fanout(db, accounts, events, hub),
    paths,
    now,
    maxAttachmentBytes: options.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES,
    deduplicateRequests: options.deduplicateRequests ?? true,
    organizationKey: DEMO_ORGANIZATION.token,
    baseUrl: () => baseUrl,
    messageListeners: [],
  };
  const presence = new Presence(ctx);
  hub.listen(presence);
  seedOrganization(ctx);
  if (options.seedDemo === true) seedDemo(ctx);
  const stopResponder =
    (options.demoResponder ?? options.seedDemo === true)
      ? startDemoResponder(ctx, options.demoResponderStepMs ?? 700)
      : () => {};
  const stopExpiry = startExpiryTimer(ctx, options.expirySweepMs ?? 1000);
  const app = await buildApp(ctx, { logErrors: options.logErrors === true });
  try {
    await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  } catch (error) {
    presence.stop();
    stopExpiry();
    stopResponder();
    hub.close();
    db.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  baseUrl = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/v2`,
    dataDir,
    organizationKey: ctx.organizationKey,
    northsideOrganizationKey: NORTHSIDE_ORGANIZATION.token,
    close() {
      closed ??= (async () => {
        presence.stop();
        stopExpiry();
        stopResponder();
        hub.close();
        await app.close();
        db.close();
        if (temporary) await rm(dataDir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}
