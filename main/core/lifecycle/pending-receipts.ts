/**
 * The receipts owed to the server, kept in the account database (store.receipts) so that none
 * is lost to a crash or a failed request: they are added in the same transaction that stores
 * the message or marks it read, and removed only once the server has taken them.
 */
import type { OwedReceipts, Store } from '../store';

export type PendingReceipts = OwedReceipts;

export const noReceipts = (): PendingReceipts => ({ delivered: [], read: [] });

export function isEmpty(pending: PendingReceipts): boolean {
  return pending.delivered.length === 0 && pending.read.length === 0;
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

/** Everything owed, Read receipts apart from Delivered ones, each in the order owed. */
export function loadPendingReceipts(store: Store): PendingReceipts {
  return store.receipts.all();
}

/** The next batch to send: at most `max`, Read receipts first. */
export function nextReceipts(store: Store, max: number): PendingReceipts {
  return store.receipts.first(max);
}

/** Call inside the transaction of the writes the receipts are owed for. */
export function owe(store: Store, added: PendingReceipts): void {
  if (!isEmpty(added)) store.receipts.owe(added);
}

export function settle(store: Store, sent: PendingReceipts): void {
  store.transaction(() => store.receipts.settle(sent));
}
