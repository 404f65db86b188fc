import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../support/sandbox-fixture';
import { failure } from './support/api-failure';
import { basic, newPerson } from './support/people';
import type { TestPerson } from './support/people';

const LIMIT = 64 * 1024;
const sandbox = useSandbox({ maxAttachmentBytes: LIMIT });
let alice: TestPerson;
let bob: TestPerson;

beforeAll(async () => {
  alice = await newPerson(sandbox, 'Alice');
  bob = await newPerson(sandbox, 'Bob');
});

async function post(path: string, body: string, contentType = 'application/json', headers: Record<string, string> = {}) {
  const response = await fetch(`${sandbox.apiUrl}${path}`, {
    method: 'POST',
    headers: { authorization: basic(alice), 'content-type': contentType, ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as { error: { message: string } } };
}

describe('bad input', () => {
  it('answers malformed JSON with 400 naming the problem', async () => {
    const reply = await post('/message', '{"recipient": "x", "body": ');
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/^malformed JSON body/);
  });

  it('answers a body that is not a JSON object with 400', async () => {
    expect(await post('/message', '["a"]')).toEqual({
      status: 400,
      body: { error: { message: 'request body must be a JSON object' } },
    });
  });

  it('answers a missing field with 400 naming the field', async () => {
    expect(await post('/message', JSON.stringify({ body: 'no recipient' }))).toEqual({
      status: 400,
      body: { error: { message: 'field "recipient" is required' } },
    });
    expect(await post('/events/ack', JSON.stringify({}))).toEqual({
      status: 400,
      body: { error: { message: 'field "events" is required' } },
    });
  });

  it('answers a wrongly typed field with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ body: 7 }, 'field "body" must be a string'],
      [{ body: 'x', ttl: 'soon' }, 'field "ttl" must be an integer'],
      [{ body: 'x', ttl: 0 }, 'field "ttl" must be -1 (never) or a positive number of minutes'],
      [{ body: 'x', dor: 'maybe' }, 'field "dor" must be a boolean'],
      [{ body: 'x', priority: 5 }, 'field "priority" must be -1 (low), 0 (normal) or 1 (high)'],
      [{ body: 'x', data: { namespace: 'n' } }, 'field "data" must be an array of {namespace, mimetype, payload}'],
      [{ body: 'x', data: [{ namespace: 'n', mimetype: 'text/plain' }] }, 'field "data" element 0 must have a string "payload"'],
    ];
    for (const [fields, message] of cases) {
      expect(await post('/message', JSON.stringify({ recipient: bob.token, ...fields }))).toEqual({
        status: 400,
        body: { error: { message } },
      });
    }
    const typedList = await post('/message/status', JSON.stringify({ read: [1, 2] }));
    expect(typedList.body.error.message).toBe('field "read" must be an array of strings or a comma-separated string');
  });

  it('answers unknown tokens with 404 naming the token', async () => {
    expect((await failure(alice.client.getMessage('no-such-message'))).serverMessage).toBe('unknown message: no-such-message');
    expect((await failure(alice.client.getGroup('no-such-group'))).status).toBe(404);
    const recipient = await failure(
      alice.client.sendMessage({ recipient: 'no-such-user', body: 'x', senderOrganization: sandbox.organizationKey }),
    );
    expect(recipient.status).toBe(404);
    expect(recipient.serverMessage).toBe('unknown user: no-such-user');
    expect((await failure(alice.client.forwardMessage('no-such-message', { recipient: bob.token }))).status).toBe(404);
  });

  it('answers an unknown organization with 404 naming it, as a field or as the header', async () => {
    const field = await failure(
      alice.client.sendMessage({ recipient: bob.token, body: 'x', senderOrganization: 'no-such-org' }),
    );
    expect(field.status).toBe(404);
    expect(field.serverMessage).toBe('unknown organization in "sender_organization": no-such-org');
    const header = await fetch(`${sandbox.apiUrl}/roster`, {
      headers: { authorization: basic(alice), 'tt-x-organization-key': 'no-such-org' },
    });
    expect(header.status).toBe(404);
    expect(await header.json()).toEqual({
      error: { message: 'unknown organization in "TT-X-Organization-Key": no-such-org' },
    });
  });

  it('answers an attachment over the limit with 413 and keeps no trace of it', async () => {
    const error = await failure(
      alice.client.sendMessage({
        recipient: bob.token,
        body: 'too big',
        senderOrganization: sandbox.organizationKey,
        attachment: { name: 'big.bin', contentType: 'application/octet-stream', bytes: new Uint8Array(LIMIT + 1) },
      }),
    );
    expect(error.status).toBe(413);
    expect(error.serverMessage).toBe(`file "attachment" is larger than the limit of ${LIMIT} bytes`);
    expect(await readdir(join(sandbox.dataDir, 'uploads'))).toEqual([]);
    expect(await readdir(join(sandbox.dataDir, 'attachments'))).toEqual([]);
    const fits = await alice.client.sendMessage({
      recipient: bob.token,
      body: 'just fits',
      senderOrganization: sandbox.organizationKey,
      attachment: { name: 'ok.bin', contentType: 'application/octet-stream', bytes: new Uint8Array(LIMIT) },
    });
    expect((await bob.client.getAttachment(fits.messageId)).bytes.length).toBe(LIMIT);
  });

  it('answers two files or an unexpected file field with 400', async () => {
    const form = new FormData();
    form.append('recipient', bob.token);
    form.append('body', 'two files');
    form.append('attachment', new Blob(['a']), 'a.txt');
    form.append('attachment', new Blob(['b']), 'b.txt');
    const response = await fetch(`${sandbox.apiUrl}/message`, { method: 'POST', headers: { authorization: basic(alice) }, body: form });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { message: 'at most one file in "attachment"' } });
  });

  it('answers a malformed or cut-off multipart body with 400, leaving no partial upload', async () => {
    const boundary = 'xyz';
    const cut = `--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="a.bin"\r\n\r\npartial`;
    const reply = await post(`/message?recipient=${bob.token}`, cut, `multipart/form-data; boundary=${boundary}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/^malformed multipart body: /);
    expect((await post('/message', 'x', 'multipart/form-data')).status).toBe(400);
    expect(await readdir(join(sandbox.dataDir, 'uploads'))).toEqual([]);
  });

  it('answers an unsupported content type with 415 and an unknown path with 404', async () => {
    const media = await post('/message', 'hello', 'text/plain');
    expect(media.status).toBe(415);
    expect(media.body.error.message).toMatch(/^unsupported content type/);
    const route = await fetch(`${sandbox.apiUrl}/nothing/here`, { headers: { authorization: basic(alice) } });
    expect(route.status).toBe(404);
    expect(await route.json()).toEqual({ error: { message: 'no such operation: GET /v2/nothing/here' } });
  });

  it('answers a missing or malformed Authorization header with 401', async () => {
    const none = await fetch(`${sandbox.apiUrl}/user`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { message: 'missing Authorization header (Basic)' } });
    const bearer = await fetch(`${sandbox.apiUrl}/user`, { headers: { authorization: 'Bearer abc' } });
    expect(bearer.status).toBe(401);
  });

  it('stays consistent under concurrent sends and status updates', async () => {
    const reader = await alice.connect();
    await reader.replayDone();
    const sends = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        alice.client.sendMessage({ recipient: bob.token, body: `n${i}`, senderOrganization: sandbox.organizationKey }),
      ),
    );
    const ids = sends.map((sent) => sent.messageId);
    await Promise.all(ids.flatMap((id) => [bob.client.updateMessageStatus({ read: [id] }), bob.client.updateMessageStatus({ delivered: [id] })]));
    const echoes = await reader.waitForCount(40, (event) => event.name === 'message' && ids.includes(String(event.payload.message_id)));
    expect(new Set(echoes.map((event) => event.payload.message_id)).size).toBe(40);
    for (const id of ids) {
      const report = await alice.client.getMessageStatus(id);
      expect(report.statuses.map((status) => status.status)).toEqual(['Read']);
    }
    const reads = await reader.waitForCount(40, (event) => event.name === 'message:status' && event.payload.status === 'Read');
    expect(new Set(reads.map((event) => event.payload.client_id)).size).toBe(40);
    reader.close();
  });
});
