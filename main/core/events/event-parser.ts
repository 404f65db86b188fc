/**
 * Reads the `data` of one SSE message into events (API.md: one JSON object
 * `{"event_id", "event": {"tigertext:iq:<name>": payload}}`, or several separated by
 * newlines). Pure and total: any string gives a list, never an exception, so a bad event
 * can only ever be skipped, not take the stream down.
 *
 * A rejected event keeps its id when one can be found, so it can still be acknowledged and
 * does not come back on every connect. Reasons name the field and what was expected, never
 * the value that was received: values may be message bodies.
 */
import * as v from 'valibot';
import { readPlainMessage } from '../api/plain-message';
import { isEventName, payloadSchemas, type EventName, type EventPayload } from './event-payloads';
import { isPlainObject } from '../api/plain-object';

export const EVENT_PREFIX = 'tigertext:iq:';
const MAX_EVENT_ID_LENGTH = 256;

export type StreamEvent = {
  [N in EventName]: { ok: true; eventId: string; name: N; payload: EventPayload<N> };
}[EventName];

export interface MalformedEvent {
  ok: false;
  eventId?: string;
  reason: string;
}

export type ParsedEvent = StreamEvent | MalformedEvent;

export function parseEventData(data: string): ParsedEvent[] {
  if (data.trim() === '') return [];
  const whole = tryJson(data);
  // The usual case, and the only way to read one object that was pretty-printed over lines.
  if (whole.ok) return [parseEventObject(whole.value)];
  const events: ParsedEvent[] = [];
  for (const line of data.split(/\r?\n|\r/)) {
    if (line.trim() === '') continue;
    const parsed = tryJson(line);
    events.push(parsed.ok ? parseEventObject(parsed.value) : malformed('not valid JSON', salvageEventId(line)));
  }
  return events;
}

/** Reads one already-decoded JSON value as an event. */
export function parseEventObject(value: unknown): ParsedEvent {
  if (!isPlainObject(value)) return malformed('not a JSON object');
  const eventId = value['event_id'];
  if (typeof eventId !== 'string' || eventId === '') return malformed('missing event_id');
  if (eventId.length > MAX_EVENT_ID_LENGTH) return malformed('event_id too long');

  const envelope = value['event'];
  if (!isPlainObject(envelope)) return malformed('missing event object', eventId);
  const keys = Object.keys(envelope).filter((key) => key.startsWith(EVENT_PREFIX));
  if (keys.length === 0) return malformed(`no ${EVENT_PREFIX} key in event`, eventId);
  if (keys.length > 1) return malformed(`${keys.length} ${EVENT_PREFIX} keys in one event`, eventId);

  const key = keys[0] as string;
  const name = key.slice(EVENT_PREFIX.length);
  if (!isEventName(name)) return malformed(`unknown event ${printableName(name)}`, eventId);

  if (name === 'message' || name === 'group_message') {
    const plain = readPlainMessage(envelope[key]);
    if (plain !== undefined) return { ok: true, eventId, name, payload: plain };
  }
  const result = v.safeParse(payloadSchemas[name], envelope[key], { abortEarly: true, message: describeIssue });
  if (!result.success) return malformed(`${name}: ${issueReason(result.issues[0])}`, eventId);
  return { ok: true, eventId, name, payload: result.output } as StreamEvent;
}

function malformed(reason: string, eventId?: string): MalformedEvent {
  return eventId === undefined ? { ok: false, reason } : { ok: false, eventId, reason };
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * The id of an event whose JSON is broken (truncated, say), so it can be acknowledged and
 * not replayed forever. The key must appear unescaped, so text quoted inside a string
 * value (where its quotes are escaped) never matches.
 */
function salvageEventId(text: string): string | undefined {
  const match = /"event_id"\s*:\s*"([^"\\]{1,256})"/.exec(text);
  return match?.[1];
}

/** Event names come from the server: keep only a short, plain rendering of them in reasons. */
function printableName(name: string): string {
  return /^[\w:.-]{1,64}$/.test(name) ? `"${name}"` : '(unprintable name)';
}

// Valibot's default messages quote the received value; these name only what was expected.
function describeIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.received === 'undefined') return 'missing';
  return issue.expected === null ? `invalid ${issue.type}` : `expected ${issue.expected}`;
}

function issueReason(issue: v.BaseIssue<unknown> | undefined): string {
  if (issue === undefined) return 'invalid payload';
  const path = issue.path?.map((item) => String(item.key)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
