import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { receiptCount, splitReceipts } from '../../main/core/lifecycle/pending-receipts';

const rows = fc.uniqueArray(fc.record({ id: fc.nat(), token: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f') }), { maxLength: 6, selector: (row) => row.id });
const batchArbitrary = fc.record({ delivered: rows, read: rows });

describe('a batch of receipts', () => {
  it('splits into two halves that together hold exactly it (property)', () => {
    fc.assert(fc.property(batchArbitrary.filter((p) => receiptCount(p) > 1), (batch) => {
      const [left, right] = splitReceipts(batch);
      expect(receiptCount(left)).toBeGreaterThan(0);
      expect(receiptCount(right)).toBeGreaterThan(0);
      expect(receiptCount(left) + receiptCount(right)).toBe(receiptCount(batch));
      expect([...left.read, ...right.read]).toEqual(batch.read);
      expect([...left.delivered, ...right.delivered]).toEqual(batch.delivered);
    }));
  });
});
