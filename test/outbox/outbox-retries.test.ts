import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { englishText } from '../../i18n/english';
import type { UserText } from '../../i18n/user-text';
import { createApiClient } from '../../main/core/api';
import { createOutbox, giveUpSettingKey } from '../../main/core/outbox';
import { CLIENT_ID_NAMESPACE } from '../../main/core/sync/message-mapping';
import { startRecordingServer } from '../support/recording-server';
import type { Answer, RecordedRequest, RecordingServer } from '../support/recording-server';
import { ManualClock } from '../support/manual-clock';
import { eventually, openHarness } from './outbox-fixture';
import type { HarnessOptions, OutboxHarness } from './outbox-fixture';

let server: RecordingServer;
let clock: ManualClock;
let harness: OutboxHarness;
let tokens = 0;

const accepted = (): Answer => {
  tokens += 1;
  return { status: 204, headers: { 'TT-X-Message-Id': `token-${tokens}`, 'TT-X-Msg-Ttl': '1440' } };
};
const refused = (status: number, message: string, headers: Record<string, string> = {}): Answer =>
  ({ status, headers, body: { error: { message } } });
const bodyOf = (request: RecordedRequest) => JSON.parse(request.body.toString('utf8')) as {
  recipient: string; body: string; data: { namespace: string; payload: string }[];
};
const sends = () => server.requests.filter((request) => request.path === '/v2/message/');

function open(options: Partial<HarnessOptions> = {}): OutboxHarness {
  harness = openHarness({ apiUrl: `${server.origin}/v2`, clock, ...options });
  return harness;
}

const send = (conversationId: string, body: string) =>
  harness.outbox.send({ conversationId, conversationKind: 'user', body });

beforeEach(async () => {
  server = await startRecordingServer();
  server.respond(accepted);
  clock = new ManualClock(Date.UTC(2026, 10, 26, 8, 0, 0));
  tokens = 0;
});

