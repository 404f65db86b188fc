import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startSandbox } from '../../sandbox/index';
import type { RunningSandbox } from '../../sandbox/index';
import { startTestSandbox, useSandbox } from '../support/sandbox-fixture';
import { basic, newPerson } from './support/people';
import type { TestPerson } from './support/people';
import { replayed } from './support/stream';

let clock = Date.parse('2026-03-01T08:00:00.000Z');
const sandbox = useSandbox({ now: () => clock });

interface Answer {
  status: number;
  messageId: string | null;
  ttl: string | null;
  error?: string;
}

/** One POST as the person, `Request-ID` as given (none when undefined), the body in the encoding the other routes also take. */
async function post(
  on: RunningSandbox,
  person: TestPerson,
  path: string,
  requestId: string | string[] | undefined,
  body: FormData | URLSearchParams | Record<string, unknown>,
): Promise<Answer> {
  const headers = new Headers({ authorization: basic(person) });
  for (const id of requestId === undefined ? [] : [requestId].flat()) headers.append('Request-ID', id);
  let payload: FormData | URLSearchParams | string;
  if (body instanceof FormData || body instanceof URLSearchParams) payload = body;
  else {
    headers.set('content-type', 'application/json');
    payload = JSON.stringify(body);
  }
  const response = await fetch(`${on.apiUrl}${path}`, { method: 'POST', headers, body: payload });
  const text = await response.text();
  return {
    status: response.status,
    messageId: response.headers.get('tt-x-message-id'),
    ttl: response.headers.get('tt-x-msg-ttl'),
    ...(text === '' ? {} : { error: (JSON.parse(text) as { error: { message: string } }).error.message }),
  };
}

/** The bodies of the messages the person's new stream replays: what the server stored for them. */
async function received(person: TestPerson): Promise<string[]> {
  const reader = await person.connect();
  try {
    await reader.replayDone();
    return replayed(reader.events).filter((event) => event.name === 'message').map((event) => String(event.payload.body));
  } finally {
    reader.close();
  }
}

describe('Request-ID on sends', () => {
  it('stores a repeated send once: 204 first, then 304 with the first message\'s token and ttl', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const id = randomUUID();
    const first = await post(sandbox, alice, '/message', id, { recipient: bob.token, body: 'give 5 mg once', ttl: 60 });
    expect(first).toMatchObject({ status: 204, ttl: '60' });
    expect(first.messageId).toMatch(/\S/);
    for (let repeat = 0; repeat < 2; repeat += 1) {
      expect(await post(sandbox, alice, '/message', id, { recipient: bob.token, body: 'give 5 mg once', ttl: 60 }))
        .toEqual({ status: 304, messageId: first.messageId, ttl: '60' });
    }
    expect(await received(bob)).toEqual(['give 5 mg once']);
    expect(await received(alice)).toEqual(['give 5 mg once']);
  });

  it('answers a repeat 304 in every body encoding, keeping no upload of a repeat that carried a file', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const id = randomUUID();
    const first = await post(sandbox, alice, '/message', id, new URLSearchParams({ recipient: bob.token, body: 'scan attached' }));
    expect(first.status).toBe(204);
    const form = new FormData();
    form.append('recipient', bob.token);
    form.append('body', 'scan attached');
    form.append('attachment', new Blob(['scan bytes']), 'scan.txt');
    expect(await post(sandbox, alice, '/message', id, form)).toMatchObject({ status: 304, messageId: first.messageId });
    expect(await readdir(join(sandbox.dataDir, 'uploads'))).toEqual([]);
    expect(await readdir(join(sandbox.dataDir, 'attachments'))).not.toContain(first.messageId);
    expect(await received(bob)).toEqual(['scan attached']);
  });

  it('keeps each account\'s ids apart, and sends without an id or with another id as new messages', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const id = randomUUID();
    const fromAlice = await post(sandbox, alice, '/message', id, { recipient: bob.token, body: 'from Alice' });
    const fromBob = await post(sandbox, bob, '/message', id, { recipient: alice.token, body: 'from Bob' });
    expect([fromAlice.status, fromBob.status]).toEqual([204, 204]);
    expect(fromBob.messageId).not.toBe(fromAlice.messageId);
    expect((await post(sandbox, alice, '/message', undefined, { recipient: bob.token, body: 'no id' })).status).toBe(204);
    expect((await post(sandbox, alice, '/message', undefined, { recipient: bob.token, body: 'no id' })).status).toBe(204);
    expect((await post(sandbox, alice, '/message', randomUUID(), { recipient: bob.token, body: 'no id' })).status).toBe(204);
    expect(await received(bob)).toEqual(['from Alice', 'from Bob', 'no id', 'no id', 'no id']);
  });

  it('still answers 304 after the first message has expired, and stores nothing', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const id = randomUUID();
    const first = await post(sandbox, alice, '/message', id, { recipient: bob.token, body: 'short-lived', ttl: 5 });
    clock += 6 * 60_000;
    expect(await post(sandbox, alice, '/message', id, { recipient: bob.token, body: 'short-lived', ttl: 5 }))
      .toEqual({ status: 304, messageId: first.messageId, ttl: '5' });
    expect(await received(bob)).toEqual([]);
  });

  it('refuses a malformed Request-ID with 400 naming the header, storing nothing', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const refusal = 'header "Request-ID" must be 1 to 128 letters, digits, ".", "_", ":" or "-" (a UUID, say), and given once';
    for (const id of ['', 'two words', 'x'.repeat(129), 'caf\u00e9', [randomUUID(), randomUUID()]]) {
      expect(await post(sandbox, alice, '/message', id, { recipient: bob.token, body: 'refused' }))
        .toEqual({ status: 400, messageId: null, ttl: null, error: refusal });
    }
    expect((await post(sandbox, alice, '/message', 'x'.repeat(128), { recipient: bob.token, body: 'longest id' })).status).toBe(204);
    expect(await received(bob)).toEqual(['longest id']);
  });

  it('lets a send refused for its content go again with the same id once corrected', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const id = randomUUID();
    expect(await post(sandbox, alice, '/message', id, { recipient: bob.token, body: 'bad ttl', ttl: 0 })).toMatchObject({ status: 400 });
    expect(await post(sandbox, alice, '/message', id, { recipient: bob.token, body: 'good ttl', ttl: 60 })).toMatchObject({ status: 204 });
    expect(await received(bob)).toEqual(['good ttl']);
  });
});

