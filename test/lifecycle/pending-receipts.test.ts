import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addReceipts, firstReceipts, receiptCount, removeReceipts, splitReceipts } from '../../main/core/lifecycle/pending-receipts';

const tokens = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 6 });
const pendingArbitrary = fc.record({ delivered: tokens, read: tokens }).map((p) => addReceipts({ delivered: [], read: [] }, p));

describe('the receipts owed', () => {
  it('lets a Read receipt stand for the Delivered one of the same message', () => {
    expect(addReceipts({ delivered: ['a', 'b'], read: [] }, { delivered: ['c'], read: ['a'] })).toEqual({ delivered: ['b', 'c'], read: ['a'] });
    expect(addReceipts({ delivered: [], read: ['a'] }, { delivered: ['a'], read: [] })).toEqual({ delivered: [], read: ['a'] });
  });

  it('owes each receipt once, however often it is added (property)', () => {
    fc.assert(fc.property(pendingArbitrary, pendingArbitrary, (held, added) => {
      const once = addReceipts(held, added);
      expect(addReceipts(once, added)).toEqual(once);
      expect(new Set(once.delivered).size).toBe(once.delivered.length);
      expect(once.delivered.some((token) => once.read.includes(token))).toBe(false);
    }));
  });

  it('takes Read receipts first into a batch of at most the given size', () => {
    expect(firstReceipts({ delivered: ['d1', 'd2'], read: ['r1'] }, 2)).toEqual({ read: ['r1'], delivered: ['d1'] });
  });

  it('splits a batch into two halves that together hold exactly it (property)', () => {
    fc.assert(fc.property(pendingArbitrary.filter((p) => receiptCount(p) > 1), (batch) => {
      const [left, right] = splitReceipts(batch);
      expect(receiptCount(left)).toBeGreaterThan(0);
      expect(receiptCount(right)).toBeGreaterThan(0);
      expect(receiptCount(left) + receiptCount(right)).toBe(receiptCount(batch));
      expect(removeReceipts(removeReceipts(batch, left), right)).toEqual({ delivered: [], read: [] });
    }));
  });

  it('keeps receipts owed after a batch was taken if they were not in it', () => {
    expect(removeReceipts({ delivered: ['a', 'new'], read: ['r'] }, { delivered: ['a'], read: [] })).toEqual({ delivered: ['new'], read: ['r'] });
  });
});
