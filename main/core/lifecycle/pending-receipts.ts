/**
 * The receipts owed to the server, kept in the account database (settings) so that none is
 * lost to a crash or a failed request: they are added in the same transaction that stores
 * the message or marks it read, and removed only once the server has taken them.
 */
import * as v from 'valibot';
import type { Store } from '../store';
import type { Logger } from '../log/logger';

export const PENDING_RECEIPTS_SETTING = 'sync.pending-receipts';

export interface PendingReceipts {
  delivered: string[];
  read: string[];
}

const pendingSchema = v.object({
  delivered: v.array(v.pipe(v.string(), v.nonEmpty())),
  read: v.array(v.pipe(v.string(), v.nonEmpty())),
});

export const noReceipts = (): PendingReceipts => ({ delivered: [], read: [] });

export function isEmpty(pending: PendingReceipts): boolean {
  return pending.delivered.length === 0 && pending.read.length === 0;
}

/** A Read receipt makes a Delivered one for the same message needless. */
export function addReceipts(held: PendingReceipts, added: PendingReceipts): PendingReceipts {
  const read = new Set([...held.read, ...added.read]);
  const delivered = new Set([...held.delivered, ...added.delivered].filter((token) => !read.has(token)));
  return { delivered: [...delivered], read: [...read] };
}

export function removeReceipts(held: PendingReceipts, sent: PendingReceipts): PendingReceipts {
  const deliveredSent = new Set(sent.delivered);
  const readSent = new Set(sent.read);
  return {
    delivered: held.delivered.filter((token) => !deliveredSent.has(token)),
    read: held.read.filter((token) => !readSent.has(token)),
  };
}

/** The first `max` receipts, Read ones first (the sender is waiting to see them). */
export function firstReceipts(held: PendingReceipts, max: number): PendingReceipts {
  const read = held.read.slice(0, max);
  return { read, delivered: held.delivered.slice(0, max - read.length) };
}

export function receiptCount(pending: PendingReceipts): number {
  return pending.delivered.length + pending.read.length;
}

/** Halves, for finding the one receipt the server refuses among many. */
export function splitReceipts(pending: PendingReceipts): [PendingReceipts, PendingReceipts] {
  const all = [...pending.read.map((t) => ['read', t] as const), ...pending.delivered.map((t) => ['delivered', t] as const)];
  const middle = Math.ceil(all.length / 2);
  const half = (items: typeof all): PendingReceipts => ({
    delivered: items.filter(([kind]) => kind === 'delivered').map(([, token]) => token),
    read: items.filter(([kind]) => kind === 'read').map(([, token]) => token),
  });
  return [half(all.slice(0, middle)), half(all.slice(middle))];
}

/** Reads what is owed; a stored value that is not in the expected shape is logged and counts as nothing. */
export function loadPendingReceipts(store: Store, log: Logger): PendingReceipts {
  const stored = store.settings.get(PENDING_RECEIPTS_SETTING);
  if (stored === undefined) return noReceipts();
  const parsed = v.safeParse(pendingSchema, stored);
  if (parsed.success) return parsed.output;
  log.error('the stored pending receipts are unreadable and were dropped', { setting: PENDING_RECEIPTS_SETTING });
  return noReceipts();
}

/** Call inside the transaction of the writes the receipts are owed for. */
export function owe(store: Store, added: PendingReceipts, log: Logger): void {
  if (isEmpty(added)) return;
  store.settings.set(PENDING_RECEIPTS_SETTING, addReceipts(loadPendingReceipts(store, log), added));
}

export function settle(store: Store, sent: PendingReceipts, log: Logger): void {
  store.transaction(() => {
    const left = removeReceipts(loadPendingReceipts(store, log), sent);
    if (isEmpty(left)) store.settings.delete(PENDING_RECEIPTS_SETTING);
    else store.settings.set(PENDING_RECEIPTS_SETTING, left);
  });
}
