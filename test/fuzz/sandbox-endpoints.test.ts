// Bad input to the sandbox: random methods, paths, tokens, fields, body types and sizes on
// every endpoint. The server never fails (no 5xx), never hangs, answers every refusal with a
// JSON error that says what was wrong, and a refused request changes nothing it stores.
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, newPerson } from '../sandbox/support/people';
import type { TestPerson } from '../sandbox/support/people';
import { useSandbox } from '../support/sandbox-fixture';

const sandbox = useSandbox({ maxAttachmentBytes: 64 * 1024 });
let alice: TestPerson;
let bob: TestPerson;
let groupToken: string;
let messageToken: string;
let db: Database.Database;

beforeAll(async () => {
  alice = await newPerson(sandbox, 'Alice');
  bob = await newPerson(sandbox, 'Bob');
  groupToken = (await alice.client.createGroup({ name: 'Ward 4', members: [bob.token] })).token;
  messageToken = (await alice.client.sendMessage({ recipient: bob.token, body: 'hello', senderOrganization: sandbox.organizationKey })).messageId;
  db = new Database(join(sandbox.dataDir, 'sandbox.db'), { readonly: true, fileMustExist: true });
});

afterAll(() => {
  db?.close();
});

const tables = ['accounts', 'sessions', 'groups', 'group_members', 'messages', 'message_statuses', 'hidden_messages', 'events', 'roster', 'metadata'];

/** Every row the sandbox stores, as one string per table: equal before and after means nothing changed. */
function snapshot(): string[] {
  return tables.map((table) => db.prepare(`SELECT * FROM ${table}`).all().map((row) => JSON.stringify(row)).sort().join('\n'));
}