const cleanupDirs: string[] = [];
afterEach(async () => {
  await harness?.close();
  await server.close();
  for (const dir of cleanupDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});


/** A verdict, job or message with its reason worded in English (as the CLI prints it), to match the sentence. */
function inEnglish<T extends object>(held: T | undefined): Record<string, unknown> | undefined {
  if (held === undefined) return undefined;
  const worded = (value: unknown) => (value !== null && typeof value === 'object' ? englishText(value as UserText) : value);
  return Object.fromEntries(Object.entries(held).map(([name, value]) => [name, ['reason', 'lastError', 'failureReason'].includes(name) ? worded(value) : value]));
}
describe('the outbox, against a real HTTP server', () => {
  it('writes the message and its job before any request, then sends it with its client id', async () => {
    open();
    const view = await send('peer-1', 'BP 120/80, please review');
    expect(view).toMatchObject({ status: 'queued', token: null, outgoing: true, senderToken: 'me', body: 'BP 120/80, please review' });
    expect(server.requests).toHaveLength(0);
    expect(harness.outbox.jobs()).toMatchObject([{ kind: 'send', conversationId: 'peer-1', messageId: Number(view.id), state: 'pending', attempts: 0 }]);
    const stored = harness.store.messages.byId(Number(view.id))!;
    expect(stored.status).toBe('queued');

    harness.outbox.start();
    await harness.outbox.whenIdle();
    const request = server.only();
    expect(bodyOf(request)).toMatchObject({ recipient: 'peer-1', body: 'BP 120/80, please review', sender_organization: 'org-1' });
    expect(bodyOf(request).data).toEqual([{ namespace: CLIENT_ID_NAMESPACE, mimetype: 'text/plain', payload: stored.clientId }]);
    expect(request.headers['request-id']).toBe(stored.clientId);
    expect(harness.store.messages.byId(Number(view.id))).toMatchObject({ status: 'sent', token: 'token-1', ttlMinutes: 1440 });
    expect(harness.outbox.jobs()).toEqual([]);
    expect(harness.statusesOf(view.id)).toEqual(['queued', 'sending', 'sent']);
    // The conversation's roster line moves with its newest message.
    expect(harness.changes.map((change) => change.conversations.map((line) => [line.id, line.lastMessage?.status])))
      .toEqual([[['peer-1', 'queued']], [['peer-1', 'sending']], [['peer-1', 'sent']]]);
  });

  it('keeps sending when a change listener throws', async () => {
    open();
    let calls = 0;
    const outbox = createOutbox({
      store: harness.store, api: createApiClient({ baseUrl: `${server.origin}/v2`, credentials: { key: 'k', secret: 's' } }),
      attachments: harness.cache, senderToken: 'me', senderOrganization: 'org-1', clock,
      log: { info: () => undefined, warn: () => undefined, error: (message) => harness.logged.push({ level: 'error', message }) },
      onChange: () => {
        calls += 1;
        throw new Error('renderer gone');
      },
    });
    const view = await outbox.send({ conversationId: 'peer-1', body: 'still goes' });
    outbox.start();
    await outbox.whenIdle();
    await outbox.stop();
    expect(harness.store.messages.byId(Number(view.id))!.status).toBe('sent');
    expect(calls).toBe(3);
    expect(harness.logged.filter((entry) => entry.message === 'an outbox change listener failed')).toHaveLength(3);
  });

  it('takes the kind of a conversation it already holds when none is given', async () => {
    open();
    harness.store.conversations.upsert({ id: 'group-7', kind: 'group', name: 'Ward 7' });
    const view = await harness.outbox.send({ conversationId: 'group-7', body: 'to the ward' });
    expect(harness.changes.at(-1)!.conversations).toMatchObject([{ id: 'group-7', kind: 'group', name: 'Ward 7' }]);
    expect(view.conversationId).toBe('group-7');
  });

  it('refuses bad input with a precise error and stores nothing', async () => {
    open();
    await expect(harness.outbox.send({ conversationId: '', conversationKind: 'user', body: 'x' })).rejects.toThrow('conversationId must be a non-empty token');
    await expect(send('peer-1', '   ')).rejects.toThrow('A message needs text or an attachment');
    await expect(harness.outbox.send({ conversationId: 'p', conversationKind: 'user', body: 'x', ttlMinutes: 0 })).rejects.toThrow(/ttlMinutes must be -1/);
    await expect(harness.outbox.send({
      conversationId: 'p', conversationKind: 'user', body: 'x', attachment: { path: '/nonexistent/scan.pdf', contentType: 'application/pdf' },
    })).rejects.toThrow('The file scan.pdf cannot be read (ENOENT); nothing was queued');
    expect(harness.outbox.jobs()).toEqual([]);
    expect(harness.changes).toEqual([]);
  });

  it.each([
    ['HTTP 500', () => refused(500, 'internal error')],
    ['HTTP 502', () => refused(502, 'bad gateway')],
    ['HTTP 503', () => refused(503, 'overloaded')],
    ['HTTP 429', () => refused(429, 'slow down')],
    ['HTTP 408', () => refused(408, 'request timeout')],
  ])('retries after %s with backoff, then sends', async (_name, failure) => {
    let first = true;
    server.respond(() => (first ? ((first = false), failure()) : accepted()));
    open();
    const view = await send('peer-1', 'retry me');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    const [job] = harness.outbox.jobs();
    // Full jitter with random 0.5 on a 1 s base: the first retry waits 500 ms.
    expect(job).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: clock.now() + 500 });
    expect(englishText(job!.lastError!)).toMatch(/^sendMessage: HTTP \d{3}: /);
    expect(harness.store.messages.byId(Number(view.id))!.status).toBe('sending');

    clock.advance(499);
    await harness.outbox.whenIdle();
    expect(sends()).toHaveLength(1);
    clock.advance(1);
    await harness.outbox.whenIdle();
    expect(sends()).toHaveLength(2);
    expect(harness.store.messages.byId(Number(view.id))).toMatchObject({ status: 'sent', token: 'token-1' });
  });

  it('holds a send whose reply never came until the stream has caught up, then sends it with the same client id', async () => {
    let first = true;
    server.respond(() => (first ? ((first = false), 'hang') : accepted()));
    open({ timeoutMs: 200 });
    await send('peer-1', 'slow network');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    // The server may have it: wait for its echo (default hold 15 s) rather than retry after the 500 ms backoff.
    expect(inEnglish(harness.outbox.jobs()[0])).toMatchObject({
      state: 'pending', lastError: 'sendMessage: timeout: no reply within 200 ms', nextAttemptAt: clock.now() + 15_000,
    });
    harness.outbox.networkBack();
    clock.advance(500);
    await harness.outbox.whenIdle();
    expect(sends()).toHaveLength(1);
    harness.outbox.streamCaughtUp();
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs()).toEqual([]);
    expect(sends().map((request) => bodyOf(request).data[0]!.payload)).toEqual([
      bodyOf(sends()[0]!).data[0]!.payload, bodyOf(sends()[0]!).data[0]!.payload,
    ]);
    expect(sends().map((request) => request.headers['request-id'])).toEqual([
      bodyOf(sends()[0]!).data[0]!.payload, bodyOf(sends()[0]!).data[0]!.payload,
    ]);
  });

  it('takes a 304 naming the message as sent: the server already had it from an attempt whose reply was lost', async () => {
    server.respond({ status: 304, headers: { 'TT-X-Message-Id': 'token-first', 'TT-X-Msg-Ttl': '60' } });
    open();
    const view = await send('peer-1', 'sent before');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs()).toEqual([]);
    expect(harness.store.messages.byId(Number(view.id))).toMatchObject({ status: 'sent', token: 'token-first', ttlMinutes: 60 });
  });

  it('fails a send answered 304 without naming a message, which says nothing of where it went', async () => {
    server.respond({ status: 304 });
    open();
    const view = await send('peer-1', 'unanswered');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs().map(inEnglish)).toMatchObject([{ kind: 'send', state: 'failed', lastError: 'The server refused it (HTTP 304)' }]);
    expect(harness.store.messages.byId(Number(view.id))).toMatchObject({ status: 'failed', token: null });
  });

  it('retries when the server cannot be reached', async () => {
    const origin = server.origin;
    await server.close();
    server = await startRecordingServer();
    open({ apiUrl: `${origin}/v2` });
    await send('peer-1', 'nobody home');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(inEnglish(harness.outbox.jobs()[0])).toMatchObject({ state: 'pending', attempts: 1, lastError: 'sendMessage: network: request failed (ECONNREFUSED)' });
  });

  it('honours Retry-After, which a network change does not cut short', async () => {
    let first = true;
    server.respond(() => (first ? ((first = false), refused(503, 'maintenance', { 'Retry-After': '30' })) : accepted()));
    open();
    await send('peer-1', 'later');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs()[0]).toMatchObject({ nextAttemptAt: clock.now() + 30_000 });
    harness.outbox.networkBack();
    clock.advance(29_999);
    await harness.outbox.whenIdle();
    expect(sends()).toHaveLength(1);
    clock.advance(1);
    await harness.outbox.whenIdle();
    expect(sends()).toHaveLength(2);
    expect(harness.outbox.jobs()).toEqual([]);
  });

  it.each([
    [400, 'field "body" is too long', 'The server refused it as invalid (HTTP 400): field "body" is too long'],
    [403, 'you are not a member of group g1', 'The server does not allow it (HTTP 403): you are not a member of group g1'],
    [404, 'no such user: peer-1', 'The server does not know the recipient or message (HTTP 404): no such user: peer-1'],
    [413, 'attachment larger than 25 MB', 'The server refused it as too large (HTTP 413): attachment larger than 25 MB'],
  ])('fails at once on HTTP %i with the server\'s reason', async (status, message, reason) => {
    server.respond(() => refused(status, message));
    open();
    const view = await send('peer-1', 'refused');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(sends()).toHaveLength(1);
    expect(harness.outbox.jobs().map(inEnglish)).toMatchObject([{ state: 'failed', lastError: reason }]);
    expect(inEnglish(harness.store.messages.byId(Number(view.id)))).toMatchObject({ status: 'failed', failureReason: reason });
    expect(harness.statusesOf(view.id)).toEqual(['queued', 'sending', 'failed']);
    expect(englishText(harness.changes.at(-1)!.messages[0]!.failureReason!)).toBe(reason);
  });

  it('pauses the whole outbox on 401, and the account\'s next outbox, after a new sign-in, sends what waited', async () => {
    let signedIn = false;
    server.respond(() => (signedIn ? accepted() : refused(401, 'invalid credentials')));
    const dir = mkdtempSync(join(tmpdir(), 'tigerdesk-outbox-'));
    cleanupDirs.push(dir);
    open({ dir, outbox: { concurrency: 1 } });
    await send('peer-1', 'one');
    await send('peer-2', 'two');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(sends()).toHaveLength(1);
    expect(harness.authRequired).toBe(1);
    clock.advance(3_600_000);
    harness.outbox.networkBack();
    await harness.outbox.whenIdle();
    expect(sends()).toHaveLength(1);
    expect(harness.outbox.jobs().map((job) => job.state)).toEqual(['pending', 'pending']);

    signedIn = true;
    await harness.close();
    open({ dir });
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(sends()).toHaveLength(3);
    expect(harness.outbox.jobs()).toEqual([]);
  });

  it('gives up after the window, with the last error, and a manual retry opens a new window', async () => {
    let up = false;
    server.respond(() => (up ? accepted() : refused(503, 'down for maintenance')));
    open({ outbox: { giveUpAfterMs: 24 * 3_600_000, retry: { baseMs: 60_000, capMs: 3_600_000 } } });
    const view = await send('peer-1', 'never arrives');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    for (let hour = 0; hour < 24; hour += 1) {
      clock.advance(3_600_000);
      await harness.outbox.whenIdle();
    }
    const reason = 'Not sent within 24 h; last error: sendMessage: HTTP 503: down for maintenance';
    expect(harness.outbox.jobs().map(inEnglish)).toMatchObject([{ state: 'failed', lastError: reason }]);
    expect(inEnglish(harness.store.messages.byId(Number(view.id)))).toMatchObject({ status: 'failed', failureReason: reason });
    const tried = sends().length;
    expect(tried).toBeGreaterThan(5);
    clock.advance(3_600_000);
    await harness.outbox.whenIdle();
    expect(sends()).toHaveLength(tried);

    up = true;
    harness.outbox.retry(harness.outbox.jobs()[0]!.id);
    await harness.outbox.whenIdle();
    expect(inEnglish(harness.store.messages.byId(Number(view.id)))).toMatchObject({ status: 'sent', failureReason: null });
    expect(harness.statusesOf(view.id).slice(-3)).toEqual(['queued', 'sending', 'sent']);
  });

  it('takes the give-up window from the account setting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tigerdesk-outbox-'));
    cleanupDirs.push(dir);
    open({ dir });
    harness.store.settings.set(giveUpSettingKey, 30 * 60_000);
    await harness.close();
    open({ dir });
    harness.outbox.networkLost();
    harness.outbox.start();
    await send('peer-1', 'short window');
    clock.advance(30 * 60_000);
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs().map(inEnglish)).toMatchObject([{ state: 'failed', lastError: 'Not sent within 30 min' }]);
  });

  it('does not fail a message whose echo shows the server has it after all', async () => {
    server.respond(() => refused(503, 'busy'));
    open({ outbox: { giveUpAfterMs: 60 * 60_000 } });
    const view = await send('peer-1', 'did it arrive?');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    const clientId = harness.store.messages.byId(Number(view.id))!.clientId;
    harness.store.transaction(() => harness.store.messages.upsert({
      token: 'token-from-echo', clientId, conversationId: 'peer-1', conversationKind: 'user', direction: 'out',
      senderToken: 'me', body: 'did it arrive?', createdTime: clock.now(), ttlMinutes: null, dor: false, priority: 0, status: 'sent',
    }));
    harness.outbox.networkLost();
    clock.advance(60 * 60_000);
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs()).toEqual([]);
    expect(inEnglish(harness.store.messages.byId(Number(view.id)))).toMatchObject({ status: 'sent', token: 'token-from-echo', failureReason: null });
  });

  it('counts the window while offline too, without a single request', async () => {
    open({ outbox: { giveUpAfterMs: 60 * 60_000 } });
    harness.outbox.networkLost();
    harness.outbox.start();
    await send('peer-1', 'in the lift');
    clock.advance(59 * 60_000);
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs()[0]!.state).toBe('pending');
    clock.advance(60_000);
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs().map(inEnglish)).toMatchObject([{ state: 'failed', lastError: 'Not sent within 1 h' }]);
    expect(server.requests).toHaveLength(0);
  });

  it('sends nothing while offline and everything at once when the network is back', async () => {
    open();
    harness.outbox.networkLost();
    harness.outbox.start();
    await send('peer-1', 'a');
    await send('peer-2', 'b');
    await harness.outbox.whenIdle();
    expect(server.requests).toHaveLength(0);
    harness.outbox.networkBack();
    await harness.outbox.whenIdle();
    expect(sends().map((request) => bodyOf(request).body).sort()).toEqual(['a', 'b']);
  });

  it('keeps each conversation in order while a failing conversation holds up no other', async () => {
    server.respond((request) => (bodyOf(request).recipient === 'stuck' ? refused(503, 'busy') : accepted()));
    open({ outbox: { concurrency: 2 } });
    for (let n = 1; n <= 3; n += 1) {
      await send('stuck', `stuck ${n}`);
      await send('peer-a', `a ${n}`);
      await send('peer-b', `b ${n}`);
    }
    harness.outbox.start();
    await harness.outbox.whenIdle();
    const bodies = sends().map((request) => bodyOf(request).body);
    expect(bodies.filter((body) => body.startsWith('a '))).toEqual(['a 1', 'a 2', 'a 3']);
    expect(bodies.filter((body) => body.startsWith('b '))).toEqual(['b 1', 'b 2', 'b 3']);
    expect(bodies.filter((body) => body.startsWith('stuck'))).toEqual(['stuck 1']);
    expect(harness.outbox.jobs().map((job) => job.conversationId)).toEqual(['stuck', 'stuck', 'stuck']);
  });

  it('sends the next message of a conversation once the one before has failed for good', async () => {
    server.respond((request) => (bodyOf(request).body === 'too big' ? refused(413, 'too large') : accepted()));
    open();
    await send('peer-1', 'too big');
    await send('peer-1', 'small');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(sends().map((request) => bodyOf(request).body)).toEqual(['too big', 'small']);
  });
});

