/**
 * The one error type the API client throws. Its message is built only from the operation,
 * the kind, the HTTP status and the server's (redacted) message, so it can be logged and
 * shown without leaking credentials.
 */
import { SaidError } from '../../../i18n/said-error';
import { userText } from '../../../i18n/user-text';
import type { UserText } from '../../../i18n/user-text';
import type { TransportCauseKind } from './transport-cause';

export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'aborted' | 'bad-response' | 'too-large';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  /** The client method that failed, e.g. 'sendMessage'. */
  operation: string;
  status?: number;
  serverMessage?: string;
  retryAfterMs?: number;
  /** What went wrong, for kinds other than 'http' (never a header, body or credential). */
  detail?: string;
  /** For 'network': the system error code, e.g. ECONNREFUSED, when there was one. */
  networkCode?: string;
  /** For 'network': what stopped the connection, when it was a certificate check or a proxy (see transport-cause.ts). */
  transportCause?: TransportCauseKind;
}

export class ApiError extends SaidError {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly operation: string;
  readonly status?: number;
  readonly serverMessage?: string;
  /** What went wrong, for kinds other than 'http': as given, so a caller can word it its own way. */
  readonly detail?: string;
  /** Whether sending the same request again later can succeed. */
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly networkCode?: string;
  readonly transportCause?: TransportCauseKind;

  constructor(init: ApiErrorInit) {
    super(describe(init));
    this.kind = init.kind;
    this.operation = init.operation;
    if (init.status !== undefined) this.status = init.status;
    if (init.serverMessage !== undefined) this.serverMessage = init.serverMessage;
    if (init.detail !== undefined) this.detail = init.detail;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.networkCode !== undefined) this.networkCode = init.networkCode;
    if (init.transportCause !== undefined) this.transportCause = init.transportCause;
    this.retryable = isRetryable(init.kind, init.status);
  }
}

/**
 * A dropped connection or a slow server may recover; a refused request will be refused again.
 * An abort is the caller's own decision, and a reply we cannot read (or will not hold) will not change by asking twice.
 */
export function isRetryable(kind: ApiErrorKind, status?: number): boolean {
  switch (kind) {
    case 'network':
    case 'timeout':
      return true;
    case 'http':
      return status !== undefined && (status >= 500 || status === 429 || status === 408);
    // An abort is the caller's; a reply unreadable or too large will be so next time too.
    case 'aborted':
    case 'bad-response':
    case 'too-large':
      return false;
  }
}

/**
 * Codes that prove the request never reached the server: the connection was never made.
 * Node's, then Chromium's (Electron's net.fetch) for the same failures.
 */
const neverConnected: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL',
  'ERR_CONNECTION_REFUSED', 'ERR_NAME_NOT_RESOLVED', 'ERR_NAME_RESOLUTION_FAILED', 'ERR_ADDRESS_UNREACHABLE', 'ERR_INTERNET_DISCONNECTED',
]);

/**
 * Whether the server may have carried out the request although no usable reply came: a
 * timeout, a connection that dropped once made (the server may have stored the request and
 * then lost the connection), or a 2xx reply too large to read (the server said yes, and what
 * it answered is unknown). Only a connection never made proves it was not delivered.
 */
export function mayHaveBeenDelivered(error: ApiError): boolean {
  if (error.kind === 'timeout' || error.kind === 'too-large') return true;
  if (error.kind !== 'network') return false;
  // A certificate is checked, and a proxy's tunnel opened, before any byte of the request is sent.
  if (error.transportCause !== undefined) return false;
  return error.networkCode === undefined || !neverConnected.has(error.networkCode);
}

/**
 * The operation, the kind (or the HTTP status) and the server's message or the detail. The
 * server's message and the detail are parameters, as written: the server's own words, and a
 * technical detail (a system error code, a limit) the client words only in English.
 */
function describe(init: ApiErrorInit): UserText {
  const { operation } = init;
  if (init.kind === 'http') {
    const status = init.status ?? '?';
    return init.serverMessage ? userText('api.http-saying', { operation, status, serverMessage: init.serverMessage }) : userText('api.http', { operation, status });
  }
  // An ICU select chooses among plain words: bad-response is bad_response there (the English words it as the kind).
  const kind = init.kind.replace(/-/g, '_');
  return init.detail ? userText('api.failed-detail', { operation, kind, detail: init.detail }) : userText('api.failed', { operation, kind });
}
