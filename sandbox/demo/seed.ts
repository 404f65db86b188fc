import { randomUUID } from 'node:crypto';
import { hashPassword } from '../auth';
import type { SandboxContext } from '../context';
import { createDistributionList } from '../distribution-lists';
import type { AccountRow } from '../store/accounts';
import { READ } from '../store/messages';
import { DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_YOU, NORTHSIDE_GUESTS, NORTHSIDE_ORGANIZATION, NORTHSIDE_PEOPLE, demoEmail } from './accounts';
import type { DemoPerson } from './accounts';

/** The demo organization and Northside Clinic, on every start; Northside's settings only when it is first made. */
export function seedOrganization(ctx: SandboxContext): void {
  ctx.accounts.ensureOrganization({
    token: DEMO_ORGANIZATION.token,
    name: DEMO_ORGANIZATION.name,
    max_ttl: DEMO_ORGANIZATION.maxTtl,
    default_ttl: DEMO_ORGANIZATION.defaultTtl,
  });
  const madeNow = ctx.accounts.ensureOrganization({
    token: NORTHSIDE_ORGANIZATION.token,
    name: NORTHSIDE_ORGANIZATION.name,
    max_ttl: NORTHSIDE_ORGANIZATION.maxTtl,
    default_ttl: NORTHSIDE_ORGANIZATION.defaultTtl,
  });
  if (madeNow) ctx.accounts.changeSettings(NORTHSIDE_ORGANIZATION.token, { settings: [...NORTHSIDE_ORGANIZATION.settings] });
}

interface DemoGroup {
  name: string;
  organization: string;
  members: readonly string[];
  replayHistory: boolean;
}

const GROUPS: readonly DemoGroup[] = [
  { name: 'ED Charge Team', organization: DEMO_ORGANIZATION.token, members: ['jordan.lee', 'amara.okafor', 'olivia.brooks', 'hannah.kim', 'alex.morgan'], replayHistory: true },
  { name: 'Rapid Response', organization: DEMO_ORGANIZATION.token, members: ['marcus.webb', 'sofia.alvarez', 'hannah.kim', 'tom.fischer', 'alex.morgan'], replayHistory: true },
  { name: 'Pharmacy Consults', organization: DEMO_ORGANIZATION.token, members: ['priya.natarajan', 'ben.carter', 'alex.morgan'], replayHistory: false },
  { name: 'Northside Huddle', organization: NORTHSIDE_ORGANIZATION.token, members: ['hannah.kim.northside', 'david.osei.northside', 'jordan.lee', 'alex.morgan'], replayHistory: true },
];

interface DemoList {
  name: string;
  organization: string;
  /** Usernames: who may send to the list, and whom it reaches. */
  holders: readonly string[];
  members: readonly string[];
}

const DISTRIBUTION_LISTS: readonly DemoList[] = [
  {
    name: 'Night shift nurses',
    organization: DEMO_ORGANIZATION.token,
    holders: [DEMO_YOU],
    members: ['jordan.lee', 'hannah.kim', 'olivia.brooks', 'marcus.webb'],
  },
];

type History = readonly [minutesAgo: number, sender: string, recipient: string, body: string][];

/** [minutes ago, sender, recipient (username or group name), body] */
const HISTORY: History = [
  [240, 'amara.okafor', 'alex.morgan', 'Morning! Can you see the new admit in bay 4 when you get a minute?'],
  [236, 'alex.morgan', 'amara.okafor', 'On my way. Labs back yet?'],
  [233, 'amara.okafor', 'alex.morgan', 'CBC and BMP are in; troponin pending.'],
  [180, 'olivia.brooks', 'ED Charge Team', 'Bed board updated: two discharges pending transport.'],
  [175, 'jordan.lee', 'ED Charge Team', 'Thanks Olivia. Hannah, can ICU take the chest pain from bay 4 after cardiology sees him?'],
  [170, 'hannah.kim', 'ED Charge Team', 'Yes, bed 12 will be ready in about 30 minutes.'],
  [120, 'priya.natarajan', 'Pharmacy Consults', 'Vancomycin trough for room 512 came back high; suggest holding the next dose.'],
  [115, 'ben.carter', 'Pharmacy Consults', 'Agreed, holding. Please re-dose per level.'],
  [60, 'marcus.webb', 'Rapid Response', 'RRT called to 4 West, room 418. Sats 86% on 4L.'],
  [58, 'sofia.alvarez', 'Rapid Response', 'Coming up. Get an EKG please.'],
  [55, 'tom.fischer', 'Rapid Response', 'Anesthesia available if airway needed.'],
  [30, 'grace.mensah', 'alex.morgan', 'Discharge planning for Mr. Patel: home health is confirmed for tomorrow.'],
  [12, 'ben.carter', 'alex.morgan', 'Sign-out at 5 in the team room?'],
];

/** Northside's own history: Jordan and Alex there are another conversation than at the hospital. */
const NORTHSIDE_HISTORY: History = [
  [90, 'hannah.kim.northside', 'Northside Huddle', 'Flu clinic runs Saturday 9 to 1; we need one more provider.'],
  [85, 'jordan.lee', 'Northside Huddle', 'I can cover triage Saturday.'],
  [45, 'jordan.lee', 'alex.morgan', 'Could you take the Saturday flu clinic at Northside?'],
  [20, 'david.osei.northside', 'alex.morgan', 'Urgent care is quiet today if you want to send walk-ins over.'],
];

