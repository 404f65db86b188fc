/**
 * Idempotent sends ("Beyond the seed" in API.md): a send or forward may carry `Request-ID`.
 * A repeat with an id the same account has already sent with stores nothing and is answered
 * 304 with the first message's token, so a client that lost the reply can simply send again.
 * A sandbox started with `deduplicateRequests: false` does not read the header at all, as a
 * server without the feature would not, so that a test can show what the client does alone.
 */
import type { FastifyRequest } from 'fastify';
import type { SandboxContext } from './context';
import { badRequest } from './errors';
import type { AccountRow } from './store/accounts';
import type { MessageRow } from './store/messages';

/** A client's UUID fits; so does any other short id without spaces or separators. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's `Request-ID`, checked; undefined when it has none or deduplication is off. */
export function requestIdOf(ctx: SandboxContext, request: FastifyRequest): string | undefined {
  if (!ctx.deduplicateRequests) return undefined;
  const value = request.headers['request-id'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !REQUEST_ID.test(value)) {
    throw badRequest('header "Request-ID" must be 1 to 128 letters, digits, ".", "_", ":" or "-" (a UUID, say), and given once');
  }
  return value;
}

/** What a send or forward answers: the message's token and ttl, and whether an earlier request stored it. */
export interface SendReceipt {
  token: string;
  ttl: number;
  repeated: boolean;
}

/** Runs `send` unless the sender already sent with `requestId`; the id is recorded in the send's own transaction. */
export function sendOnce(
  ctx: SandboxContext,
  sender: AccountRow,
  requestId: string | undefined,
  send: () => MessageRow,
): SendReceipt {
  if (requestId === undefined) {
    const message = send();
    return { token: message.token, ttl: message.ttl, repeated: false };
  }
  const earlier = ctx.requestIds.find(sender.token, requestId);
  if (earlier !== undefined) return { token: earlier.message_token, ttl: earlier.ttl, repeated: true };
  return ctx.fanout.write(() => {
    const message = send();
    ctx.requestIds.record(sender.token, requestId, { message_token: message.token, ttl: message.ttl });
    return { token: message.token, ttl: message.ttl, repeated: false };
  });
}