describe('a send cut off mid-request', () => {
  async function interruptedSend(): Promise<{ dir: string; messageId: number }> {
    server.respond(() => 'hang');
    const dir = mkdtempSync(join(tmpdir(), 'tigerdesk-outbox-'));
    cleanupDirs.push(dir);
    open({ dir, timeoutMs: 60_000 });
    const view = await send('peer-1', 'cut off');
    await send('peer-1', 'behind it');
    harness.outbox.start();
    await eventually(() => server.requests.length === 1, 'the request to reach the server');
    await harness.close();
    server.respond(accepted);
    server.requests.length = 0;
    return { dir, messageId: Number(view.id) };
  }

  it('is finished by the server\'s echo, without a second copy, once the stream has caught up', async () => {
    const { dir, messageId } = await interruptedSend();
    open({ dir, outbox: { inDoubtHoldMs: 15_000 } });
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(server.requests).toHaveLength(0);
    const clientId = harness.store.messages.byId(messageId)!.clientId;
    // What sync stores when the replay brings the echo of the send the server had accepted.
    harness.store.transaction(() => harness.store.messages.upsert({
      token: 'token-from-echo', clientId, conversationId: 'peer-1', conversationKind: 'user', direction: 'out',
      senderToken: 'me', body: 'cut off', createdTime: clock.now(), ttlMinutes: null, dor: false, priority: 0, status: 'sent',
    }));
    harness.outbox.streamCaughtUp();
    await harness.outbox.whenIdle();
    expect(sends().map((request) => bodyOf(request).body)).toEqual(['behind it']);
    expect(harness.store.messages.byId(messageId)).toMatchObject({ token: 'token-from-echo', status: 'sent' });
    expect(harness.outbox.jobs()).toEqual([]);
  });

  it('is sent again with the same client id when the stream does not catch up in time', async () => {
    const { dir, messageId } = await interruptedSend();
    open({ dir, outbox: { inDoubtHoldMs: 15_000 } });
    harness.outbox.start();
    harness.outbox.networkBack();
    clock.advance(14_999);
    await harness.outbox.whenIdle();
    expect(server.requests).toHaveLength(0);
    clock.advance(1);
    await harness.outbox.whenIdle();
    const clientId = harness.store.messages.byId(messageId)!.clientId;
    expect(sends().map((request) => bodyOf(request).body)).toEqual(['cut off', 'behind it']);
    expect(bodyOf(sends()[0]!).data[0]!.payload).toBe(clientId);
  });
});

