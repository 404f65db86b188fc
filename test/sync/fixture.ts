/**
 * A real encrypted store and attachment cache in a temporary folder, a manual clock, a
 * logger that keeps its records, and stream events built by the real event parser.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEventObject } from '../../main/core/events/event-parser';
import type { SyncEvent } from '../../main/core/events/event-stream';
import { createLogger, type LogRecord } from '../../main/core/log/logger';
import { AttachmentCache, openStore, type Store } from '../../main/core/store';
import { ManualClock } from '../support/manual-clock';

export const ME = 'user-me';
export const ALICE = 'user-alice';
export const BOB = 'user-bob';
export const GROUP = 'group-ward-7';

export interface Local {
  dir: string;
  store: Store;
  cache: AttachmentCache;
  clock: ManualClock;
  records: LogRecord[];
  log: ReturnType<typeof createLogger>;
  close(): Promise<void>;
}

/** `unencrypted`: the store's files are plain SQLite, for tests that read their bytes. */
export async function openLocal(options: { unencrypted?: boolean } = {}): Promise<Local> {
  const dir = await mkdtemp(join(tmpdir(), 'tigerdesk-sync-'));
  const clock = new ManualClock();
  const now = () => clock.now();
  const store = options.unencrypted === true
    ? openStore({ dir: join(dir, 'account'), key: null, unencryptedForTestsOnly: true, now })
    : openStore({ dir: join(dir, 'account'), key: randomBytes(32).toString('hex'), now });
  const cache = new AttachmentCache({ dir: join(dir, 'account', 'attachments'), key: randomBytes(32).toString('hex') });
  const records: LogRecord[] = [];
  const log = createLogger('sync', (record) => records.push(record), () => clock.now());
  return {
    dir,
    store,
    cache,
    clock,
    records,
    log,
    async close() {
      store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let eventCounter = 0;

/** A stream event as the real parser reads it from the wire's JSON. */
export function streamEvent(name: SyncEvent['name'], payload: unknown, eventId = `ev-${++eventCounter}`): SyncEvent {
  const parsed = parseEventObject({ event_id: eventId, event: { [`tigertext:iq:${name}`]: payload } });
  if (!parsed.ok) throw new Error(`test event does not parse: ${parsed.reason}`);
  return parsed as SyncEvent;
}

export interface WireMessageFields {
  token: string;
  from: string;
  to: string;
  body?: string;
  group?: string;
  createdAt: number;
  ttl?: number;
  dor?: boolean;
  priority?: -1 | 0 | 1;
  status?: 'New' | 'Delivered' | 'Read';
  clientId?: string;
  attachment?: { name: string; contentType: string; size: number };
  recalled?: boolean;
  /** sender_organization (recipient_organization defaults to it, as on the server). */
  organization?: string;
}

/** A message as the server sends it (API.md, "Messages"). */
export function wireMessage(fields: WireMessageFields): Record<string, unknown> {
  return {
    message_id: fields.token,
    sender_token: fields.from,
    recipient_token: fields.to,
    ...(fields.group === undefined ? {} : { group_token: fields.group }),
    ...(fields.organization === undefined ? {} : { sender_organization: fields.organization, recipient_organization: fields.organization }),
    body: fields.body ?? `body of ${fields.token}`,
    created_time: new Date(fields.createdAt).toISOString(),
    ttl: fields.ttl ?? -1,
    dor: fields.dor ?? false,
    priority: fields.priority ?? 0,
    status: fields.status ?? 'New',
    attachments: fields.attachment === undefined
      ? []
      : [{ attachment_id: `${fields.token}-a1`, 'content-type': fields.attachment.contentType, size: fields.attachment.size }],
    ...(fields.attachment === undefined ? {} : { attachment_name: fields.attachment.name }),
    data: fields.clientId === undefined ? [] : [{ namespace: 'tigerdesk:client-id', mimetype: 'text/plain', payload: fields.clientId }],
    is_recalled: fields.recalled ?? false,
  };
}

export function messageEvent(fields: WireMessageFields, eventId?: string): SyncEvent {
  return streamEvent(fields.group === undefined ? 'message' : 'group_message', wireMessage(fields), eventId);
}

export function rowCount(store: Store, table: string): number {
  return (store.statements.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