const tokens = () => fc.oneof(
  fc.constantFrom(alice.token, bob.token, groupToken, messageToken, sandbox.organizationKey, 'nobody@example.test', '+1 (555) 010-9999'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** The routes, with their path parameters filled by `token`. */
const routes: [method: string, path: (token: string) => string][] = [
  ['POST', () => '/v2/login'],
  ['GET', () => '/v2/user'],
  ['GET', (t) => `/v2/user/${t}`],
  ['GET', (t) => `/v2/user/${t}/organization`],
  ['GET', (t) => `/v2/user/${t}/avatar`],
  ['DELETE', () => '/v2/events'],
  ['POST', () => '/v2/events/ack'],
  ['POST', () => '/v2/group'],
  ['GET', (t) => `/v2/group/${t}`],
  ['GET', (t) => `/v2/group/${t}/avatar`],
  ['DELETE', (t) => `/v2/group/${t}`],
  ['POST', (t) => `/v2/group/${t}/members`],
  ['POST', (t) => `/v2/group/${t}/members/remove`],
  ['POST', () => '/v2/message'],
  ['PUT', () => '/v2/message/status'],
  ['POST', () => '/v2/message/status'],
  ['GET', () => '/v2/message/typing'],
  ['POST', () => '/v2/message/typing'],
  ['DELETE', (t) => `/v2/message/typing/${t}`],
  ['GET', (t) => `/v2/message/${t}`],
  ['DELETE', (t) => `/v2/message/${t}`],
  ['POST', (t) => `/v2/message/${t}/forward`],
  ['GET', (t) => `/v2/message/${t}/status`],
  ['GET', (t) => `/v2/message/${t}/attachment/1`],
  ['GET', (t) => `/v2/metadata/${t}`],
  ['POST', (t) => `/v2/metadata/${t}`],
  ['DELETE', (t) => `/v2/metadata/${t}`],
  ['GET', () => '/v2/roster'],
  ['POST', () => '/v2/roster'],
  ['DELETE', (t) => `/v2/roster/${t}`],
  ['PATCH', (t) => `/v2/${t}`],
];

const fieldNames = fc.oneof(
  fc.constantFrom('recipient', 'recipient_token', 'body', 'ttl', 'dor', 'priority', 'sender_organization', 'recipient_organization', 'data',
    'members', 'name', 'replay_history', 'delivered', 'read', 'events', 'entity', 'type', 'device_id', 'version', 'push_routing',
    'TT-X-Organization-Key', 'organization_key', 'attachment', '__proto__', 'constructor'),
  fc.string({ maxLength: 12 }),
);

const fieldValues = () => fc.oneof(fc.jsonValue({ maxDepth: 3 }), tokens(), fc.string({ minLength: 70_000, maxLength: 70_010 }));

type Body = { kind: 'none' } | { kind: 'json'; text: string } | { kind: 'form'; fields: [string, string][] } | { kind: 'multipart'; fields: [string, string][]; file: number | null } | { kind: 'raw'; bytes: Uint8Array; type: string };

const bodies = (): fc.Arbitrary<Body> => fc.oneof(
  fc.constant<Body>({ kind: 'none' }),
  fc.dictionary(fieldNames, fieldValues(), { maxKeys: 6 }).map((fields): Body => ({ kind: 'json', text: JSON.stringify(fields) })),
  fc.jsonValue().map((value): Body => ({ kind: 'json', text: JSON.stringify(value) })),
  fc.string().map((text): Body => ({ kind: 'json', text })),
  fc.array(fc.tuple(fieldNames, fc.string({ maxLength: 30 })), { maxLength: 6 }).map((fields): Body => ({ kind: 'form', fields })),
  fc.record({ fields: fc.array(fc.tuple(fieldNames, fc.string({ maxLength: 30 })), { maxLength: 6 }), file: fc.option(fc.constantFrom(0, 10, 70 * 1024), { nil: null }) })
    .map(({ fields, file }): Body => ({ kind: 'multipart', fields, file })),
  fc.record({ bytes: fc.uint8Array({ maxLength: 512 }), type: fc.constantFrom('application/json', 'text/plain', 'multipart/form-data', 'application/x-www-form-urlencoded', 'image/png') })
    .map(({ bytes, type }): Body => ({ kind: 'raw', bytes, type })),
);

function encode(body: Body): { body?: string | Buffer | FormData; type?: string } {
  switch (body.kind) {
    case 'none': return {};
    case 'json': return { body: body.text, type: 'application/json' };
    case 'form': return { body: new URLSearchParams(body.fields).toString(), type: 'application/x-www-form-urlencoded' };
    case 'multipart': {
      const form = new FormData();
      for (const [name, value] of body.fields) form.append(name, value);
      if (body.file !== null) form.append('attachment', new Blob([new Uint8Array(body.file)], { type: 'application/pdf' }), 'scan.pdf');
      return { body: form };
    }
    case 'raw': return { body: Buffer.from(body.bytes), type: body.type };
  }
}

describe('the sandbox given random requests on every endpoint', () => {
  it('never fails or hangs, refuses bad input with a JSON error naming the fault, and changes nothing when it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: routes.length - 1 }), tokens(), bodies(), fc.constantFrom('alice', 'none', 'wrong'), fc.option(tokens(), { nil: undefined }),
        async (route, token, body, auth, organization) => {
          const [method, path] = routes[route]!;
          const { body: payload, type } = encode(body);
          const headers: Record<string, string> = {};
          if (type !== undefined) headers['content-type'] = type;
          if (auth === 'alice') headers.authorization = basic(alice);
          if (auth === 'wrong') headers.authorization = 'Basic d3Jvbmc6d3Jvbmc=';
          if (organization !== undefined && /^[\x20-\x7e]*$/.test(organization)) headers['tt-x-organization-key'] = organization;
          const before = snapshot();
          const response = await fetch(`${sandbox.url}${path(encodeURIComponent(token))}`, {
            method,
            headers,
            ...(method === 'GET' || payload === undefined ? {} : { body: payload }),
            signal: AbortSignal.timeout(5_000),
          });
          const text = await response.text();
          expect(response.status, `${method} ${path('T')}: ${text.slice(0, 300)}`).toBeLessThan(500);
          if (response.status >= 400) {
            const parsed = JSON.parse(text) as { error?: { message?: unknown } };
            expect(typeof parsed.error?.message, text.slice(0, 300)).toBe('string');
            expect((parsed.error!.message as string).length).toBeGreaterThan(3);
            expect(snapshot(), `${method} ${path('T')} answered ${response.status} but changed what the sandbox stores`).toEqual(before);
          }
        },
      ),
      { numRuns: 1_000 },
    );
  }, 240_000);
});