describe('a send whose 2xx reply is too large to read', () => {
  // 200, not the usual 204: a 204 carries no body at all.
  const huge = (): Answer => ({ ...accepted(), status: 200, body: Buffer.alloc(64 * 1024, 0x20) });

  it('is neither lost nor failed: it waits in doubt, with the reason, and the echo finishes it without a second copy', async () => {
    server.respond(huge);
    open({ maxReplyBytes: 1024, outbox: { inDoubtHoldMs: 15_000 } });
    const view = await send('peer-1', 'answered too much');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(sends()).toHaveLength(1);
    const messageId = Number(view.id);
    expect(harness.store.messages.byId(messageId)).toMatchObject({ token: null });
    expect(harness.outbox.jobs().map(inEnglish)).toMatchObject([{ kind: 'send', state: 'pending', lastError: 'sendMessage: too-large: the reply is larger than 1024 bytes; the rest of it was not read' }]);
    expect(harness.logged).toContainEqual(expect.objectContaining({ level: 'info', message: 'outbox job will be retried' }));
    // Not sent again while in doubt, even with the network back.
    harness.outbox.networkBack();
    clock.advance(10_000);
    await harness.outbox.whenIdle();
    expect(sends()).toHaveLength(1);
    const clientId = harness.store.messages.byId(messageId)!.clientId;
    harness.store.transaction(() => harness.store.messages.upsert({
      token: 'token-from-echo', clientId, conversationId: 'peer-1', conversationKind: 'user', direction: 'out',
      senderToken: 'me', body: 'answered too much', createdTime: clock.now(), ttlMinutes: null, dor: false, priority: 0, status: 'sent',
    }));
    harness.outbox.streamCaughtUp();
    await harness.outbox.whenIdle();
    expect(sends()).toHaveLength(1);
    expect(harness.store.messages.byId(messageId)).toMatchObject({ token: 'token-from-echo', status: 'sent' });
    expect(harness.outbox.jobs()).toEqual([]);
  });

  it('goes again with the same client id when no echo comes, and ends failed with the reason past the give-up window', async () => {
    server.respond(huge);
    open({ maxReplyBytes: 1024, outbox: { inDoubtHoldMs: 15_000, giveUpAfterMs: 60_000 } });
    const view = await send('peer-1', 'answered too much');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    clock.advance(15_000);
    await harness.outbox.whenIdle();
    expect(sends()).toHaveLength(2);
    expect(bodyOf(sends()[1]!).data[0]!.payload).toBe(bodyOf(sends()[0]!).data[0]!.payload);
    for (let step = 0; step < 4; step += 1) {
      clock.advance(15_000);
      await harness.outbox.whenIdle();
    }
    expect(harness.outbox.jobs()).toMatchObject([{ kind: 'send', state: 'failed' }]);
    expect(englishText(harness.outbox.jobs()[0]!.lastError!)).toMatch(/^Not sent within 1 min; last error: sendMessage: too-large/);
    expect(harness.store.messages.byId(Number(view.id))).toMatchObject({ status: 'failed', body: 'answered too much' });
  });
});

