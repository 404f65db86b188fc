import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeValue, encodeFrame, encodeValue, mayHoldTags, parseFrame, readCallFrame, readServerFrame, WireError } from './wire';

const trip = (value: unknown): unknown => decodeValue(JSON.parse(JSON.stringify(encodeValue(value))));

// JSON-able values with bytes anywhere, and keys that look like the wire's own tags.
const key = fc.oneof(fc.string(), fc.constantFrom('$bytes', '$', '$$bytes', '$x', 'kind', '__proto__'));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false),
    fc.string(),
    fc.integer(),
    fc.uint8Array({ maxLength: 64 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}));

describe('the harness wire format', () => {
  it('carries any JSON value with bytes in it unchanged, whatever its keys look like', () => {
    fc.assert(
      fc.property(value, (original) => {
        expect(trip(original)).toEqual(original);
      }),
    );
  });

  it('needs no decoding for a frame it says holds no tag', () => {
    fc.assert(
      fc.property(value, (original) => {
        const text = encodeFrame({ kind: 'event', name: 'change', payload: original });
        const parsed = parseFrame(text);
        if (!mayHoldTags(text)) expect(decodeValue(parsed)).toEqual(parsed);
      }),
    );
    expect(mayHoldTags(encodeFrame({ kind: 'event', name: 'change', payload: { file: new Uint8Array(1) } }))).toBe(true);
    expect(mayHoldTags(encodeFrame({ kind: 'event', name: 'change', payload: { $note: 1 } }))).toBe(true);
  });

  it('gives bytes back as a Uint8Array, large ones included', () => {
    const bytes = new Uint8Array(200_000).map((_, index) => index % 251);
    const back = trip({ file: { bytes } }) as { file: { bytes: unknown } };
    expect(back.file.bytes).toBeInstanceOf(Uint8Array);
    expect(back.file.bytes).toEqual(bytes);
  });

  it('refuses a $bytes value that is not base64, and a tag it does not know', () => {
    expect(() => decodeValue({ $bytes: '***' })).toThrow(new WireError('A $bytes value is not valid base64'));
    expect(() => decodeValue({ $bytes: 7 })).toThrow(new WireError('A $bytes value is not a base64 string'));
    expect(() => decodeValue({ $other: 'x' })).toThrow(new WireError('Unknown tag $other'));
  });

  it('reads a call frame and refuses one without a whole-number id or a name', () => {
    const frame = parseFrame(encodeFrame({ kind: 'call', id: 3, name: 'roster', input: undefined }));
    expect(readCallFrame(frame)).toEqual({ kind: 'call', id: 3, name: 'roster', input: undefined });
    expect(() => readCallFrame({ kind: 'call', id: 1.5, name: 'roster' })).toThrow('The call has no whole-number id');
    expect(() => readCallFrame({ kind: 'call', id: 1 })).toThrow('The call has no name');
    expect(() => parseFrame('{')).toThrow('The frame is not JSON');
  });

  it('tells replies from events and refuses anything else', () => {
    expect(readServerFrame({ kind: 'reply', id: 1, reply: { ok: true, value: 2 } })).toEqual({ kind: 'reply', id: 1, reply: { ok: true, value: 2 } });
    expect(readServerFrame({ kind: 'event', name: 'change', payload: 1 })).toEqual({ kind: 'event', name: 'change', payload: 1 });
    expect(() => readServerFrame({ kind: 'call', id: 1, name: 'x' })).toThrow('The frame is neither a reply nor an event');
  });
});
