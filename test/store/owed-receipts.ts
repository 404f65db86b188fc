import type { Store } from '../../main/core/store';

/** The tokens of every receipt the store owes, Read apart from Delivered, each in the order owed. */
export function owedTokens(store: Store): { read: string[]; delivered: string[] } {
  const { read, delivered } = store.receipts.first(Number.MAX_SAFE_INTEGER);
  return { read: read.map((row) => row.token), delivered: delivered.map((row) => row.token) };
}