describe('a forward cut off mid-request', () => {
  const forwards = () => server.requests.filter((request) => request.path === '/v2/message/received-1/forward/');

  function queueForward(): number {
    const { id } = harness.store.transaction(() => harness.store.messages.upsert({
      token: 'received-1', clientId: null, conversationId: 'peer-1', conversationKind: 'user', direction: 'in',
      senderToken: 'peer-1', body: 'lab result', createdTime: clock.now(), ttlMinutes: null, dor: false, priority: 0, status: 'sent',
    }));
    return harness.outbox.forward(id, { conversationId: 'peer-2' }).id;
  }

  /** The job as a version without request ids stored it: a forward whose repeat the server cannot recognise. */
  function asQueuedBeforeRequestIds(jobId: number): void {
    const { payloadJson } = harness.store.statements.prepare<{ payloadJson: string }>('SELECT payload_json AS payloadJson FROM outbox_jobs WHERE id = ?').get(jobId)!;
    const { requestId, ...older } = JSON.parse(payloadJson) as { requestId?: string };
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    harness.store.statements.prepare('UPDATE outbox_jobs SET payload_json = ? WHERE id = ?').run(JSON.stringify(older), jobId);
  }

  it('goes again with the same Request-ID when no reply came in time: the server forwards once per id', async () => {
    let first = true;
    server.respond(() => (first ? ((first = false), 'hang') : { status: 204, headers: { 'TT-X-Message-Id': 'copy-1' } }));
    open({ timeoutMs: 200 });
    queueForward();
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs().map(inEnglish)).toMatchObject([{ kind: 'forward', state: 'pending', lastError: 'forwardMessage: timeout: no reply within 200 ms' }]);
    clock.advance(500);
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs()).toEqual([]);
    const ids = forwards().map((request) => request.headers['request-id']);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBe(ids[0]);
  });

  it('goes again with the same Request-ID after the app stopped mid-request', async () => {
    server.respond(() => 'hang');
    const dir = mkdtempSync(join(tmpdir(), 'tigerdesk-outbox-'));
    cleanupDirs.push(dir);
    open({ dir, timeoutMs: 60_000 });
    queueForward();
    harness.outbox.start();
    await eventually(() => server.requests.length === 1, 'the request to reach the server');
    await harness.close();

    server.respond({ status: 304, headers: { 'TT-X-Message-Id': 'copy-1' } });
    open({ dir });
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs()).toEqual([]);
    const ids = forwards().map((request) => request.headers['request-id']);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
  });

  it('fails a forward queued before request ids when no reply came in time, rather than forward twice', async () => {
    server.respond(() => 'hang');
    open({ timeoutMs: 200 });
    asQueuedBeforeRequestIds(queueForward());
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs()).toMatchObject([{ kind: 'forward', state: 'failed' }]);
    expect(englishText(harness.outbox.jobs()[0]!.lastError!)).toMatch(/^No reply in time \(forwardMessage: timeout: no reply within 200 ms\): the server may already have forwarded it/);
    expect(forwards().map((request) => request.headers['request-id'])).toEqual([undefined]);
  });

  it('fails a forward queued before request ids that was interrupted, with a reason rather than risk a second copy no one could tell apart', async () => {
    server.respond(() => 'hang');
    const dir = mkdtempSync(join(tmpdir(), 'tigerdesk-outbox-'));
    cleanupDirs.push(dir);
    open({ dir, timeoutMs: 60_000 });
    asQueuedBeforeRequestIds(queueForward());
    harness.outbox.start();
    await eventually(() => server.requests.length === 1, 'the request to reach the server');
    expect(server.requests.map((request) => request.path)).toEqual(['/v2/message/received-1/forward/']);
    await harness.close();

    open({ dir });
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs().map(inEnglish)).toMatchObject([{
      kind: 'forward', state: 'failed',
      lastError: 'Interrupted while forwarding: the server may already have it. Check the conversation before retrying',
    }]);
    expect(server.requests).toHaveLength(1);
  });
});

