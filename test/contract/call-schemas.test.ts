import { lockState } from '../support/view-builders';
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

  it('take a server as people type it, a host alone included, and leave reading it to main', () => {
    for (const server of ['tigertext.example.org', 'tigertext.example.org:8443', 'https://tigertext.example.org', 'HTTPS://h/custom/path/', 'http://127.0.0.1:7443']) {
      expect(v.safeParse(schemaOf('signInWithPassword'), { server, userId: 'ada', password: 'pw' }).success, server).toBe(true);
    }
  });

  it('refuse a server that cannot be an address, saying why', () => {
    const issues = (server: string) => {
      const parsed = v.safeParse(schemaOf('signInWithKey'), { server, key: 'k', secret: 's' });
      return parsed.success ? null : v.summarize(parsed.issues);
    };
    expect(issues('')).toContain('Enter the server address');
    expect(issues('tigertext example org')).toContain('A server address has no spaces');
    expect(issues(' tigertext.example.org')).toContain('A server address has no spaces');
    expect(issues('ftp://tigertext.example.org')).toContain('The server must be an http(s) URL, or a host alone');
  });

  it('ask for an avatar only of a person or a group, by a bounded token', () => {
    expect(v.safeParse(schemaOf('avatar'), { kind: 'group', token: 'group-icu' }).success).toBe(true);
    expect(v.safeParse(schemaOf('avatar'), { kind: 'url', token: 'https://cdn.example/a.png' }).success).toBe(false);
    expect(v.safeParse(schemaOf('avatar'), { kind: 'person', token: '' }).success).toBe(false);
    expect(v.safeParse(schemaOf('avatar'), { kind: 'person', token: 'x'.repeat(201) }).success).toBe(false);
    expect(v.safeParse(schemaOf('avatar'), { kind: 'person' }).success).toBe(false);
  });

  it('answer an avatar as image bytes or nothing, never as an address', () => {
    const output = contract.calls.avatar.output;
    expect(v.safeParse(output, { bytes: new Uint8Array([137, 80, 78, 71]), contentType: 'image/png' }).success).toBe(true);
    expect(v.safeParse(output, null).success).toBe(true);
    expect(v.safeParse(output, 'https://cdn.example/a.png').success).toBe(false);
    expect(v.safeParse(output, { bytes: [137, 80], contentType: 'image/png' }).success).toBe(false);
  });

  it('list pending member changes as add or remove of a person', () => {
    const person = { token: 'user-dee', name: 'Dee', title: null, department: null, avatar: null, presence: 'unknown', dnd: false };
    const output = contract.calls.pendingMemberChanges.output;
    expect(v.safeParse(output, [{ person, change: 'add', failed: false }]).success).toBe(true);
    expect(v.safeParse(output, [{ person, change: 'rename', failed: false }]).success).toBe(false);
    expect(v.safeParse(schemaOf('pendingMemberChanges'), { groupId: '' }).success).toBe(false);
  });

  it('tell a signed-in account that could not be opened with its reason, as a catalog key and its parameters', () => {
    const account = { id: 'user-ada', displayName: 'Ada', server: 'http://127.0.0.1:7443/v2', active: true };
    for (const schema of [contract.calls.sessionState.output, contract.events.session]) {
      const lock = lockState();
      expect(v.safeParse(schema, { kind: 'signed-in', account, lock, unavailable: { key: 'account.open-elsewhere', params: { pid: 7 } } }).success).toBe(true);
      // A sentence is not what main sends, nor a key the catalogs lack.
      expect(v.safeParse(schema, { kind: 'signed-in', account, lock, unavailable: 'This account is open in another TigerDesk process (pid 7).' }).success).toBe(false);
      expect(v.safeParse(schema, { kind: 'signed-in', account, lock, unavailable: { key: 'account.no-such-key' } }).success).toBe(false);
      expect(v.safeParse(schema, { kind: 'signed-in', account, lock }).success).toBe(true);
      expect(v.safeParse(schema, { kind: 'signed-in', account, lock, unavailable: 7 }).success).toBe(false);
      // The lock is always told: a window that did not know it would show the account's data.
      expect(v.safeParse(schema, { kind: 'signed-in', account }).success).toBe(false);
    }
  });

  it('refuse metadata over 8 keys', () => {
    const values = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, 'v']));
    expect(v.safeParse(schemaOf('setMetadata'), { entity: 'group-icu', values }).success).toBe(false);
  });
});
