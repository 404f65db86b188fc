import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_PREFIX, parseEventData, type ParsedEvent } from '../../main/core/events/event-parser';
import type { EventName } from '../../main/core/events/event-payloads';

function wire(eventId: string, name: string, payload: unknown): string {
  return JSON.stringify({ event_id: eventId, event: { [EVENT_PREFIX + name]: payload } });
}

function only(data: string): ParsedEvent {
  const events = parseEventData(data);
  expect(events).toHaveLength(1);
  return events[0] as ParsedEvent;
}

const message = {
  message_id: 'msg-1',
  sender_token: 'alice',
  recipient_token: 'bob',
  body: 'Patient in bed 4 needs a review',
  created_time: '2026-11-26T06:00:00.000Z',
  ttl: 1440,
  dor: false,
  priority: 0,
};

describe('event parser', () => {
  it('reads a message event into the normalised message', () => {
    const event = only(wire('e1', 'message', { ...message, message_id: undefined, client_id: 'msg-1', sender_token: undefined, sender: 'alice' }));
    expect(event).toEqual({
      ok: true,
      eventId: 'e1',
      name: 'message',
      payload: { ...message, attachments: [], data: [], is_recalled: false },
    });
  });

  it('reads each kind of event API.md lists', () => {
    const cases: [EventName, unknown, unknown][] = [
      ['group_message', { ...message, group_token: 'g1' }, { group_token: 'g1' }],
      ['message:status', { client_id: 'm', account_id: 'a', status: 'delivered', timestamp: 't' }, { status: 'Delivered', is_recalled: false }],
      ['group:message:status', { client_id: 'm', is_recalled: true }, { client_id: 'm', is_recalled: true }],
      ['message:is_typing', { sender_token: 'alice', group_token: 'g1', status: 'typing' }, { status: 'typing' }],
      ['presence', { from: 'alice', type: 'available' }, { type: 'available' }],
      ['bang', { event: 'added', subject_entity: { token: 'bob' }, target_entity: 'g1', caller_entity: 'alice' }, { subject_entity: 'bob' }],
      ['update', { type: 'user', token: 'alice', display_name: 'Alice' }, { display_name: 'Alice' }],
      ['client_advisory', { advisory: { name: 'replay_start', replay_message_count: '12' } }, { advisory: { name: 'replay_start', replay_message_count: 12 } }],
      ['reconnect', {}, {}],
      ['sse:heartbeat', null, null],
      ['remote_wipe', 'anything at all', 'anything at all'],
    ];
    for (const [name, payload, expected] of cases) {
      const event = only(wire(`id-${name}`, name, payload));
      expect(event.ok, name).toBe(true);
      if (!event.ok) continue;
      expect(event.name).toBe(name);
      expect(event.eventId).toBe(`id-${name}`);
      if (expected !== null && typeof expected === 'object') expect(event.payload).toMatchObject(expected);
      else expect(event.payload).toEqual(expected);
    }
  });

  it('reads several objects from one data, one per line, in order', () => {
    const data = [wire('a', 'presence', { from: 'x', type: 'available' }), '', wire('b', 'sse:heartbeat', {}), wire('c', 'reconnect', {})].join('\n');
    expect(parseEventData(data).map((e) => e.ok && e.eventId)).toEqual(['a', 'b', 'c']);
  });

  it('reads one object that was pretty-printed over several lines', () => {
    const data = JSON.stringify({ event_id: 'p', event: { [`${EVENT_PREFIX}presence`]: { from: 'x', type: 'unavailable' } } }, null, 2);
    expect(data.split('\n').length).toBeGreaterThan(3);
    expect(only(data)).toMatchObject({ ok: true, eventId: 'p', name: 'presence' });
  });

  it('gives nothing for empty data', () => {
    expect(parseEventData('')).toEqual([]);
    expect(parseEventData(' \n \n')).toEqual([]);
  });

  it('rejects broken lines alone and keeps the good ones around them', () => {
    const data = [wire('a', 'reconnect', {}), '{"event_id": "b", "event": {', wire('c', 'reconnect', {})].join('\n');
    expect(parseEventData(data)).toEqual([
      { ok: true, eventId: 'a', name: 'reconnect', payload: {} },
      { ok: false, eventId: 'b', reason: 'not valid JSON' },
      { ok: true, eventId: 'c', name: 'reconnect', payload: {} },
    ]);
  });

  it('does not take an event id quoted inside a string of broken JSON', () => {
    const broken = '{"body": "see \\"event_id\\": \\"x\\"", ';
    expect(only(broken)).toEqual({ ok: false, reason: 'not valid JSON' });
  });

  it('names what is wrong with an envelope', () => {
    expect(only('[1, 2]')).toEqual({ ok: false, reason: 'not a JSON object' });
    expect(only('{"event": {}}')).toEqual({ ok: false, reason: 'missing event_id' });
    expect(only('{"event_id": 7, "event": {}}')).toEqual({ ok: false, reason: 'missing event_id' });
    expect(only('{"event_id": "e"}')).toEqual({ ok: false, eventId: 'e', reason: 'missing event object' });
    expect(only('{"event_id": "e", "event": {"other": 1}}')).toEqual({ ok: false, eventId: 'e', reason: `no ${EVENT_PREFIX} key in event` });
    expect(only(JSON.stringify({ event_id: 'e', event: { [`${EVENT_PREFIX}presence`]: {}, [`${EVENT_PREFIX}bang`]: {} } }))).toEqual({
      ok: false,
      eventId: 'e',
      reason: `2 ${EVENT_PREFIX} keys in one event`,
    });
    expect(only(wire('e', 'telepathy', {}))).toEqual({ ok: false, eventId: 'e', reason: 'unknown event "telepathy"' });
    expect(only(wire('e', 'bad name\u0000with nul', {}))).toEqual({ ok: false, eventId: 'e', reason: 'unknown event (unprintable name)' });
  });

  it('names the field of a payload of the wrong shape, keeping the id so it can be acknowledged', () => {
    expect(only(wire('e', 'message', { ...message, created_time: undefined }))).toEqual({
      ok: false,
      eventId: 'e',
      reason: 'message: created_time: missing',
    });
    expect(only(wire('e', 'presence', { from: 'x', type: 'away' }))).toEqual({
      ok: false,
      eventId: 'e',
      reason: 'presence: type: expected ("available" | "unavailable")',
    });
    expect(only(wire('e', 'message:status', { client_id: 'm' }))).toEqual({
      ok: false,
      eventId: 'e',
      reason: 'message:status: needs a status or is_recalled',
    });
  });

  it('never puts a received value in a reason', () => {
    const secret = 'SECRET-DIAGNOSIS-7731';
    const attempts: [EventName, unknown][] = [
      ['message', { ...message, body: { text: secret } }],
      ['message', { ...message, priority: secret }],
      ['message', { ...message, created_time: [secret] }],
      ['message:status', { client_id: 'm', status: secret }],
      ['presence', { from: 'a', type: secret }],
      ['bang', { event: secret, subject_entity: 'a', target_entity: 'b' }],
    ];
    for (const [name, payload] of attempts) {
      const event = only(wire('e', name, payload));
      expect(event.ok).toBe(false);
      if (!event.ok) expect(event.reason).not.toContain(secret);
    }
  });
});

