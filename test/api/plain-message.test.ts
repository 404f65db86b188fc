import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { readPlainMessage } from '../../main/core/api/plain-message';
import { messageSchema } from '../../main/core/api/schemas';

const odd = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.integer({ min: -2, max: 3 }),
  fc.double(),
  fc.constantFrom('true', 'false', '1', '0', '12', 'x,y', '[]', 'READ', 'new'),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
);
/** Mostly what the field should hold, sometimes something odd. */
const mostly = <T>(usual: fc.Arbitrary<T>) => fc.oneof({ arbitrary: usual, weight: 20 }, { arbitrary: odd, weight: 1 });
const tokenValue = fc.oneof(fc.uuid(), fc.constantFrom('alex.morgan@tigergeneral.test', 'g-7'));
const attachment = fc.record(
  {
    attachment_id: mostly(fc.uuid()),
    'content-type': mostly(fc.constantFrom('image/png', 'application/pdf')),
    content_type: mostly(fc.constant('text/plain')),
    size: mostly(fc.nat()),
    name: fc.string(),
  },
  { requiredKeys: [] },
);
const dataElement = fc.record(
  { namespace: mostly(fc.string()), mimetype: mostly(fc.string()), payload: mostly(fc.string()), extra: fc.string() },
  { requiredKeys: [] },
);

/** Messages of every shape the wire may take, and some it should not. */
const anyMessage = fc.record(
  {
    message_id: mostly(tokenValue),
    client_id: mostly(tokenValue),
    sender: mostly(tokenValue),
    sender_token: mostly(tokenValue),
    recipient: mostly(tokenValue),
    recipient_token: mostly(tokenValue),
    group_token: mostly(tokenValue),
    sender_organization: mostly(fc.string()),
    recipient_organization: mostly(fc.string()),
    body: mostly(fc.string()),
    created_time: mostly(fc.constant('2026-11-26T09:00:00.000Z')),
    ttl: mostly(fc.integer({ min: -1, max: 10_080 })),
    dor: mostly(fc.boolean()),
    priority: mostly(fc.constantFrom(-1, 0, 1)),
    status: mostly(fc.constantFrom('New', 'Delivered', 'Read', 'read')),
    attachments: mostly(fc.array(attachment, { maxLength: 3 })),
    attachment_name: mostly(fc.string()),
    data: mostly(fc.array(dataElement, { maxLength: 3 })),
    is_recalled: mostly(fc.boolean()),
    original_sender: mostly(fc.string()),
    original_timestamp: mostly(fc.string()),
    organizations: fc.array(fc.string()),
  },
  { requiredKeys: [] },
);

/** What the service sends almost every time. */
const plainMessage = fc.record(
  {
    message_id: fc.uuid(),
    sender_token: fc.uuid(),
    sender: fc.constant('alex.morgan@tigergeneral.test'),
    recipient_token: fc.uuid(),
    body: fc.string(),
    created_time: fc.constant('2026-11-26T09:00:00.000Z'),
    ttl: fc.integer({ min: -1, max: 10_080 }),
    dor: fc.boolean(),
    priority: fc.constantFrom(-1, 0, 1),
    status: fc.constantFrom('New', 'Delivered', 'Read'),
    attachments: fc.array(fc.record({ attachment_id: fc.uuid(), 'content-type': fc.constant('image/png'), size: fc.nat() }), { maxLength: 2 }),
    data: fc.array(fc.record({ namespace: fc.string(), mimetype: fc.string(), payload: fc.string() }), { maxLength: 2 }),
    is_recalled: fc.boolean(),
    organizations: fc.array(fc.string()),
  },
  { requiredKeys: ['message_id', 'sender_token', 'recipient_token', 'created_time'] },
);

describe('the fast reader of plain messages', () => {
  it('reads a message exactly as the schema does, or leaves it to the schema (property)', () => {
    let read = 0;
    fc.assert(
      fc.property(anyMessage, (wire) => {
        const plain = readPlainMessage(wire);
        if (plain === undefined) return;
        read += 1;
        const parsed = v.safeParse(messageSchema, wire);
        expect(parsed.success).toBe(true);
        expect(plain).toEqual(parsed.output);
      }),
      { numRuns: 5_000 },
    );
    // Not only refusals: some of the odd mixtures are plain enough for the fast reader.
    expect(read).toBeGreaterThan(20);
  });

  it('reads every message of the usual shape itself, as the schema would (property)', () => {
    fc.assert(
      fc.property(plainMessage, (wire) => {
        const plain = readPlainMessage(wire);
        expect(plain).toBeDefined();
        expect(plain).toEqual(v.parse(messageSchema, wire));
      }),
      { numRuns: 2_000 },
    );
  });

  it('leaves to the schema what only it reads or refuses: numeric tokens, flags as text, lists as text, a missing sender', () => {
    const base = { message_id: 'm1', sender_token: 'u1', recipient_token: 'u2', created_time: '2026-11-26T09:00:00.000Z' };
    expect(readPlainMessage(base)).toEqual({ ...base, body: '', dor: false, priority: 0, attachments: [], data: [], is_recalled: false });
    expect(readPlainMessage({ ...base, message_id: 42 })).toBeUndefined();
    expect(readPlainMessage({ ...base, dor: 'true' })).toBeUndefined();
    expect(readPlainMessage({ ...base, data: '[]' })).toBeUndefined();
    expect(readPlainMessage({ ...base, sender_token: undefined })).toBeUndefined();
    expect(readPlainMessage({ ...base, created_time: '' })).toBeUndefined();
    expect(readPlainMessage([base])).toBeUndefined();
  });
});
