/**
 * The request/response core every operation goes through: URL and headers, JSON or
 * multipart body, the default timeout joined with the caller's signal, any status outside
 * 2xx turned into an ApiError (failures.ts) except an idempotent send's "already sent" 304,
 * the body read up to a cap (capped-body.ts), and the `{"reply": ...}` envelope read and
 * validated.
 */
import type * as v from 'valibot';
import { ApiError } from './api-error';
import { readCapped, tooLarge } from './capped-body';
import { httpFailure, transportFailure } from './failures';
import { parseJson } from './json-body';
import { parseWith } from './reply-validation';

export const defaultTimeoutMs = 15_000;

/**
 * The largest JSON reply read, by default. A page of 100 messages with their metadata is tens
 * of KB, a roster of thousands of entries a few MB: 16 MB leaves room for the largest honest
 * reply while a hostile or broken server cannot make the client hold (and parse) more.
 */
export const defaultMaxReplyBytes = 16 * 1024 * 1024;

/**
 * The most of an error reply's body read for its message (which is cut at 500 characters
 * anyway). A larger one keeps its status and loses its message: a 401 stays a 401.
 */
export const maxErrorBodyBytes = 64 * 1024;

export interface Connection {
  /** The service root including `/v2`, e.g. `http://127.0.0.1:7443/v2`. */
  baseUrl: string;
  /** The whole Authorization header value. */
  authorization: string;
  organizationKey?: string;
  timeoutMs: number;
  fetch: typeof fetch;
  /** Strings that must never appear in an error: the header, key, secret, password. */
  secrets: readonly string[];
  now: () => number;
  /** The largest 2xx reply body read whole; a larger one is a 'too-large' ApiError. */
  maxReplyBytes: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * The organization the call acts in, for an operation that names one (`TT-X-Organization-Key`);
   * default: the connection's, the organization the account signed in with.
   */
  organizationKey?: string;
}

export type Body = { json: unknown } | { form: FormData };

export interface Call {
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Under the base URL, segments already encoded (see `segment`). */
  path: string;
  query?: Record<string, string>;
  body?: Body;
  /** Send `TT-X-Organization-Key`: `organizationKey`, else the connection's (see inOrganization). */
  organization?: boolean;
  organizationKey?: string;
  /** Defaults to JSON; a file download accepts anything. */
  accept?: string;
  /**
   * An idempotent send's id, sent as `Request-ID`. A 304 naming a message (`TT-X-Message-Id`)
   * then means an earlier request with this id stored it: returned like a 2xx (see isDone).
   */
  requestId?: string;
  /** Operation headers, such as the mute operations' `TT-X-Sender-Token` (a DELETE carries no body). */
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
}

