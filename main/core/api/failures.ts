/**
 * Maps what went wrong to an ApiError: a transport failure (the caller's abort, our timeout,
 * the network) or a reply outside 2xx. Keeps nothing from the underlying error or the reply
 * that could hold a credential: a system error code, and the server's message redacted.
 */
import { ApiError } from './api-error';
import { redact } from './authorization';
import type { Connection, RawReply } from './http';
import { parseJson } from './json-body';
import { parseRetryAfter } from './retry-after';
import { readTransportFailure } from './transport-cause';

export function transportFailure(
  connection: Connection,
  operation: string,
  callerSignal: AbortSignal | undefined,
  timeout: AbortSignal,
  error: unknown,
): ApiError {
  if (callerSignal?.aborted) return new ApiError({ kind: 'aborted', operation, detail: 'aborted by the caller' });
  if (timeout.aborted) {
    return new ApiError({ kind: 'timeout', operation, detail: `no reply within ${connection.timeoutMs} ms` });
  }
  // Only a code (and a cause named from it) is kept from the underlying error: its message could quote the request.
  const { code, cause } = readTransportFailure(error);
  if (cause !== undefined) return new ApiError({ kind: 'network', operation, detail: cause.text, networkCode: cause.code, transportCause: cause.kind });
  return code
    ? new ApiError({ kind: 'network', operation, detail: `request failed (${code})`, networkCode: code })
    : new ApiError({ kind: 'network', operation, detail: 'request failed' });
}

export function httpFailure(connection: Connection, operation: string, reply: RawReply): ApiError {
  const message = serverMessageOf(reply.bytes);
  const retryAfterMs = parseRetryAfter(reply.headers.get('retry-after'), connection.now);
  return new ApiError({
    kind: 'http',
    operation,
    status: reply.status,
    ...(message === undefined ? {} : { serverMessage: shorten(redact(message, connection.secrets)) }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

const longestServerMessage = 500;

/** `{"error": {"message": "..."}}`, or the looser `{"error": "..."}`; anything else has none. */
function serverMessageOf(bytes: Uint8Array): string | undefined {
  const json = parseJson(bytes) as { error?: unknown } | undefined;
  const error = typeof json === 'object' && json !== null ? json.error : undefined;
  const message = typeof error === 'string' ? error : (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

/** Cut only after redaction, so that a cut can never leave part of a secret behind. */
function shorten(message: string): string {
  return message.length > longestServerMessage ? `${message.slice(0, longestServerMessage)}…` : message;
}
