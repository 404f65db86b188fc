/**
 * Roster entries that change while the app runs (`friends` events) and distribution lists
 * (API.md, "Roster changes", "Distribution lists"): an entry added shows at once in its
 * organization; one removed goes, or is only hidden while it holds anything, and nothing is
 * erased; a list is a conversation of its own kind whose size is read from the server, my
 * messages to it are kept in it, and its members answer 1:1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, ME, messageEvent, rowCount, streamEvent } from './fixture';
import { openHarness, type Harness } from './sync-harness';
import type { Route } from './server-fixture';
import { eventually } from './expectations';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const HOME = 'org-home';
const CLINIC = 'org-clinic';
const LIST = 'dl-night-shift';
const t0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const reply = (value: unknown) => ({ status: 200, body: { reply: value } });
const LIST_TYPE = 'tigertext:entity:distribution_list';
const ACCOUNT_TYPE = 'tigertext:entity:account';

const routes = (roster: unknown[] = []): Record<string, Route> => ({
  [`GET /user/${ME}/organization`]: () => reply([
    { token: HOME, name: 'Tiger General Hospital', settings: [] },
    { token: CLINIC, name: 'Northside Clinic', settings: [] },
  ]),
  'GET /roster/': (request) => reply(request.headers['tt-x-organization-key'] === HOME ? roster : []),
  [`GET /dist_list/${LIST}/`]: () => reply({ token: LIST, display_name: 'Night shift nurses', total_members: 4, organization_key: HOME }),
  [`GET /user/${BOB}`]: () => reply({ token: BOB, display_name: 'Bo Reyes', organization_key: CLINIC }),
});

const friend = (fields: Record<string, unknown>) => streamEvent('friends', { friend: fields });
const rosterIds = () => h.sync.roster().map((conversation) => conversation.id);

describe('roster entries added and removed while running', () => {
  it('shows a person added to another organization\'s roster at once, in that organization, and again after a restart', async () => {
    h = await openHarness({ routes: routes(), sync: { homeOrganization: HOME } });
    await h.sync.start();
    await h.sync.handle([friend({ action: 'add', token: ALICE, organization_id: CLINIC, type: ACCOUNT_TYPE, display_name: 'Alex Morgan' })]);
    const added = h.sync.roster().find((conversation) => conversation.peerToken === ALICE);
    expect(added).toMatchObject({ kind: 'user', name: 'Alex Morgan', organizationKey: CLINIC });
    expect(added!.id).not.toBe(ALICE);
    expect(h.changes.at(-1)!.conversations.map((conversation) => conversation.id)).toEqual([added!.id]);
    expect(h.restart().roster().map((conversation) => conversation.id)).toContain(added!.id);
  });

  it('looks up the name of a person added without one', async () => {
    h = await openHarness({ routes: routes(), sync: { homeOrganization: HOME } });
    await h.sync.start();
    await h.sync.handle([friend({ action: 'add', token: BOB, organization_id: CLINIC, type: ACCOUNT_TYPE })]);
    await eventually(() => expect(h.sync.roster().find((conversation) => conversation.peerToken === BOB)?.name).toBe('Bo Reyes'));
  });

  it('drops a removed conversation that holds nothing, and only hides one that holds messages or a draft', async () => {
    h = await openHarness({ routes: routes(), sync: { homeOrganization: HOME } });
    await h.sync.start();
    await h.sync.handle([
      friend({ action: 'add', token: ALICE, organization_id: HOME, type: ACCOUNT_TYPE, display_name: 'Alex Morgan' }),
      friend({ action: 'add', token: BOB, organization_id: HOME, type: ACCOUNT_TYPE, display_name: 'Bo Reyes' }),
      friend({ action: 'add', token: 'user-cy', organization_id: HOME, type: ACCOUNT_TYPE, display_name: 'Cy Park' }),
      messageEvent({ token: 'm1', from: ALICE, to: ME, createdAt: t0, organization: HOME }),
    ]);
    h.sync.saveDraft('user-cy', 'Bed 4 is free');
    await h.sync.handle([
      friend({ action: 'del', token: ALICE, organization_id: HOME, type: ACCOUNT_TYPE }),
      friend({ action: 'del', token: BOB, organization_id: HOME, type: ACCOUNT_TYPE }),
      friend({ action: 'del', token: 'user-cy', organization_id: HOME }),
    ]);
    expect(rosterIds()).toEqual([]);
    expect(h.changes.at(-1)!.removedConversations.sort()).toEqual([ALICE, BOB, 'user-cy'].sort());
    // Nothing erased: the message and the draft are still here, under conversations kept hidden.
    expect(rowCount(h.local.store, 'messages')).toBe(1);
    expect(h.sync.draft('user-cy')).toBe('Bed 4 is free');
    expect(h.local.store.conversations.identityOf(BOB)).toBeUndefined();
    expect(h.local.store.conversations.identityOf(ALICE)).toMatchObject({ kind: 'user' });
    // A new message brings the conversation back with what it held.
    await h.sync.handle([messageEvent({ token: 'm2', from: ALICE, to: ME, createdAt: t0 + 1, organization: HOME })]);
    expect(rosterIds()).toEqual([ALICE]);
    expect(h.sync.thread(ALICE, { limit: 10 }).map((message) => message.token)).toEqual(['m1', 'm2']);
  });

  it('changes nothing for a removal of an entry not held, a group (groups leave through membership) or a replayed event', async () => {
    h = await openHarness({ routes: routes(), sync: { homeOrganization: HOME } });
    await h.sync.start();
    const added = friend({ action: 'add', token: ALICE, organization_id: HOME, type: ACCOUNT_TYPE, display_name: 'Alex Morgan' });
    await h.sync.handle([added]);
    const sets = h.changes.length;
    await h.sync.handle([
      added,
      friend({ action: 'del', token: 'user-never-held', organization_id: HOME, type: ACCOUNT_TYPE }),
      friend({ action: 'del', token: ALICE, organization_id: CLINIC, type: ACCOUNT_TYPE }),
      friend({ action: 'del', token: ALICE, organization_id: HOME, type: 'tigertext:entity:group' }),
    ]);
    expect(h.changes.length).toBe(sets);
    expect(rosterIds()).toEqual([ALICE]);
  });

  it('skips an added entry it cannot read, saying which field, and keeps the rest of the batch', async () => {
    h = await openHarness({ routes: routes(), sync: { homeOrganization: HOME } });
    await h.sync.start();
    await h.sync.handle([
      friend({ action: 'add', token: BOB, organization_id: HOME, type: 'tigertext:entity:pager' }),
      messageEvent({ token: 'm1', from: ALICE, to: ME, createdAt: t0, organization: HOME }),
    ]);
    expect(rosterIds()).toEqual([ALICE]);
    expect(h.local.records.find((record) => record.message === 'a roster entry added is unreadable and was skipped')?.fields)
      .toEqual({ field: 'type' });
  });
});

describe('distribution lists', () => {
  const listEntry = { type: LIST_TYPE, token: LIST, display_name: 'Night shift nurses', organization_key: HOME };

  it('holds a list on the roster as a conversation of its own kind, its size read from the server', async () => {
    h = await openHarness({ routes: routes([listEntry]), sync: { homeOrganization: HOME } });
    await h.sync.start();
    expect(h.sync.roster()).toEqual([expect.objectContaining({ id: LIST, kind: 'list', name: 'Night shift nurses', organizationKey: HOME })]);
    await eventually(() => expect(h.sync.roster()[0]!.memberCount).toBe(4));
    expect(h.remote.requestsTo('GET', `/dist_list/${LIST}/`)).toHaveLength(1);
  });

  it('keeps my message to the list in the list\'s conversation, and a member\'s answer in our 1:1', async () => {
    h = await openHarness({ routes: routes([listEntry]), sync: { homeOrganization: HOME } });
    await h.sync.start();
    await h.sync.handle([
      messageEvent({ token: 'to-list', from: ME, to: LIST, createdAt: t0, organization: HOME, body: 'Huddle at 7' }),
      messageEvent({ token: 'answer', from: ALICE, to: ME, createdAt: t0 + 1, organization: HOME, body: 'On my way' }),
    ]);
    expect(h.sync.thread(LIST, { limit: 10 }).map((message) => [message.token, message.outgoing])).toEqual([['to-list', true]]);
    expect(h.sync.thread(ALICE, { limit: 10 }).map((message) => message.body)).toEqual(['On my way']);
    expect(h.sync.roster().find((conversation) => conversation.id === LIST)?.lastMessage?.preview).toBe('Huddle at 7');
  });

  it('adds a list live, with its size from the event, and on removal hides it (keeping what was sent) and stops treating its token as a list', async () => {
    h = await openHarness({ routes: routes(), sync: { homeOrganization: HOME } });
    await h.sync.start();
    await h.sync.handle([friend({ action: 'add', ...listEntry, organization_id: HOME, total_members: '3' })]);
    expect(h.sync.roster()).toEqual([expect.objectContaining({ id: LIST, kind: 'list', memberCount: 3 })]);
    await h.sync.handle([messageEvent({ token: 'to-list', from: ME, to: LIST, createdAt: t0, organization: HOME })]);
    await h.sync.handle([friend({ action: 'del', token: LIST, organization_id: HOME, type: LIST_TYPE })]);
    expect(rosterIds()).toEqual([]);
    expect(rowCount(h.local.store, 'messages')).toBe(1);
    expect(h.local.store.distributionLists.has(LIST)).toBe(false);
    // The size was in the event: no lookup was needed.
    expect(h.remote.requestsTo('GET', `/dist_list/${LIST}/`)).toHaveLength(0);
  });

  it('refuses to mute a list (nothing arrives in it) and sends no typing to it', async () => {
    h = await openHarness({ routes: routes([listEntry]), sync: { homeOrganization: HOME } });
    await h.sync.start();
    expect(() => h.sync.setMute(LIST, t0 + 3_600_000)).toThrow(/distribution list has nothing to mute/);
    h.sync.typed(LIST);
    h.sync.typed(ALICE);
    await eventually(() => expect(h.remote.requestsTo('GET', '/message/typing/')).not.toHaveLength(0));
    expect(JSON.stringify(h.remote.requestsTo('GET', '/message/typing/'))).not.toContain(LIST);
    expect(JSON.stringify(h.remote.requestsTo('GET', '/message/typing/'))).toContain(ALICE);
  });
});