const token = fc.string({ minLength: 1, maxLength: 12 });
const optionalOf = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const plainKey = fc.stringMatching(/^[a-z][a-z_]{0,9}$/);

const messagePayload = fc.record({
  message_id: token,
  sender_token: token,
  recipient_token: token,
  group_token: optionalOf(token),
  body: fc.string(),
  created_time: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  ttl: optionalOf(fc.integer({ min: -1, max: 100_000 })),
  dor: fc.boolean(),
  priority: fc.constantFrom(-1, 0, 1),
  status: optionalOf(fc.constantFrom('New', 'Delivered', 'Read')),
  attachments: fc.array(fc.record({ attachment_id: token, content_type: fc.constantFrom('image/png', 'application/pdf'), size: fc.nat() }), { maxLength: 2 }),
  data: fc.array(fc.record({ namespace: fc.string(), mimetype: fc.string(), payload: fc.string() }), { maxLength: 2 }),
  is_recalled: fc.boolean(),
});

const statusPayload = fc.oneof(
  fc.record({ client_id: token, account_id: optionalOf(token), status: fc.constantFrom('New', 'Delivered', 'Read'), timestamp: optionalOf(fc.string()), is_recalled: fc.boolean() }),
  fc.record({ client_id: token, is_recalled: fc.constant(true) }),
);

