/**
 * The hospital-year profile as a plan: who is in which conversation, and for every message
 * its conversation, direction, sender, priority, attachment and whether it is still unread.
 * Pure and seeded: the same parameters give the same plan, and the counts the stored profile
 * must show (roster size, unread) are read off the plan, not off the database under test.
 * Per-message facts sit in typed arrays, so 500,000 messages cost a few megabytes.
 */
import { seededRandom } from './hospital-year-random';
import type { Random } from './hospital-year-random';

export interface HospitalYearParameters {
  seed: number;
  /** Conversations in the roster: `groups` group conversations, the rest one-to-one. */
  conversations: number;
  groups: number;
  /** The thread's group has this many members; the others fewer, most of them small. */
  maxGroupMembers: number;
  organizations: number;
  messages: number;
  /** Messages of the one long thread (the first group's conversation). */
  threadMessages: number;
  attachmentShare: number;
  urgentShare: number;
  outgoingShare: number;
  /** Incoming messages of the year's last days are unread one time in two. */
  unreadDays: number;
  /** Attachment sizes are spread evenly on a log scale between these. */
  attachmentBytes: { min: number; max: number };
}

const shared = {
  seed: 20_261_231,
  organizations: 5,
  attachmentShare: 0.1,
  outgoingShare: 0.3,
  unreadDays: 3,
  attachmentBytes: { min: 2_048, max: 32_768 },
} as const;

/** Issue 16's year: 20,000 conversations, 500,000 messages, a thread of 50,000. */
export const fullYear: HospitalYearParameters = {
  ...shared,
  conversations: 20_000,
  groups: 300,
  maxGroupMembers: 200,
  messages: 500_000,
  threadMessages: 50_000,
  urgentShare: 0.006,
};

/** A smaller year of the same shape for `--quick`: built in seconds. */
export const quickYear: HospitalYearParameters = {
  ...shared,
  conversations: 2_000,
  groups: 30,
  maxGroupMembers: 200,
  messages: 20_000,
  threadMessages: 5_000,
  urgentShare: 0.01,
};

export interface HospitalYearCounts {
  conversations: number;
  messages: number;
  /** Incoming messages left unread: what the roster's unread counts add up to. */
  unread: number;
  urgent: number;
  attachments: number;
  attachmentBytes: number;
}

export interface HospitalYearPlan {
  parameters: HospitalYearParameters;
  /** One-to-one conversations: person p's is in organization `personOrganization(p)`. */
  people: number;
  /** Group g's members (person indexes), the account itself not included. */
  groupMembers: Uint32Array[];
  /** Per message: its conversation (groups first: conversation g is group g, then person p is groups + p). */
  conversation: Uint32Array;
  /** Per message: the sending person's index, or -1 for the account itself. */
  sender: Int32Array;
  priority: Uint8Array;
  unread: Uint8Array;
  /** Per message: the attachment's size in bytes, 0 for none. */
  attachmentBytes: Uint32Array;
  counts: HospitalYearCounts;
}

export const personOrganization = (plan: HospitalYearPlan, person: number) => person % plan.parameters.organizations;
export const groupOrganization = (plan: HospitalYearPlan, group: number) => group % plan.parameters.organizations;

export function planHospitalYear(parameters: HospitalYearParameters): HospitalYearPlan {
  const { conversations, groups, messages } = parameters;
  if (groups < 1 || conversations <= groups) throw new Error('a hospital year needs at least one group and one person');
  const r = seededRandom(parameters.seed);
  const people = conversations - groups;
  const groupMembers = Array.from({ length: groups }, (_, g) => membersOf(r, g === 0 ? parameters.maxGroupMembers : groupSize(r, parameters.maxGroupMembers), people));
  const conversation = conversationsOfMessages(r, parameters);
  const sender = new Int32Array(messages);
  const priority = new Uint8Array(messages);
  const unread = new Uint8Array(messages);
  const attachmentBytes = new Uint32Array(messages);
  const counts: HospitalYearCounts = { conversations, messages, unread: 0, urgent: 0, attachments: 0, attachmentBytes: 0 };
  const unreadFrom = Math.floor(messages * (1 - parameters.unreadDays / 365));
  const { min, max } = parameters.attachmentBytes;
  for (let n = 0; n < messages; n += 1) {
    const c = conversation[n]!;
    const incoming = r.next() >= parameters.outgoingShare;
    const members = c < groups ? groupMembers[c]! : null;
    sender[n] = !incoming ? -1 : members === null ? c - groups : members[r.below(members.length)]!;
    if (r.next() < parameters.urgentShare) {
      priority[n] = 1;
      counts.urgent += 1;
    }
    if (incoming && n >= unreadFrom && r.next() < 0.5) {
      unread[n] = 1;
      counts.unread += 1;
    }
    if (r.next() < parameters.attachmentShare) {
      const bytes = Math.round(min * (max / min) ** r.next());
      attachmentBytes[n] = bytes;
      counts.attachments += 1;
      counts.attachmentBytes += bytes;
    }
  }
  return { parameters, people, groupMembers, conversation, sender, priority, unread, attachmentBytes, counts };
}

/** Most care teams are small; a few are large. */
function groupSize(r: Random, max: number): number {
  return 3 + Math.floor(r.next() ** 3 * (max - 3));
}

function membersOf(r: Random, size: number, people: number): Uint32Array {
  const members = new Set<number>();
  while (members.size < Math.min(size, people)) members.add(r.below(people));
  return Uint32Array.from(members);
}

/**
 * The thread's messages are spread evenly over the year; every other conversation gets at
 * least one message, and the rest fall on busy conversations more often than quiet ones
 * (groups first, then people), at random times.
 */
function conversationsOfMessages(r: Random, parameters: HospitalYearParameters): Uint32Array {
  const { messages, threadMessages, conversations } = parameters;
  const conversation = new Uint32Array(messages);
  const others = messages - threadMessages;
  if (others < conversations - 1) throw new Error('too few messages for every conversation to have one');
  const assigned = new Uint32Array(others);
  for (let k = 0; k < conversations - 1; k += 1) assigned[k] = k + 1;
  const cumulative = new Float64Array(conversations - 1);
  let total = 0;
  for (let c = 1; c < conversations; c += 1) {
    total += 1 / (c + 5) ** 0.8;
    cumulative[c - 1] = total;
  }
  for (let k = conversations - 1; k < others; k += 1) assigned[k] = 1 + firstAtLeast(cumulative, r.next() * total);
  for (let k = others - 1; k > 0; k -= 1) {
    const j = r.below(k + 1);
    const swap = assigned[k]!;
    assigned[k] = assigned[j]!;
    assigned[j] = swap;
  }
  let next = 0;
  for (let n = 0; n < messages; n += 1) {
    const inThread = Math.floor(((n + 1) * threadMessages) / messages) > Math.floor((n * threadMessages) / messages);
    conversation[n] = inThread ? 0 : assigned[next++]!;
  }
  return conversation;
}

function firstAtLeast(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
