import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packArgs, unpackArgs } from '../desktop/ipc-wire';
import { decodeValue, encodeFrame, encodeValue, mayHoldTags, parseFrame, readInvokeFrame, readServerFrame, WireError } from './wire';

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

  it('needs no decoding for a text it says holds no tag', () => {
    fc.assert(
      fc.property(value, (original) => {
        const text = JSON.stringify(encodeValue(original));
        const parsed = parseFrame(text);
        if (!mayHoldTags(text)) expect(decodeValue(parsed)).toEqual(parsed);
      }),
    );
    expect(mayHoldTags(JSON.stringify(encodeValue({ file: new Uint8Array(1) })))).toBe(true);
    expect(mayHoldTags(JSON.stringify(encodeValue({ $note: 1 })))).toBe(true);
  });

  it('carries IPC arguments by position, undefined ones included, as a structured clone keeps them', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(value, fc.constant(undefined)), { maxLength: 4 }), (args) => {
        expect(unpackArgs(packArgs(args))).toEqual(args);
      }),
    );
    expect(unpackArgs(packArgs([undefined]))).toEqual([undefined]);
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

  it('reads an invoke frame and refuses one without a whole-number id, a channel or packed arguments', () => {
    const frame = parseFrame(encodeFrame({ kind: 'invoke', id: 3, channel: 'tiger:call:roster', args: packArgs([undefined]) }));
    expect(readInvokeFrame(frame)).toEqual({ kind: 'invoke', id: 3, channel: 'tiger:call:roster', args: packArgs([undefined]) });
    expect(() => readInvokeFrame({ kind: 'invoke', id: 1.5, channel: 'x', args: '' })).toThrow('The invoke has no whole-number id');
    expect(() => readInvokeFrame({ kind: 'invoke', id: 1, args: '' })).toThrow('The invoke has no channel');
    expect(() => readInvokeFrame({ kind: 'invoke', id: 1, channel: 'x', args: [] })).toThrow('The invoke has no packed arguments');
    expect(() => parseFrame('{')).toThrow('The frame is not JSON');
  });

  it('tells replies from deliveries and refuses anything else', () => {
    expect(readServerFrame({ kind: 'reply', id: 1, reply: '{"ok":true}' })).toEqual({ kind: 'reply', id: 1, reply: '{"ok":true}' });
    expect(readServerFrame({ kind: 'deliver', batch: '[]' })).toEqual({ kind: 'deliver', batch: '[]' });
    expect(() => readServerFrame({ kind: 'invoke', id: 1, channel: 'x', args: '' })).toThrow('The frame is neither a reply nor a delivery');
    expect(() => readServerFrame({ kind: 'reply', id: 1, reply: { ok: true } })).toThrow('The frame is neither a reply nor a delivery');
  });
});
