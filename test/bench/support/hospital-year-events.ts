/**
 * The hospital-year plan as the stream events a real account would have received over the
 * year: the people and groups first, then the messages in time order, in batches made as
 * they are consumed, so the whole year is never held at once. Organization 0 is the one the
 * account signed in with; the other four are named here.
 */
import { parseEventObject } from '../../../main/core/events/event-parser';
import type { SyncEvent } from '../../../main/core/events/event-stream';
import { groupOrganization, personOrganization } from './hospital-year-plan';
import type { HospitalYearPlan } from './hospital-year-plan';
import { seededRandom } from './hospital-year-random';
import { clinicalBody, personName, teamName } from './hospital-year-text';

export interface YearAccount {
  me: string;
  homeOrganization: string;
}

const yearStart = Date.UTC(2026, 0, 1);
const yearMs = 365 * 24 * 3_600_000;

export const personToken = (p: number) => `hy-person-${p}`;
export const groupToken = (g: number) => `hy-group-${g}`;
export const messageToken = (n: number) => `hy-message-${n}`;
/** The one long thread: group 0's conversation (a group's id is its token in every organization). */
export const threadConversationId = groupToken(0);

export function organizationToken(account: YearAccount, index: number): string {
  return index === 0 ? account.homeOrganization : `hy-org-${index}`;
}

function event(id: string, name: SyncEvent['name'], payload: unknown): SyncEvent {
  const parsed = parseEventObject({ event_id: id, event: { [`tigertext:iq:${name}`]: payload } });
  if (!parsed.ok) throw new Error(`a hospital-year event does not parse: ${parsed.reason}`);
  return parsed as SyncEvent;
}

export function* yearBatches(plan: HospitalYearPlan, account: YearAccount, batchSize: number): Generator<SyncEvent[]> {
  const names = seededRandom(plan.parameters.seed + 1);
  let batch: SyncEvent[] = [];
  const add = function* (next: SyncEvent) {
    batch.push(next);
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  };
  for (let p = 0; p < plan.people; p += 1) {
    const name = personName(names);
    yield* add(event(`hy-person-${p}`, 'update', {
      type: 'tigertext:entity:account',
      token: personToken(p),
      display_name: `${name.first} ${name.last}`,
      first_name: name.first,
      last_name: name.last,
      title: name.title,
      department: name.department,
    }));
  }
  for (let g = 0; g < plan.groupMembers.length; g += 1) {
    yield* add(event(`hy-group-${g}`, 'update', {
      type: 'tigertext:entity:group',
      token: groupToken(g),
      name: teamName(names, g),
      members: [account.me, ...Array.from(plan.groupMembers[g]!, personToken)],
    }));
  }
  const bodies = seededRandom(plan.parameters.seed + 2);
  const { groups, messages } = plan.parameters;
  for (let n = 0; n < messages; n += 1) {
    const c = plan.conversation[n]!;
    const isGroup = c < groups;
    const from = plan.sender[n]!;
    const outgoing = from === -1;
    const organization = organizationToken(account, isGroup ? groupOrganization(plan, c) : personOrganization(plan, c - groups));
    const bytes = plan.attachmentBytes[n]!;
    yield* add(event(`hy-event-${n}`, isGroup ? 'group_message' : 'message', {
      message_id: messageToken(n),
      sender_token: outgoing ? account.me : personToken(from),
      recipient_token: isGroup ? groupToken(c) : outgoing ? personToken(c - groups) : account.me,
      ...(isGroup ? { group_token: groupToken(c) } : {}),
      sender_organization: organization,
      recipient_organization: organization,
      body: clinicalBody(bodies),
      created_time: new Date(yearStart + Math.floor((n * yearMs) / messages)).toISOString(),
      ttl: -1,
      dor: false,
      priority: plan.priority[n]!,
      status: plan.unread[n] === 1 ? 'Delivered' : 'Read',
      attachments: bytes === 0 ? [] : [{ attachment_id: `hy-attachment-${n}`, content_type: n % 3 === 0 ? 'application/pdf' : 'image/jpeg', size: bytes }],
      ...(bytes === 0 ? {} : { attachment_name: n % 3 === 0 ? `discharge-summary-${n}.pdf` : `wound-photo-${n}.jpg` }),
      data: [],
      is_recalled: false,
    }));
  }
  if (batch.length > 0) yield batch;
}

/**
 * The bytes of message n's attachment, the same on every run (the cache encrypts them, so
 * on disk they cost what real files of that size would).
 */
export function attachmentContent(n: number, bytes: number): Buffer {
  const content = Buffer.alloc(bytes, n % 251);
  content.write(`hospital-year attachment ${n}\n`, 0, 'latin1');
  return content;
}
