import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceStatus } from '../../main/core/store';
import type { MessageStatus } from '../../main/core/store';

const status = fc.constantFrom<MessageStatus>('queued', 'sending', 'sent', 'delivered', 'read', 'failed');
const order: MessageStatus[] = ['queued', 'sending', 'sent', 'delivered', 'read'];
const isRetry = (from: MessageStatus, to: MessageStatus) => from === 'failed' && to === 'queued';

describe('advancing the send state', () => {
  it('never moves backward along queued, sending, sent, delivered, read, whatever reports arrive', () => {
    fc.assert(
      fc.property(status, fc.array(status, { maxLength: 30 }), (start, reports) => {
        let current = start;
        for (const next of reports) {
          const result = advanceStatus(current, next);
          if (current !== 'failed' && result !== 'failed') {
            expect(order.indexOf(result)).toBeGreaterThanOrEqual(order.indexOf(current));
          }
          current = result;
        }
      }),
    );
  });

  it('reaches failed only from queued or sending', () => {
    fc.assert(
      fc.property(status, status, (current, next) => {
        const result = advanceStatus(current, next);
        if (result === 'failed' && current !== 'failed') expect(['queued', 'sending']).toContain(current);
      }),
    );
  });

  it('leaves failed only by a retry, which returns it to queued', () => {
    fc.assert(
      fc.property(status, (next) => {
        expect(advanceStatus('failed', next)).toBe(next === 'queued' ? 'queued' : 'failed');
      }),
    );
  });

  it('gives either the current or the reported status, and a replayed report changes nothing', () => {
    fc.assert(
      fc.property(status, status, (current, next) => {
        const result = advanceStatus(current, next);
        expect([current, next]).toContain(result);
        expect(advanceStatus(result, next)).toBe(isRetry(current, next) ? 'queued' : result);
      }),
    );
  });

  it('takes every forward step it is given', () => {
    expect(advanceStatus('queued', 'sending')).toBe('sending');
    expect(advanceStatus('sending', 'sent')).toBe('sent');
    expect(advanceStatus('sent', 'read')).toBe('read');
    expect(advanceStatus('read', 'delivered')).toBe('read');
    expect(advanceStatus('sent', 'failed')).toBe('sent');
  });
});