describe('the API client against the sandbox', () => {
  it('sends the same message twice under one requestId and is told the second time it was already sent', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const input = { recipient: bob.token, body: 'through the client', ttl: 30, senderOrganization: sandbox.organizationKey, requestId: randomUUID() };
    const first = await alice.client.sendMessage(input);
    expect(first).toEqual({ messageId: first.messageId, ttl: 30 });
    expect(await alice.client.sendMessage(input)).toEqual({ messageId: first.messageId, ttl: 30, alreadySent: true });
    const forward = { recipient: alice.token, requestId: randomUUID() };
    await bob.client.forwardMessage(first.messageId, forward);
    await bob.client.forwardMessage(first.messageId, forward);
    // Each holds the message and the one forwarded copy (a sender's stream carries its own messages too).
    expect(await received(bob)).toEqual(['through the client', 'through the client']);
    expect(await received(alice)).toEqual(['through the client', 'through the client']);
  });
});

describe('Request-ID on forwards', () => {
  it('stores a repeated forward once, answering 304 with the first copy\'s token', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const carol = await newPerson(sandbox, 'Carol');
    const original = await post(sandbox, alice, '/message', undefined, { recipient: bob.token, body: 'lab result' });
    const id = randomUUID();
    const path = `/message/${original.messageId}/forward`;
    const first = await post(sandbox, bob, path, id, { recipient: carol.token });
    expect(first.status).toBe(204);
    expect(await post(sandbox, bob, path, id, new URLSearchParams({ recipient: carol.token })))
      .toMatchObject({ status: 304, messageId: first.messageId });
    expect(await received(carol)).toEqual(['lab result']);
    expect((await post(sandbox, bob, path, 'not valid', { recipient: carol.token })).error).toMatch(/^header "Request-ID" must be/);
  });

  it('shares the account\'s ids with sends: a forward repeating a send\'s id is that send', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const id = randomUUID();
    const sent = await post(sandbox, alice, '/message', id, { recipient: bob.token, body: 'once' });
    expect(await post(sandbox, alice, `/message/${sent.messageId}/forward`, id, { recipient: bob.token }))
      .toMatchObject({ status: 304, messageId: sent.messageId });
    expect(await received(bob)).toEqual(['once']);
  });
});

describe('a sandbox without deduplication', () => {
  it('does not read Request-ID at all: every repeat is stored again', async () => {
    const plain = await startTestSandbox({ deduplicateRequests: false });
    const alice = await newPerson(plain, 'Alice');
    const bob = await newPerson(plain, 'Bob');
    const id = randomUUID();
    const first = await post(plain, alice, '/message', id, { recipient: bob.token, body: 'twice' });
    const second = await post(plain, alice, '/message', id, { recipient: bob.token, body: 'twice' });
    expect([first.status, second.status]).toEqual([204, 204]);
    expect(second.messageId).not.toBe(first.messageId);
    expect((await post(plain, alice, '/message', 'two words', { recipient: bob.token, body: 'thrice' })).status).toBe(204);
    expect(await received(bob)).toEqual(['twice', 'twice', 'thrice']);
  });
});

describe('a restarted sandbox', () => {
  it('remembers the ids its data dir holds', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tigerdesk-request-ids-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const before = await startSandbox({ dataDir });
    const alice = await newPerson(before, 'Alice');
    const bob = await newPerson(before, 'Bob');
    const id = randomUUID();
    const first = await post(before, alice, '/message', id, { recipient: bob.token, body: 'before the restart' });
    await before.close();
    const after = await startTestSandbox({ dataDir });
    expect(await post(after, alice, '/message', id, { recipient: bob.token, body: 'before the restart' }))
      .toMatchObject({ status: 304, messageId: first.messageId });
  });
});
