import { describe, expect, it } from 'vitest';
import { userText } from '../../i18n/user-text';
import { createEventSizeGuard } from '../../main/core/events/event-size-guard';

const bytes = (text: string) => new TextEncoder().encode(text);
const lineOver = (cap: number, keep: number) => ({
  reason: `a line of the event stream is longer than the cap of ${cap} bytes`, said: userText('connection.line-too-long', { bytes: cap }), keep,
});
const eventOver = (cap: number, keep: number) => ({
  reason: `an event of the event stream is larger than the cap of ${cap} bytes`, said: userText('connection.event-too-large', { bytes: cap }), keep,
});

describe('the event size guard', () => {
  it('lets a line of exactly the cap through and refuses one byte more, across chunks', () => {
    const guard = createEventSizeGuard(10);
    expect(guard.take(bytes('data: '))).toBeUndefined();
    expect(guard.take(bytes('abcd'))).toBeUndefined();
    expect(guard.take(bytes('e'))).toEqual(lineOver(10, 0));
  });

  it('counts an event across its lines, and starts again after the blank line', () => {
    const guard = createEventSizeGuard(20);
    expect(guard.take(bytes('data:1234\ndata:\n\n'))).toBeUndefined();
    expect(guard.take(bytes('data:1234\ndata:1234\n\ndata:1234\n\n'))).toBeUndefined();
    expect(guard.take(bytes('data:1234\ndata:1234567'))).toEqual(eventOver(20, 21));
  });

  it('takes CRLF as one line break, not as a line break and a blank line', () => {
    const guard = createEventSizeGuard(10);
    expect(guard.take(bytes('data:1234\r'))).toBeUndefined();
    // The LF in the next chunk still belongs to the CR before it: the event goes on.
    expect(guard.take(bytes('\ndata:12'))).toEqual(eventOver(10, 2));
    const crOnly = createEventSizeGuard(10);
    expect(crOnly.take(bytes('data:1234\r\rdata:1234\r\r'))).toBeUndefined();
  });

  it('does not count comments toward the event, but does cap a comment line', () => {
    const guard = createEventSizeGuard(10);
    expect(guard.take(bytes('data:1234\n'))).toBeUndefined();
    for (let n = 0; n < 100; n += 1) expect(guard.take(bytes(': ping\n'))).toBeUndefined();
    expect(guard.take(bytes('\n:12345678901'))).toEqual(lineOver(10, 11));
  });

  it('refuses a cap that is not a whole number of bytes', () => {
    expect(() => createEventSizeGuard(0)).toThrow('maxEventBytes must be a whole number of bytes, 1 or more');
    expect(() => createEventSizeGuard(2.5)).toThrow(RangeError);
  });
});