interface OrganizationSeed {
  organization: { token: string; maxTtl: number };
  people: readonly DemoPerson[];
  /** Usernames of people seeded before, who belong here too. */
  guests: readonly string[];
  history: History;
}

const SEEDS: readonly OrganizationSeed[] = [
  { organization: DEMO_ORGANIZATION, people: DEMO_PEOPLE, guests: [], history: HISTORY },
  { organization: NORTHSIDE_ORGANIZATION, people: NORTHSIDE_PEOPLE, guests: NORTHSIDE_GUESTS, history: NORTHSIDE_HISTORY },
];

/**
 * People, groups, distribution lists and some history, so a first look at the app shows a live
 * hospital and a clinic. Each organization's part runs once per data dir (a data dir seeded
 * before Northside existed gains it on its next start; one seeded before the lists, the lists). Every token is random (the store draws account tokens),
 * so one sandbox's tokens say nothing about another's: callers look demo people up by username
 * or email.
 */
export function seedDemo(ctx: SandboxContext): void {
  const now = ctx.now();
  ctx.fanout.write(() => {
    for (const seed of SEEDS) {
      if (ctx.accounts.byUsername(seed.people[0]!.username) === undefined) seedPart(ctx, seed, now);
    }
    for (const list of DISTRIBUTION_LISTS) seedList(ctx, list);
  });
}

/** A demo list, unless its first holder already holds one of that name. */
function seedList(ctx: SandboxContext, list: DemoList): void {
  const holder = ctx.accounts.byUsername(list.holders[0]!)!;
  if (ctx.distributionLists.heldIn(holder.token, list.organization).some((held) => held.name === list.name)) return;
  createDistributionList(ctx, { name: list.name, organizationKey: list.organization, members: list.members, holders: list.holders });
}

function seedPart(ctx: SandboxContext, seed: OrganizationSeed, now: number): void {
  const organization = seed.organization.token;
  const people = new Map<string, AccountRow>();
  for (const person of seed.people) people.set(person.username, createPerson(ctx, person, organization, now));
  for (const guest of seed.guests) {
    const account = ctx.accounts.byUsername(guest)!;
    ctx.accounts.addMember(organization, account.token);
    people.set(guest, account);
  }
  const groups = new Map<string, string>();
  for (const group of GROUPS.filter((candidate) => candidate.organization === organization)) {
    const token = randomUUID();
    const creator = people.get(group.members[0]!)!;
    ctx.groups.insert({
      token,
      organization_key: organization,
      name: group.name,
      created_by: creator.token,
      created_time: now - 7 * 24 * 60 * 60_000,
      replay_history: group.replayHistory ? 1 : 0,
      avatar_type: null,
      deleted: 0,
    });
    for (const member of group.members) ctx.groups.addMember(token, people.get(member)!.token, now);
    groups.set(group.name, token);
  }
  seedHistory(ctx, seed.history, seed.organization, { people, groups, now });
}

function createPerson(ctx: SandboxContext, person: DemoPerson, organization: string, now: number): AccountRow {
  return ctx.accounts.create(
    {
      organization_key: organization,
      display_name: person.displayName,
      first_name: person.firstName,
      last_name: person.lastName,
      username: person.username,
      email: demoEmail(person.username),
      password_hash: hashPassword(DEMO_PASSWORD),
      title: person.title,
      department: person.department,
    },
    now,
  );
}

function seedHistory(
  ctx: SandboxContext,
  history: History,
  organization: { token: string; maxTtl: number },
  seeded: { people: Map<string, AccountRow>; groups: Map<string, string>; now: number },
): void {
  const { people, groups, now } = seeded;
  for (const [minutesAgo, from, to, body] of history) {
    const sender = people.get(from)!;
    const groupToken = groups.get(to) ?? null;
    const recipient = groupToken ?? people.get(to)!.token;
    const created = now - minutesAgo * 60_000;
    const token = randomUUID();
    ctx.messages.insert({
      token,
      sender_token: sender.token,
      recipient_token: recipient,
      group_token: groupToken,
      sender_organization: organization.token,
      recipient_organization: organization.token,
      body,
      created_time: created,
      ttl: organization.maxTtl,
      expires_at: created + organization.maxTtl * 60_000,
      dor: 0,
      priority: 0,
      data: '[]',
      attachment_type: null,
      attachment_size: null,
      attachment_name: null,
      original_sender: null,
      original_timestamp: null,
      is_recalled: 0,
      distribution_list: null,
    });
    const recipients = groupToken === null ? [recipient] : ctx.groups.members(groupToken);
    for (const account of recipients.filter((token) => token !== sender.token)) {
      ctx.messages.addRecipient(token, account, created);
      // All but the latest few are read, so the app opens with a little unread activity.
      if (minutesAgo > 25) ctx.messages.raiseStatus(token, account, READ, created + 60_000);
    }
    if (groupToken === null) {
      ctx.roster.add(sender.token, organization.token, recipient);
      ctx.roster.add(recipient, organization.token, sender.token);
    }
  }
}
