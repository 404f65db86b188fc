/**
 * The request/response core every operation goes through: URL and headers, JSON or
 * multipart body, the default timeout joined with the caller's signal, any status outside
 * 2xx turned into an ApiError (failures.ts), and the `{"reply": ...}` envelope read and validated.
 */
import type * as v from 'valibot';
import { ApiError } from './api-error';
import { readCapped } from './capped-body';
import { httpFailure, transportFailure } from './failures';
import { parseJson } from './json-body';
import { parseWith } from './reply-validation';

export const defaultTimeoutMs = 15_000;

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
}

export interface CallOptions {
  signal?: AbortSignal;
}

export type Body = { json: unknown } | { form: FormData };

export interface Call {
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Under the base URL, segments already encoded (see `segment`). */
  path: string;
  query?: Record<string, string>;
  body?: Body;
  /** Send `TT-X-Organization-Key` when the connection has one. */
  organization?: boolean;
  /** Defaults to JSON; a file download accepts anything. */
  accept?: string;
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

/** Sends one request and reads the whole reply; any status outside 2xx is an ApiError. */
export async function exchange(connection: Connection, call: Call): Promise<RawReply> {
  const { operation } = call;
  if (call.signal?.aborted) throw new ApiError({ kind: 'aborted', operation, detail: 'aborted before sending' });
  const timeout = AbortSignal.timeout(connection.timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
  let reply: RawReply;
  try {
    const response = await connection.fetch(urlOf(connection.baseUrl, call.path, call.query), {
      method: call.method,
      headers: headersFor(connection, call),
      body: bodyOf(call.body),
      signal,
      // A redirect could carry the Authorization header to another host: treat it as an error.
      redirect: 'manual',
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    reply = { status: response.status, headers: response.headers, bytes };
  } catch (error) {
    throw transportFailure(connection, call.operation, call.signal, timeout, error);
  }
  if (reply.status < 200 || reply.status > 299) throw httpFailure(connection, operation, reply);
  return reply;
}

/** A reply whose body is still to be read, and how a failure while reading it is to be reported. */
export interface OpenReply {
  response: Response;
  /** The ApiError for an error thrown while the body is read: the caller's abort, our timeout, the network. */
  failure(error: unknown): ApiError;
}

/**
 * Sends one request and hands back the reply with its body unread, for a download read as a
 * stream (getAttachmentStream); any status outside 2xx is an ApiError, as in exchange. The
 * timeout runs on while the body is read.
 */
export async function openReply(connection: Connection, call: Call, maxErrorBytes: number): Promise<OpenReply> {
  const { operation } = call;
  if (call.signal?.aborted) throw new ApiError({ kind: 'aborted', operation, detail: 'aborted before sending' });
  const timeout = AbortSignal.timeout(connection.timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
  const failure = (error: unknown) => (error instanceof ApiError ? error : transportFailure(connection, operation, call.signal, timeout, error));
  let response: Response;
  try {
    response = await connection.fetch(urlOf(connection.baseUrl, call.path, call.query), {
      method: call.method, headers: headersFor(connection, call), body: bodyOf(call.body), signal, redirect: 'manual',
    });
    if (response.status >= 200 && response.status <= 299) return { response, failure };
    const bytes = await readCapped(response.body, maxErrorBytes, operation);
    throw httpFailure(connection, operation, { status: response.status, headers: response.headers, bytes });
  } catch (error) {
    throw failure(error);
  }
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

function headersFor(connection: Connection, call: Call): Record<string, string> {
  const headers: Record<string, string> = { Authorization: connection.authorization, Accept: call.accept ?? 'application/json' };
  if (call.body && 'json' in call.body) headers['Content-Type'] = 'application/json';
  if (call.organization && connection.organizationKey) {
    headers['TT-X-Organization-Key'] = connection.organizationKey;
  }
  return headers;
}

function bodyOf(body: Body | undefined): string | FormData | undefined {
  if (body === undefined) return undefined;
  return 'json' in body ? JSON.stringify(body.json) : body.form;
}
