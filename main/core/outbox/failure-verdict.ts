/**
 * What to do after an attempt failed: try again later, give up with the server's reason, or
 * stop the whole outbox until the user signs in again. Pure: the delay's randomness is
 * injected, so a test knows every delay exactly.
 */
import { saidOf } from '../../../i18n/said-error';
import { userText } from '../../../i18n/user-text';
import type { MessageKey, UserText } from '../../../i18n/user-text';
import { ApiError, mayHaveBeenDelivered } from '../api/api-error';
import { fullJitterDelay } from '../events/backoff';

export type Verdict =
  /**
   * `serverHold`: the delay is the server's `Retry-After`, which a network change does not cut short.
   * `inDoubt`: the request may have been carried out (no reply came in time), so sending it
   * again may make a second copy.
   */
  | { kind: 'retry'; delayMs: number; reason: UserText; serverHold: boolean; inDoubt: boolean }
  | { kind: 'fail'; reason: UserText }
  | { kind: 'pause-auth'; reason: UserText }
  /** Our own abort (stop): the attempt does not count as a failure. */
  | { kind: 'interrupted' };

export interface RetryPolicy {
  /** The first retry's delay ceiling, in ms. */
  baseMs: number;
  /** No computed delay exceeds this; a server's `Retry-After` may. */
  capMs: number;
  /** Uniform in [0, 1). */
  random: () => number;
}

/** `attempts`: attempts made so far, this failed one included (1 after the first). */
export function verdictFor(error: unknown, attempts: number, policy: RetryPolicy): Verdict {
  if (!(error instanceof ApiError)) {
    // Our own refusal before the request (an unreadable cached file, invalid input): asking again cannot help.
    return { kind: 'fail', reason: error instanceof Error ? saidOf(error) : userText('failure.unknown') };
  }
  switch (error.kind) {
    case 'aborted':
      return { kind: 'interrupted' };
    // 'too-large' is a 2xx whose body was past the cap: the server carried the request out, so
    // it is resolved as an unknown outcome (in doubt, see job-scheduler.ts), neither lost nor blindly sent twice.
    case 'network':
    case 'timeout':
    case 'too-large':
      return retry(error, attempts, policy);
    case 'bad-response':
      return { kind: 'fail', reason: userText('failure.unreadable-reply', { detail: error.message }) };
    case 'http':
      break;
  }
  const status = error.status ?? 0;
  if (status === 401) return { kind: 'pause-auth', reason: userText('failure.sign-in-refused') };
  if (status === 408 || status === 429 || status >= 500) return retry(error, attempts, policy);
  return { kind: 'fail', reason: refusal(status, error.serverMessage) };
}

function retry(error: ApiError, attempts: number, policy: RetryPolicy): Verdict {
  const backoff = fullJitterDelay(Math.max(0, attempts - 1), policy.baseMs, policy.capMs, policy.random);
  const held = error.retryAfterMs !== undefined && error.retryAfterMs > backoff;
  // A connection never made never delivered the request; a timeout or a dropped connection may
  // have, with the reply lost: sending again at once could make a second copy.
  const inDoubt = mayHaveBeenDelivered(error);
  return { kind: 'retry', delayMs: held ? error.retryAfterMs! : backoff, reason: error.said, serverHold: held, inDoubt };
}

/** The server's refusal by its status; its own words, when it gave some, are a parameter as written. */
const refusals: Readonly<Record<number, readonly [MessageKey, MessageKey]>> = {
  400: ['failure.refused-invalid', 'failure.refused-invalid-saying'],
  403: ['failure.forbidden', 'failure.forbidden-saying'],
  404: ['failure.unknown-recipient', 'failure.unknown-recipient-saying'],
  413: ['failure.refused-too-large', 'failure.refused-too-large-saying'],
};

function refusal(status: number, serverMessage: string | undefined): UserText {
  const [plain, saying] = refusals[status] ?? ['failure.refused', 'failure.refused-saying'];
  return serverMessage ? userText(saying, { status, serverMessage }) : userText(plain, { status });
}
