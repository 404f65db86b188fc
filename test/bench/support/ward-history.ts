/**
 * A long-used account's history as stream events, for the cold-start database: named people
 * and groups first, then messages spread over their conversations, most of them read, the
 * newest few in each conversation unread, about a third sent by the account itself.
 */
import { parseEventObject } from '../../../main/core/events/event-parser';
import type { SyncEvent } from '../../../main/core/events/event-stream';
import { benchBody } from './seed-messages';

export interface WardHistory {
  people: number;
  groups: number;
  messages: number;
}

let eventCount = 0;

function event(name: SyncEvent['name'], payload: unknown): SyncEvent {
  eventCount += 1;
  const parsed = parseEventObject({ event_id: `history-${eventCount}`, event: { [`tigertext:iq:${name}`]: payload } });
  if (!parsed.ok) throw new Error(`a history event does not parse: ${parsed.reason}`);
  return parsed as SyncEvent;
}

const person = (n: number) => `history-person-${n}`;
const group = (n: number) => `history-group-${n}`;

/** The conversations the roster should show: one per person, one per group. */
export function conversationCount(history: WardHistory): number {
  return history.people + history.groups;
}

/** How many messages the newest-first rule leaves unread in each conversation. */
const UNREAD_PER_CONVERSATION = 3;

/** Unread messages the roster should count: the incoming ones among the newest. */
export function unreadCount(history: WardHistory): number {
  let unread = 0;
  for (let n = Math.max(0, history.messages - conversationCount(history) * UNREAD_PER_CONVERSATION); n < history.messages; n += 1) {
    if (n % 3 !== 0) unread += 1;
  }
  return unread;
}

/** The events in batches of `batchSize`, made as they are consumed so the whole history is never held at once. */
export function* historyBatches(history: WardHistory, me: string, batchSize: number): Generator<SyncEvent[]> {
  const directory: SyncEvent[] = [];
  for (let n = 0; n < history.people; n += 1) {
    directory.push(event('update', {
      type: 'tigertext:entity:account',
      token: person(n),
      display_name: `Clinician ${n}`,
      first_name: 'Clinician',
      last_name: String(n),
      title: n % 2 === 0 ? 'Registered Nurse' : 'Resident Physician',
      department: `Ward ${n % 12}`,
    }));
  }
  for (let n = 0; n < history.groups; n += 1) {
    directory.push(event('update', {
      type: 'tigertext:entity:group',
      token: group(n),
      name: `Care team ${n}`,
      members: [me, person(n % history.people), person((n + 1) % history.people)],
    }));
  }
  yield directory;

  const conversations = conversationCount(history);
  const start = Date.UTC(2026, 0, 1);
  let batch: SyncEvent[] = [];
  for (let n = 0; n < history.messages; n += 1) {
    const c = n % conversations;
    const isGroup = c >= history.people;
    const peer = isGroup ? person((c - history.people) % history.people) : person(c);
    const outgoing = n % 3 === 0;
    const newest = n >= history.messages - conversations * UNREAD_PER_CONVERSATION;
    const payload = {
      message_id: `history-message-${n}`,
      sender_token: outgoing ? me : peer,
      recipient_token: isGroup ? group(c - history.people) : outgoing ? peer : me,
      ...(isGroup ? { group_token: group(c - history.people) } : {}),
      body: benchBody(n),
      created_time: new Date(start + n * 60_000).toISOString(),
      ttl: -1,
      dor: false,
      priority: n % 50 === 0 ? 1 : 0,
      status: outgoing ? 'Read' : newest ? 'Delivered' : 'Read',
      attachments: [],
      data: [],
      is_recalled: false,
    };
    batch.push(event(isGroup ? 'group_message' : 'message', payload));
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
