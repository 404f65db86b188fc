import fc from 'fast-check';
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

  it('finds the same first byte past the cap as a byte-by-byte count, however the stream is cut into chunks', () => {
    const pieces = fc.constantFrom('data:', 'abc', ':', ': ping', '\n', '\r', '\r\n', '\n\n', 'x'.repeat(7));
    fc.assert(fc.property(fc.array(pieces, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 1, max: 24 }), (parts, cuts, cap) => {
      const stream = bytes(parts.join(''));
      const expected = countByteByByte(stream, cap);
      const guard = createEventSizeGuard(cap);
      const ends = [...new Set(cuts.map((cut) => cut % (stream.length + 1)))].sort((a, b) => a - b);
      let start = 0;
      for (const end of [...ends, stream.length]) {
        const found = guard.take(stream.subarray(start, end));
        if (found !== undefined) {
          expect({ at: start + found.keep, reason: found.reason }).toEqual(expected);
          return;
        }
        start = end;
      }
      expect(expected).toBeUndefined();
    }));
  });

  it('refuses a cap that is not a whole number of bytes', () => {
    expect(() => createEventSizeGuard(0)).toThrow('maxEventBytes must be a whole number of bytes, 1 or more');
    expect(() => createEventSizeGuard(2.5)).toThrow(RangeError);
  });
});

/** The rule read one byte at a time: where (and why) the stream first passes the cap. */
function countByteByByte(stream: Uint8Array, cap: number): { at: number; reason: string } | undefined {
  let line = 0;
  let event = 0;
  let atLineStart = true;
  let inComment = false;
  let afterCR = false;
  for (let at = 0; at < stream.length; at += 1) {
    const byte = stream[at]!;
    if (byte === 0x0a && afterCR) {
      afterCR = false;
      continue;
    }
    afterCR = byte === 0x0d;
    if (byte === 0x0a || byte === 0x0d) {
      if (atLineStart) event = 0;
      line = 0;
      atLineStart = true;
      continue;
    }
    if (atLineStart) {
      inComment = byte === 0x3a;
      atLineStart = false;
    }
    line += 1;
    if (line > cap) return { at, reason: lineOver(cap, 0).reason };
    if (!inComment) {
      event += 1;
      if (event > cap) return { at, reason: eventOver(cap, 0).reason };
    }
  }
  return undefined;
}