/** Well-formed events of every kind, as [name, payload] with payloads already in their parsed form. */
const wellFormed: fc.Arbitrary<[EventName, unknown]> = fc.oneof(
  fc.tuple(fc.constantFrom('message' as const, 'group_message' as const), messagePayload),
  fc.tuple(fc.constantFrom('message:status' as const, 'group:message:status' as const), statusPayload),
  fc.tuple(fc.constant('message:is_typing' as const), fc.record({ sender_token: token, group_token: optionalOf(token), status: optionalOf(fc.string()) })),
  fc.tuple(fc.constant('presence' as const), fc.record({ from: token, type: fc.constantFrom('available', 'unavailable') })),
  fc.tuple(fc.constant('bang' as const), fc.record({ event: fc.constantFrom('added', 'removed'), subject_entity: token, target_entity: token, caller_entity: optionalOf(token) })),
  fc.tuple(
    fc.constant('update' as const),
    fc.tuple(token, fc.dictionary(plainKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })).map(([type, fields]) => ({ ...fields, type })),
  ),
  fc.tuple(fc.constant('client_advisory' as const), fc.record({ advisory: fc.record({ name: token, replay_message_count: optionalOf(fc.nat()) }) })),
  fc.tuple(fc.constantFrom('reconnect' as const, 'sse:heartbeat' as const, 'remote_wipe' as const), fc.jsonValue({ maxDepth: 2 })),
);

const eventId = fc.stringMatching(/^[0-9a-f-]{1,36}$/);

describe('event parser properties', () => {
  it('never throws, whatever string arrives', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json(), fc.array(fc.json()).map((lines) => lines.join('\n'))), (data) => {
        const events = parseEventData(data);
        expect(Array.isArray(events)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on any payload under any known name, and accepts only known names', () => {
    const names = ['message', 'group_message', 'message:status', 'group:message:status', 'message:is_typing', 'presence', 'bang', 'update', 'client_advisory', 'reconnect', 'sse:heartbeat', 'remote_wipe', 'other'];
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...names), fc.jsonValue({ maxDepth: 3 }), (id, name, payload) => {
        const event = only(JSON.stringify({ event_id: id, event: { [EVENT_PREFIX + name]: payload } }));
        if (event.ok) {
          expect(event.eventId).toBe(id);
          expect(event.name).toBe(name);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives back exactly the event that was written, for every kind', () => {
    fc.assert(
      fc.property(eventId, wellFormed, (id, [name, payload]) => {
        const event = only(wire(id, name, payload));
        expect(event).toEqual({ ok: true, eventId: id, name, payload: JSON.parse(JSON.stringify(payload ?? null)) });
      }),
      { numRuns: 500 },
    );
  });

  it('reads every object of a multi-object data, in order, and loses none to a broken neighbour', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(eventId, wellFormed, fc.boolean()), { minLength: 1, maxLength: 8 }),
        (items) => {
          const lines = items.map(([id, [name, payload], broken]) => (broken ? wire(id, name, payload).slice(0, -1) : wire(id, name, payload)));
          const events = parseEventData(lines.join('\n'));
          if (items.length === 1 && items[0]?.[2] === true) {
            expect(events).toHaveLength(1);
            return;
          }
          expect(events.map((e) => e.eventId)).toEqual(items.map(([id]) => id));
          expect(events.map((e) => e.ok)).toEqual(items.map(([, , broken]) => !broken));
        },
      ),
      { numRuns: 300 },
    );
  });
});
