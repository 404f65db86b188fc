import { describe, expect, it } from 'vitest';
import { englishText } from '../../i18n/english';
import { userText } from '../../i18n/user-text';
import type { UserText } from '../../i18n/user-text';
import { ApiError } from '../../main/core/api/api-error';
import { verdictFor } from '../../main/core/outbox/failure-verdict';
import { OutboxError } from '../../main/core/outbox/outbox-error';

const policy = { baseMs: 1_000, capMs: 60_000, random: () => 0.5 };
const http = (status: number, extra: { serverMessage?: string; retryAfterMs?: number } = {}) =>
  new ApiError({ kind: 'http', operation: 'sendMessage', status, ...extra });


/** A verdict, job or message with its reason worded in English (as the CLI prints it), to match the sentence. */
function inEnglish<T extends object>(held: T | undefined): Record<string, unknown> | undefined {
  if (held === undefined) return undefined;
  const worded = (value: unknown) => (value !== null && typeof value === 'object' ? englishText(value as UserText) : value);
  return Object.fromEntries(Object.entries(held).map(([name, value]) => [name, ['reason', 'lastError', 'failureReason'].includes(name) ? worded(value) : value]));
}
describe('the verdict on a failed attempt', () => {
  it('retries network errors and timeouts with exponential backoff and jitter', () => {
    const network = new ApiError({ kind: 'network', operation: 'sendMessage', detail: 'request failed (ECONNREFUSED)', networkCode: 'ECONNREFUSED' });
    const timeout = new ApiError({ kind: 'timeout', operation: 'sendMessage', detail: 'no reply within 15000 ms' });
    expect(inEnglish(verdictFor(network, 1, policy))).toEqual({
      kind: 'retry', delayMs: 500, reason: 'sendMessage: network: request failed (ECONNREFUSED)', serverHold: false, inDoubt: false,
    });
    expect(verdictFor(timeout, 2, policy)).toMatchObject({ kind: 'retry', delayMs: 1_000, inDoubt: true });
    expect(verdictFor(timeout, 3, policy)).toMatchObject({ kind: 'retry', delayMs: 2_000 });
  });

  it('holds a send in doubt when the connection dropped after it was made, since the server may have it', () => {
    const dropped = (networkCode?: string) =>
      new ApiError({ kind: 'network', operation: 'sendMessage', detail: 'request failed', ...(networkCode ? { networkCode } : {}) });
    for (const code of ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', undefined]) {
      expect(verdictFor(dropped(code), 1, policy), String(code)).toMatchObject({ kind: 'retry', inDoubt: true });
    }
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH']) {
      expect(verdictFor(dropped(code), 1, policy), code).toMatchObject({ kind: 'retry', inDoubt: false });
    }
  });

  it('never waits longer than the cap it computes itself', () => {
    expect(verdictFor(http(500), 40, { ...policy, random: () => 0.999 })).toMatchObject({ kind: 'retry', delayMs: 59_940 });
  });

  it.each([500, 502, 503, 504, 429, 408])('retries HTTP %i', (status) => {
    expect(verdictFor(http(status), 1, policy)).toMatchObject({ kind: 'retry', delayMs: 500, serverHold: false, inDoubt: false });
  });

  it('waits as long as Retry-After says when that is longer than the backoff, and marks it as the server\'s hold', () => {
    expect(verdictFor(http(503, { retryAfterMs: 30_000 }), 1, policy)).toMatchObject({ kind: 'retry', delayMs: 30_000, serverHold: true });
    expect(verdictFor(http(429, { retryAfterMs: 120_000 }), 1, policy)).toMatchObject({ kind: 'retry', delayMs: 120_000, serverHold: true });
    expect(verdictFor(http(503, { retryAfterMs: 100 }), 1, policy)).toMatchObject({ kind: 'retry', delayMs: 500, serverHold: false });
  });

  it.each([
    [400, 'The server refused it as invalid (HTTP 400): field "ttl" must be -1'],
    [403, 'The server does not allow it (HTTP 403): field "ttl" must be -1'],
    [404, 'The server does not know the recipient or message (HTTP 404): field "ttl" must be -1'],
    [413, 'The server refused it as too large (HTTP 413): field "ttl" must be -1'],
    [422, 'The server refused it (HTTP 422): field "ttl" must be -1'],
  ])('fails HTTP %i at once with the server\'s reason', (status, reason) => {
    expect(inEnglish(verdictFor(http(status, { serverMessage: 'field "ttl" must be -1' }), 1, policy))).toEqual({ kind: 'fail', reason });
  });

  it('still says what happened when the server gave no reason', () => {
    expect(verdictFor(http(413), 1, policy)).toEqual({ kind: 'fail', reason: userText('failure.refused-too-large', { status: 413 }) });
    expect(inEnglish(verdictFor(http(413), 1, policy))).toEqual({ kind: 'fail', reason: 'The server refused it as too large (HTTP 413)' });
  });

  it('holds a 2xx reply too large to read in doubt: the server carried the request out', () => {
    const tooLarge = new ApiError({ kind: 'too-large', operation: 'sendMessage', detail: 'the reply is larger than 1024 bytes; the rest of it was not read' });
    expect(inEnglish(verdictFor(tooLarge, 1, policy))).toEqual({
      kind: 'retry', delayMs: 500, reason: 'sendMessage: too-large: the reply is larger than 1024 bytes; the rest of it was not read', serverHold: false, inDoubt: true,
    });
  });

  it('pauses the outbox on 401', () => {
    expect(verdictFor(http(401), 1, policy)).toMatchObject({ kind: 'pause-auth' });
  });

  it('treats our own abort as an interruption, not a failure', () => {
    expect(verdictFor(new ApiError({ kind: 'aborted', operation: 'sendMessage' }), 3, policy)).toEqual({ kind: 'interrupted' });
  });

  it('fails an unreadable reply and our own refusals with their message', () => {
    const bad = new ApiError({ kind: 'bad-response', operation: 'sendMessage', detail: 'header TT-X-Message-Id: missing' });
    const unreadable = verdictFor(bad, 1, policy);
    expect(unreadable).toEqual({
      kind: 'fail', reason: userText('failure.unreadable-reply', { detail: 'sendMessage: bad-response: header TT-X-Message-Id: missing' }),
    });
    expect(unreadable.kind === 'fail' && englishText(unreadable.reason))
      .toBe("The server's reply could not be read: sendMessage: bad-response: header TT-X-Message-Id: missing");
    expect(verdictFor(new OutboxError('not-editable', userText('outbox.recall-never-sent')), 1, policy))
      .toEqual({ kind: 'fail', reason: userText('outbox.recall-never-sent') });
  });
});
