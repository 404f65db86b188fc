/**
 * The `fetch` the EventSource connects with: adds the session's headers (Basic
 * authorization) and the `TT-X-Features` the client wants, reports every chunk that
 * arrives (so the watchdog hears bytes, not just whole events, and SSE comments count as
 * signs of life), reports the response's status and `Retry-After`, reads no further
 * while the reader is not `ready` for more (so a replay waits in the socket, not in memory),
 * and ends the stream at the first line or event past `maxEventBytes`, before the SSE parser
 * would buffer it (what came before that line still reaches the parser).
 */
import type { UserText } from '../../../i18n/user-text';
import type { FetchLike, FetchLikeResponse } from 'eventsource';
import { parseRetryAfter } from '../api/retry-after';
import { readTransportFailure } from '../api/transport-cause';
import type { TransportCause } from '../api/transport-cause';
import { createEventSizeGuard } from './event-size-guard';

export interface StreamResponseInfo {
  status: number;
  /** From `Retry-After`, in ms from now. */
  retryAfterMs?: number;
}

export interface StreamFetchOptions {
  fetch: typeof fetch;
  headers: Readonly<Record<string, string>>;
  features: readonly string[];
  now: () => number;
  onResponse: (info: StreamResponseInfo) => void;
  onChunk: () => void;
  /** The longest line and the largest event read; past it the stream ends and `onOversize` says why. */
  maxEventBytes: number;
  /** Called once, just before the stream ends, with why (the cap, never the content). */
  onOversize: (reason: UserText) => void;
  /** Resolves when the events read so far have been taken in hand; until then nothing more is read. */
  ready?: () => Promise<void> | undefined;
  /** Told what stopped the connection (a certificate, a proxy) before the error naming it in English reaches EventSource. */
  onTransportCause?: (cause: TransportCause) => void;
}

/** `TT-X-Features` is one comma-separated list: keep what the request already asked for. */
export function mergeFeatures(existing: string | null, wanted: readonly string[]): string {
  const features = (existing ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '');
  for (const feature of wanted) if (!features.includes(feature)) features.push(feature);
  return features.join(',');
}

export function createStreamFetch(options: StreamFetchOptions): FetchLike {
  return async (url, init) => {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(options.headers)) headers.set(name, value);
    const features = mergeFeatures(headers.get('TT-X-Features'), options.features);
    if (features !== '') headers.set('TT-X-Features', features);

    // Not followed: a redirect could carry the Authorization header to another host (as for every API call).
    const response = await fetchNamingCause(options.fetch, url, { ...init, headers, redirect: 'manual' }, options.onTransportCause);
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), options.now);
    options.onResponse(retryAfterMs === undefined ? { status: response.status } : { status: response.status, retryAfterMs });

    if (response.status !== 200 || response.body === null) {
      // EventSource never reads a refused response's body: release the connection now.
      await response.body?.cancel().catch(() => undefined);
      return withBody(response, null);
    }
    const { onChunk, ready, onOversize } = options;
    const guard = createEventSizeGuard(options.maxEventBytes);
    const tapped = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        async transform(chunk, controller) {
          onChunk();
          const oversize = guard.take(chunk);
          // While this waits, the pipe reads nothing more: the server's sending waits on TCP.
          const wait = ready?.();
          if (wait !== undefined) await wait;
          if (oversize === undefined) {
            controller.enqueue(chunk);
            return;
          }
          // Reported first, so that the owner knows why the stream is about to end. The bytes
          // before the oversized line or event are passed on (the events they end are whole),
          // then the parser sees the end of the stream and the response body is cancelled.
          onOversize(oversize.said);
          if (oversize.keep > 0) controller.enqueue(chunk.subarray(0, oversize.keep));
          controller.terminate();
        },
      }),
    );
    return withBody(response, tapped);
  };
}

/**
 * A connection stopped by a certificate check or a proxy fails with an error that names it:
 * EventSource reports only the message, which becomes the logged and shown offline reason.
 * Anything else (an abort above all, which EventSource recognises by its name) passes as it is.
 */
async function fetchNamingCause(
  fetchImpl: typeof fetch,
  url: string | URL,
  init: RequestInit,
  told: ((cause: TransportCause) => void) | undefined,
): Promise<Response> {
  try {
    return await fetchImpl(url, init);
  } catch (error) {
    const { cause } = readTransportFailure(error);
    if (cause === undefined) throw error;
    told?.(cause);
    throw new Error(cause.text);
  }
}

function withBody(response: Response, body: ReadableStream<Uint8Array> | null): FetchLikeResponse {
  return {
    body,
    url: response.url,
    status: response.status,
    redirected: response.redirected,
    headers: response.headers,
  };
}