export interface RawReply {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

/** Refuses a missing or empty argument with an error naming it, before anything is sent. */
export function requireText(operation: string, name: string, value: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${operation}: ${name} must be a non-empty string`);
  }
  return value;
}

/** One path segment from a token or address; "." and ".." would be resolved away and change the path. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function segment(operation: string, name: string, value: string): string {
  if (requireText(operation, name, value) === '.' || value === '..') {
    throw new TypeError(`${operation}: ${name} must not be "." or ".."`);
  }
  if (loneSurrogate.test(value)) {
    // A lone surrogate (damaged or half-pasted text) cannot be put in a URL.
    throw new TypeError(`${operation}: ${name} holds a broken character and cannot be sent`);
  }
  return encodeURIComponent(value);
}

export function urlOf(baseUrl: string, path: string, query?: Record<string, string>): string {
  const url = `${baseUrl.replace(/\/+$/, '')}${path}`;
  const search = query ? new URLSearchParams(query).toString() : '';
  return search === '' ? url : `${url}?${search}`;
}

/**
 * A 2xx reply whose body is not read yet, for a caller that streams it (through cappedChunks)
 * rather than holding it whole. `failure` turns what reading the body throws into the
 * ApiError to report: the caller's abort, the timeout, a dropped connection, or as it is
 * when it already is one (too-large).
 */
export interface OpenReply {
  response: Response;
  failure: (error: unknown) => ApiError;
}

/** A 2xx; or a 304 to a call with a Request-ID, naming the message an earlier request with that id stored. */
export function isDone(call: Pick<Call, 'requestId'>, status: number, headers: Headers): boolean {
  if (status >= 200 && status <= 299) return true;
  return call.requestId !== undefined && status === 304 && (headers.get('tt-x-message-id')?.trim() ?? '') !== '';
}

/** Sends one request and waits for its status; any status but done (isDone) is an ApiError, the body of a done reply left unread. */
export async function openReply(connection: Connection, call: Call): Promise<OpenReply> {
  const { operation } = call;
  if (call.signal?.aborted) throw new ApiError({ kind: 'aborted', operation, detail: 'aborted before sending' });
  const timeout = AbortSignal.timeout(connection.timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
  const failure = (error: unknown) => (error instanceof ApiError ? error : transportFailure(connection, operation, call.signal, timeout, error));
  let response: Response;
  try {
    response = await connection.fetch(urlOf(connection.baseUrl, call.path, call.query), {
      method: call.method,
      headers: headersFor(connection, call),
      body: bodyOf(call.body),
      signal,
      // A redirect could carry the Authorization header to another host: treat it as an error.
      redirect: 'manual',
    });
  } catch (error) {
    throw failure(error);
  }
  if (!isDone(call, response.status, response.headers)) {
    const bytes = await errorBody(response, failure);
    throw httpFailure(connection, operation, { status: response.status, headers: response.headers, bytes });
  }
  return { response, failure };
}

/** Sends one request and reads the whole reply, up to the connection's cap; any status but done (isDone) is an ApiError. */
export async function exchange(connection: Connection, call: Call): Promise<RawReply> {
  const { response, failure } = await openReply(connection, call);
  const { maxReplyBytes } = connection;
  try {
    // Refused on the server's own word, before a byte of the body is read.
    if (declaredLength(response) > maxReplyBytes) throw tooLarge(call.operation, maxReplyBytes);
    const bytes = await readCapped(response.body, maxReplyBytes, call.operation);
    return { status: response.status, headers: response.headers, bytes };
  } catch (error) {
    await response.body?.cancel().catch(() => undefined);
    throw failure(error);
  }
}

/**
 * The body of an error reply, for its message: at most maxErrorBodyBytes of it. A larger one,
 * or one cut off mid-way, is dropped (empty) so that the status is still what is reported;
 * only the caller's abort or the timeout wins over the status.
 */
async function errorBody(response: Response, failure: (error: unknown) => ApiError): Promise<Uint8Array> {
  if (declaredLength(response) > maxErrorBodyBytes) {
    await response.body?.cancel().catch(() => undefined);
    return new Uint8Array(0);
  }
  try {
    return await readCapped(response.body, maxErrorBodyBytes, 'error reply');
  } catch (error) {
    const reported = failure(error);
    if (reported.kind === 'aborted' || reported.kind === 'timeout') throw reported;
    return new Uint8Array(0);
  }
}

/** `Content-Length` as a number of bytes; 0 when absent or unreadable (the read's own count still applies). */
export function declaredLength(response: Response): number {
  const text = response.headers.get('content-length')?.trim() ?? '';
  return /^\d{1,15}$/.test(text) ? Number(text) : 0;
}

/** For operations whose 200 reply is `{"reply": ...}`: the validated `reply`. */
export async function exchangeForReply<T>(
  connection: Connection,
  call: Call,
  schema: v.GenericSchema<unknown, T>,
): Promise<T> {
  return readReply(call.operation, await exchange(connection, call), schema);
}

export function readReply<T>(operation: string, reply: RawReply, schema: v.GenericSchema<unknown, T>): T {
  return parseWith(schema, replyField(operation, reply), operation);
}

/** The `reply` member of a JSON body, before validation. */
function replyField(operation: string, reply: RawReply): unknown {
  if (reply.bytes.length === 0) {
    throw new ApiError({ kind: 'bad-response', operation, detail: `HTTP ${reply.status} with an empty body, expected JSON` });
  }
  const json = parseJson(reply.bytes);
  if (json === undefined) {
    throw new ApiError({ kind: 'bad-response', operation, detail: 'body is not JSON' });
  }
  if (typeof json !== 'object' || json === null || !('reply' in json)) {
    throw new ApiError({ kind: 'bad-response', operation, detail: 'reply: missing' });
  }
  return json.reply;
}

/** The organization part of a call acting in `options`' organization (or the connection's). */
export function inOrganization(options: CallOptions): Pick<Call, 'organization' | 'organizationKey'> {
  return options.organizationKey === undefined ? { organization: true } : { organization: true, organizationKey: options.organizationKey };
}

function headersFor(connection: Connection, call: Call): Record<string, string> {
  const headers: Record<string, string> = { ...call.headers, Authorization: connection.authorization, Accept: call.accept ?? 'application/json' };
  if (call.body && 'json' in call.body) headers['Content-Type'] = 'application/json';
  if (call.requestId !== undefined) headers['Request-ID'] = call.requestId;
  const organization = call.organizationKey ?? connection.organizationKey;
  if (call.organization && organization) headers['TT-X-Organization-Key'] = organization;
  return headers;
}

function bodyOf(body: Body | undefined): string | FormData | undefined {
  if (body === undefined) return undefined;
  return 'json' in body ? JSON.stringify(body.json) : body.form;
}
