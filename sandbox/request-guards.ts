import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './errors';

/**
 * Guards against web pages in a browser on the same machine. Binding 127.0.0.1 does not stop a
 * page whose own name was re-pointed at 127.0.0.1 (DNS rebinding) from reading the answers: its
 * requests still say `Host: that-name`, so only loopback names are answered. And a page may send
 * a form or `text/plain` POST anywhere without asking first (CORS lets those through unasked),
 * so the admin routes, which need no credentials, take JSON only: a page cannot send that
 * cross-origin without a preflight the sandbox never answers.
 */

/** 127.0.0.1, localhost or [::1], with or without a port; names are case-insensitive. */
const LOOPBACK_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;
/** Enough of a refused Host header to recognise it, without echoing a long one back. */
const SHOWN_HOST_CHARS = 80;

/** Why a request with this Host header is refused, or undefined when it names loopback. */
export function hostRefusal(host: string | undefined): string | undefined {
  if (host !== undefined && LOOPBACK_HOST.test(host)) return undefined;
  const got = host === undefined ? 'no Host header' : `Host: ${host.slice(0, SHOWN_HOST_CHARS)}`;
  return `the sandbox answers only requests addressed to a loopback host (127.0.0.1, localhost or [::1], any port); got ${got}`;
}

/** Why a state-changing call to an admin route is refused, or undefined when its body is JSON. */
export function adminBodyRefusal(method: string, route: string | undefined, contentType: string | undefined): string | undefined {
  if (method === 'GET' || method === 'HEAD' || route?.startsWith('/sandbox/') !== true) return undefined;
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json') return undefined;
  return `the sandbox admin routes take only content-type application/json (send {} when there is nothing to say); got ${mediaType === '' ? 'none' : mediaType}`;
}

function guard(request: FastifyRequest): void {
  const wrongHost = hostRefusal(request.headers.host);
  // 421 Misdirected Request: this server does not answer for the authority the request names.
  if (wrongHost !== undefined) throw new HttpError(421, wrongHost);
  // The matched route, not the raw URL, so that a percent-encoded path cannot slip past.
  const notJson = adminBodyRefusal(request.method, request.routeOptions.url, request.headers['content-type']);
  if (notJson !== undefined) throw new HttpError(415, notJson);
}

/** Runs before routing's handlers and body parsing, for every route, the event stream and 404s included. */
export function installRequestGuards(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => guard(request));
}
