/**
 * Several organizations in the core: the organizations read at start and again when an event
 * says their settings changed, the roster read in each, and the same two people in two
 * organizations holding two conversations (API.md, "Multi-org").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, ME, messageEvent, streamEvent } from './fixture';
import { openHarness, type Harness } from './sync-harness';
import type { Route } from './server-fixture';
import { eventually } from './expectations';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const HOME = 'org-home';
const CLINIC = 'org-clinic';
const t0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const reply = (value: unknown) => ({ status: 200, body: { reply: value } });

function routes(clinicSettings: () => { name: string; value: string }[]): Record<string, Route> {
  return {
    [`GET /user/${ME}/organization`]: () => reply([
      { token: HOME, name: 'Tiger General Hospital', members: 14, settings: [{ name: 'ttl', value: '10080' }] },
      { token: CLINIC, name: 'Northside Clinic', members: 6, settings: clinicSettings() },
    ]),
    // Each organization's roster, told apart by the organization header, as the server does.
    'GET /roster/': (request) => reply([
      { type: 'tigertext:entity:account', token: ALICE, display_name: 'Alex Morgan', organization_key: request.headers['tt-x-organization-key'] },
    ]),
  };
}

describe('several organizations', () => {
  it('reads the organizations at start, then the roster in each, holding one conversation per organization', async () => {
    h = await openHarness({ routes: routes(() => []), sync: { homeOrganization: HOME } });
    await h.sync.start();
    expect(h.sync.organizations().map((organization) => [organization.token, organization.name, organization.policy.defaultTtlMinutes]))
      .toEqual([[HOME, 'Tiger General Hospital', 10080], [CLINIC, 'Northside Clinic', null]]);
    expect(h.remote.requestsTo('GET', '/roster/').map((request) => request.headers['tt-x-organization-key']).sort()).toEqual([CLINIC, HOME].sort());
    const roster = h.sync.roster();
    expect(roster.map((conversation) => [conversation.kind, conversation.name, conversation.organizationKey]).sort())
      .toEqual([['user', 'Alex Morgan', CLINIC], ['user', 'Alex Morgan', HOME]]);
    // The home organization's conversation keeps the person's token as its id, as before several organizations.
    expect(roster.find((conversation) => conversation.organizationKey === HOME)?.id).toBe(ALICE);
    expect(roster.find((conversation) => conversation.organizationKey === CLINIC)?.id).not.toBe(ALICE);
  });

  it("files each message under its organization's conversation, with unread counts apart", async () => {
    h = await openHarness({ routes: routes(() => []), sync: { homeOrganization: HOME } });
    await h.sync.start();
    await h.sync.handle([
      messageEvent({ token: 'h1', from: ALICE, to: ME, createdAt: t0, organization: HOME }),
      messageEvent({ token: 'c1', from: ALICE, to: ME, createdAt: t0 + 1, organization: CLINIC }),
      messageEvent({ token: 'c2', from: ALICE, to: ME, createdAt: t0 + 2, organization: CLINIC }),
    ]);
    const byOrganization = new Map(h.sync.roster().map((conversation) => [conversation.organizationKey, conversation]));
    expect(byOrganization.get(HOME)?.unread).toBe(1);
    expect(byOrganization.get(CLINIC)?.unread).toBe(2);
    expect(h.sync.thread(byOrganization.get(CLINIC)!.id, { limit: 10 }).map((message) => message.token)).toEqual(['c1', 'c2']);
    expect(h.sync.thread(ALICE, { limit: 10 }).map((message) => message.token)).toEqual(['h1']);
  });

  it('reads the organizations again when an account:settings event names their settings, and tells the window', async () => {
    let forward = 'true';
    h = await openHarness({ routes: routes(() => [{ name: 'forward', value: forward }, { name: 'autologout_time', value: '30' }]), sync: { homeOrganization: HOME } });
    await h.sync.start();
    expect(h.sync.organizations()[1]?.policy).toMatchObject({ forwardAllowed: true, autoLockMinutes: 30 });
    forward = 'false';
    // Another service's change reads nothing again.
    await h.sync.handle([streamEvent('account:settings', { services: ['tigertext:iq:update:dnd'] })]);
    expect(h.remote.requestsTo('GET', `/user/${ME}/organization`)).toHaveLength(1);
    await h.sync.handle([streamEvent('account:settings', { services: ['tigertext:iq:update:org_settings'] })]);
    await eventually(() => expect(h.changes.at(-1)?.organizations?.[1]?.policy.forwardAllowed).toBe(false));
    expect(h.sync.organizations()[1]?.policy.forwardAllowed).toBe(false);
  });

  it('keeps the organizations held from the last start when the server cannot be reached', async () => {
    let reachable = true;
    const base = routes(() => []);
    h = await openHarness({
      routes: { ...base, [`GET /user/${ME}/organization`]: (request) => (reachable ? base[`GET /user/${ME}/organization`]!(request) : 'drop') },
      sync: { homeOrganization: HOME },
    });
    await h.sync.start();
    reachable = false;
    const again = h.restart();
    await again.start();
    expect(again.organizations().map((organization) => organization.token)).toEqual([HOME, CLINIC]);
    expect(h.local.records.some((record) => record.message === 'reading the organizations failed')).toBe(true);
  });

  it("shows a colleague's typing in the conversation of the organization the event names, else the home one", async () => {
    h = await openHarness({ routes: routes(() => []), sync: { homeOrganization: HOME } });
    await h.sync.start();
    const typing = new Map<string, string[]>();
    h.sync.onTyping((change) => typing.set(change.conversationId, change.typing));
    const clinic = h.sync.roster().find((conversation) => conversation.organizationKey === CLINIC)!;
    await h.sync.handle([streamEvent('message:is_typing', { sender_token: ALICE, status: 'typing', organization_id: CLINIC })]);
    await eventually(() => expect(typing.get(clinic.id)).toEqual([ALICE]));
    expect(typing.get(ALICE)).toBeUndefined();
    await h.sync.handle([streamEvent('message:is_typing', { sender_token: ALICE, status: 'typing' })]);
    await eventually(() => expect(typing.get(ALICE)).toEqual([ALICE]));
  });
});
