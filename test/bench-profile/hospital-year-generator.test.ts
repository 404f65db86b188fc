import { describe, expect, it } from 'vitest';
import { yearBatches } from '../bench/support/hospital-year-events';
import { planHospitalYear, quickYear } from '../bench/support/hospital-year-plan';
import type { HospitalYearParameters } from '../bench/support/hospital-year-plan';

const small: HospitalYearParameters = { ...quickYear, conversations: 200, groups: 10, maxGroupMembers: 40, messages: 3_000, threadMessages: 500 };
const account = { me: 'me', homeOrganization: 'home-org' };
const events = (parameters: HospitalYearParameters) => [...yearBatches(planHospitalYear(parameters), account, 500)].flat();

describe('the hospital-year generator', () => {
  it('makes the same year from the same parameters, event for event', () => {
    expect(events(small)).toEqual(events(small));
  });

  it('makes another year from another seed', () => {
    expect(planHospitalYear({ ...small, seed: small.seed + 1 }).conversation).not.toEqual(planHospitalYear(small).conversation);
  });

  it('gives every conversation a message and the thread exactly its share', () => {
    const plan = planHospitalYear(small);
    const perConversation = new Map<number, number>();
    for (const c of plan.conversation) perConversation.set(c, (perConversation.get(c) ?? 0) + 1);
    expect(perConversation.size).toBe(small.conversations);
    expect(perConversation.get(0)).toBe(small.threadMessages);
  });

  it('counts what it made: unread incoming messages, urgent ones and attachments', () => {
    const plan = planHospitalYear(small);
    const messages = events(small).filter((event) => event.name === 'message' || event.name === 'group_message');
    const payloads = messages.map((event) => event.payload as { sender_token: string; status: string; priority: number; attachments: unknown[] });
    expect(payloads).toHaveLength(small.messages);
    expect(payloads.filter((m) => m.sender_token !== 'me' && m.status === 'Delivered')).toHaveLength(plan.counts.unread);
    expect(payloads.filter((m) => m.priority === 1)).toHaveLength(plan.counts.urgent);
    expect(payloads.filter((m) => m.attachments.length > 0)).toHaveLength(plan.counts.attachments);
  });
});
