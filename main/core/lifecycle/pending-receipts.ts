/**
 * The receipts owed to the server, kept in the account database (store.receipts) so that none
 * is lost to a crash or a failed request: they are added in the same transaction that stores
 * the message or marks it read, and removed only once the server has taken them.
 */
import type { OwedReceipt, ReceiptFor, ReceiptsByKind, Store } from '../store';

/** Receipts a batch of writes has come to owe, by the messages they are for. */
export type PendingReceipts = ReceiptsByKind<ReceiptFor>;

/** Receipts taken from the store to send, by their rows. */
export type ReceiptBatch = ReceiptsByKind<OwedReceipt>;

export const noReceipts = (): PendingReceipts => ({ delivered: [], read: [] });

export function isEmpty(receipts: ReceiptsByKind<unknown>): boolean {
  return receipts.delivered.length === 0 && receipts.read.length === 0;
}

export function receiptCount(receipts: ReceiptsByKind<unknown>): number {
  return receipts.delivered.length + receipts.read.length;
}

/** Halves, for finding the one receipt the server refuses among many. */
export function splitReceipts<T>(batch: ReceiptsByKind<T>): [ReceiptsByKind<T>, ReceiptsByKind<T>] {
  const all = [...batch.read.map((item) => ['read', item] as const), ...batch.delivered.map((item) => ['delivered', item] as const)];
  const middle = Math.ceil(all.length / 2);
  const half = (items: typeof all): ReceiptsByKind<T> => ({
    delivered: items.filter(([kind]) => kind === 'delivered').map(([, item]) => item),
    read: items.filter(([kind]) => kind === 'read').map(([, item]) => item),
  });
  return [half(all.slice(0, middle)), half(all.slice(middle))];
}

/** The next batch to send: at most `max`, Read receipts first. */
export function nextReceipts(store: Store, max: number): ReceiptBatch {
  return store.receipts.first(max);
}

/** Call inside the transaction of the writes the receipts are owed for. */
export function owe(store: Store, added: PendingReceipts): void {
  if (!isEmpty(added)) store.receipts.owe(added);
}

/** The server has taken these: they are owed no more. */
export function settle(store: Store, sent: ReceiptBatch): void {
  store.transaction(() => store.receipts.settle(sent));
}