describe('changing the queue by hand', () => {
  it('cancels a queued message: row, job and cached file are gone, and the window is told', async () => {
    open();
    const path = `${harness.dir}/scan.png`;
    writeFileSync(path, Buffer.from('not really a png'));
    const view = await harness.outbox.send({
      conversationId: 'peer-1', conversationKind: 'user', body: '', attachment: { path, contentType: 'image/png' },
    });
    expect(harness.store.attachments.allCacheFiles().size).toBe(1);
    await harness.outbox.cancel(harness.outbox.jobOfMessage(Number(view.id))!.id);
    expect(harness.store.messages.byId(Number(view.id))).toBeUndefined();
    expect(harness.outbox.jobs()).toEqual([]);
    expect(harness.store.attachments.allCacheFiles().size).toBe(0);
    expect(await harness.cache.sweep(() => new Set())).toBe(0);
    expect(harness.changes.at(-1)!.removedMessages).toEqual([{ id: view.id, conversationId: 'peer-1' }]);
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(server.requests).toHaveLength(0);
  });

  it('refuses to cancel or edit a message while it is being sent', async () => {
    server.respond(() => 'hang');
    open({ timeoutMs: 60_000 });
    const view = await send('peer-1', 'in flight');
    harness.outbox.start();
    const job = harness.outbox.jobOfMessage(Number(view.id))!;
    await eventually(() => server.requests.length === 1, 'the request to reach the server');
    await expect(harness.outbox.cancel(job.id)).rejects.toThrow(`Outbox job ${job.id} is being sent right now and cannot be cancelled`);
    expect(() => harness.outbox.edit(job.id, 'changed')).toThrow('is being sent right now and cannot be edited');
    await harness.outbox.stop();
    // Cut off mid-request: the server may have it, so it stays marked as interrupted for the next start.
    expect(harness.outbox.jobs()).toMatchObject([{ state: 'running' }]);
  });

  it('edits a queued message, and the edited text is what goes out', async () => {
    open();
    const view = await send('peer-1', 'K+ 5.9');
    const job = harness.outbox.jobOfMessage(Number(view.id))!;
    expect(harness.outbox.edit(job.id, 'K+ 5.1 (corrected)')).toMatchObject({ id: view.id, body: 'K+ 5.1 (corrected)', status: 'queued' });
    expect(() => harness.outbox.edit(job.id, ' ')).toThrow('A message needs text or an attachment');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(bodyOf(server.only()).body).toBe('K+ 5.1 (corrected)');
    expect(() => harness.outbox.edit(job.id, 'too late')).toThrow(`There is no outbox job ${job.id}`);
  });

  it('does not edit a message that has already been tried once', async () => {
    server.respond(() => refused(503, 'busy'));
    open();
    const view = await send('peer-1', 'tried');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    const job = harness.outbox.jobOfMessage(Number(view.id))!;
    expect(() => harness.outbox.edit(job.id, 'new text')).toThrow('has already been tried and can no longer be edited');
    expect(harness.store.messages.byId(Number(view.id))!.body).toBe('tried');
  });

  it('retries every failed message of one conversation, or of all', async () => {
    let refuse = true;
    server.respond(() => (refuse ? refused(400, 'bad') : accepted()));
    open();
    await send('peer-1', 'p1 a');
    await send('peer-1', 'p1 b');
    await send('peer-2', 'p2 a');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs().map((job) => job.state)).toEqual(['failed', 'failed', 'failed']);

    refuse = false;
    expect(harness.outbox.retryAll('peer-1')).toBe(2);
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs()).toMatchObject([{ conversationId: 'peer-2', state: 'failed' }]);
    expect(harness.outbox.retryAll()).toBe(1);
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs()).toEqual([]);
    expect(sends().slice(3).map((request) => bodyOf(request).body)).toEqual(['p1 a', 'p1 b', 'p2 a']);
  });

  it('hurries a message waiting for its next attempt when asked to retry', async () => {
    let first = true;
    server.respond(() => (first ? ((first = false), refused(500, 'oops')) : accepted()));
    open({ outbox: { retry: { baseMs: 600_000, capMs: 600_000 } } });
    await send('peer-1', 'now please');
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(harness.outbox.retryAll()).toBe(1);
    await harness.outbox.whenIdle();
    expect(harness.outbox.jobs()).toEqual([]);
  });

  it('removes a recalled message the server never got instead of queueing a recall', async () => {
    open();
    const view = await send('peer-1', 'wrong patient');
    expect(await harness.outbox.recall(Number(view.id))).toBe('cancelled');
    expect(harness.store.messages.byId(Number(view.id))).toBeUndefined();
  });

  it('fails a stored job whose payload was damaged, naming the field', async () => {
    open();
    const view = await send('peer-1', 'x');
    harness.store.statements.prepare(`UPDATE outbox_jobs SET payload_json = '{"recipient":""}'`).run();
    harness.outbox.start();
    await harness.outbox.whenIdle();
    expect(server.requests).toHaveLength(0);
    expect(inEnglish(harness.store.messages.byId(Number(view.id)))).toMatchObject({ status: 'failed', failureReason: 'The stored send job is damaged at recipient' });
  });
});
