import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { callNames, contract } from '../../preload/contract';
import type { CallName } from '../../preload/contract';
import { validCalls } from './call-examples';

const schemaOf = (name: CallName) => contract.calls[name].input as v.GenericSchema;
const objectCalls = callNames.filter((name) => {
  const example = validCalls[name];
  return typeof example === 'object' && example !== null && Object.keys(example).length > 0;
});

/** A value of another JSON type than the one given. */
function otherTypeThan(value: unknown): fc.Arbitrary<unknown> {
  const all: fc.Arbitrary<unknown>[] = [
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }),
  ];
  const typeName = (x: unknown) => (x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x);
  return fc.oneof(...all).filter((candidate) => typeName(candidate) !== typeName(value) && !(value instanceof Uint8Array));
}

describe('the contract call schemas', () => {
  it.each(callNames)('%s accepts its valid example', (name) => {
    const result = v.safeParse(schemaOf(name), validCalls[name]);
    expect(result.issues ?? []).toEqual([]);
  });

  it('never throw and never accept garbage for calls that take nothing', () => {
    for (const name of callNames.filter((n) => validCalls[n] === undefined)) {
      fc.assert(
        fc.property(fc.anything().filter((x) => x !== undefined), (junk) => {
          expect(v.safeParse(schemaOf(name), junk).success).toBe(false);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('refuse any call whose field is replaced by a value of another type', () => {
    for (const name of objectCalls) {
      const example = validCalls[name] as Record<string, unknown>;
      const fields = Object.keys(example).filter((field) => !(example[field] instanceof Uint8Array));
      const entries = (contract.calls[name].input as { entries?: Record<string, { type: string }> }).entries ?? {};
      // null is another type, but a nullable field takes it.
      const wrongFor = (field: string) =>
        otherTypeThan(example[field]).filter((wrong) => !(wrong === null && entries[field]?.type === 'nullable'));
      fc.assert(
        fc.property(
          fc.constantFrom(...fields).chain((field) => fc.tuple(fc.constant(field), wrongFor(field))),
          ([field, wrong]) => {
            expect(v.safeParse(schemaOf(name), { ...example, [field]: wrong }).success, `${name}.${field}`).toBe(false);
          },
        ),
        { numRuns: 100 },
      );
    }
  });

  it('refuse any call with a required field missing', () => {
    for (const name of objectCalls) {
      const example = validCalls[name] as Record<string, unknown>;
      for (const field of Object.keys(example)) {
        const { [field]: _dropped, ...rest } = example;
        const stillValid = v.safeParse(schemaOf(name), rest).success;
        const optional = (contract.calls[name].input as { entries?: Record<string, { type: string }> }).entries?.[field]?.type === 'optional';
        if (!optional) expect(stillValid, `${name} without ${field}`).toBe(false);
      }
    }
  });

  it('never throw on arbitrary input, whatever the call', () => {
    fc.assert(
      fc.property(fc.constantFrom(...callNames), fc.anything(), (name, junk) => {
        expect(() => v.safeParse(schemaOf(name), junk)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });

  it('bound every text: an oversized message body, server URL or query is refused', () => {
    const huge = 'x'.repeat(200_001);
    expect(v.safeParse(schemaOf('sendMessage'), { conversationId: 'c', body: huge }).success).toBe(false);
    expect(v.safeParse(schemaOf('searchMessages'), { query: huge }).success).toBe(false);
    expect(v.safeParse(schemaOf('signInWithKey'), { server: `https://${huge}.org`, key: 'k', secret: 's' }).success).toBe(false);
  });

  it('refuse a message with neither text nor attachment, and an attachment over 25 MB', () => {
    expect(v.safeParse(schemaOf('sendMessage'), { conversationId: 'c', body: '   ' }).success).toBe(false);
    const tooBig = { name: 'x.bin', contentType: 'application/octet-stream', bytes: new Uint8Array(25 * 1024 * 1024 + 1) };
    expect(
      v.safeParse(schemaOf('sendMessage'), { conversationId: 'c', body: '', attachment: { kind: 'bytes', file: tooBig } }).success,
    ).toBe(false);
  });

  it('refuse a server that is not http(s) and links that are not URLs', () => {
    expect(v.safeParse(schemaOf('signInWithKey'), { server: 'file:///etc/passwd', key: 'k', secret: 's' }).success).toBe(false);
    expect(v.safeParse(schemaOf('openExternalLink'), { url: 'not a url' }).success).toBe(false);
  });

  it('refuse metadata over 8 keys', () => {
    const values = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, 'v']));
    expect(v.safeParse(schemaOf('setMetadata'), { entity: 'group-icu', values }).success).toBe(false);
  });
});
