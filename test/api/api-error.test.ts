import { describe, expect, it } from 'vitest';
import { ApiError, isRetryable } from '../../main/core/api';

describe('ApiError', () => {
  it('is retryable for network failures, timeouts, 5xx, 429 and 408, and not otherwise', () => {
    expect(isRetryable('network')).toBe(true);
    expect(isRetryable('timeout')).toBe(true);
    for (const status of [408, 429, 500, 502, 503, 504]) expect(isRetryable('http', status)).toBe(true);
    for (const status of [300, 302, 400, 401, 403, 404, 409, 413, 422]) expect(isRetryable('http', status)).toBe(false);
    expect(isRetryable('aborted')).toBe(false);
    expect(isRetryable('bad-response')).toBe(false);
  });

  it('builds its message from the operation, kind, status and server message only', () => {
    const error = new ApiError({ kind: 'http', operation: 'sendMessage', status: 413, serverMessage: 'too large' });
    expect(error.message).toBe('sendMessage: HTTP 413: too large');
    expect(error.name).toBe('ApiError');
    expect(String(error)).toBe('ApiError: sendMessage: HTTP 413: too large');
    expect(error).toBeInstanceOf(Error);
  });

  it('serialises to JSON with its fields and nothing more', () => {
    const error = new ApiError({ kind: 'http', operation: 'getRoster', status: 503, retryAfterMs: 2000 });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ApiError',
      kind: 'http',
      operation: 'getRoster',
      status: 503,
      retryable: true,
      retryAfterMs: 2000,
      // What it says to the user: a catalog key and its parameters, never a credential.
      said: { key: 'api.http', params: { operation: 'getRoster', status: 503 } },
    });
  });
});
