import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, GROUP, ME, messageEvent } from './fixture';
import { openHarness, type Harness } from './sync-harness';
import type { Route } from './server-fixture';
import { eventually } from './expectations';
import { incoming } from '../store/message-input';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const t0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const reply = (value: unknown) => ({ status: 200, body: { reply: value } });

const rosterRoutes: Record<string, Route> = {
  'GET /roster/': () => reply([
    { type: 'tigertext:entity:account', token: ALICE, display_name: 'Dr Alice Moreau', avatar: 'https://example.test/alice.png', organization_key: 'org-1' },
    { 'tigertext:entity:group': { token: GROUP, name: 'Ward 7 nurses' } },
    { type: 'tigertext:entity:distribution_list', token: 'dl-1', name: 'All staff' },
  ]),
  [`GET /user/${BOB}`]: () => reply({ token: BOB, first_name: 'Bob', last_name: 'Okafor' }),
};

describe('the roster', () => {
  it('creates a conversation for each roster person, group and distribution list at start, with names and avatars', async () => {
    h = await openHarness({ routes: rosterRoutes });
    await h.sync.start();
    expect(h.sync.roster().map((c) => [c.id, c.kind, c.name, c.avatar, c.lastMessage, c.unread])).toEqual([
      ['dl-1', 'list', 'All staff', null, null, 0],
      [GROUP, 'group', 'Ward 7 nurses', null, null, 0],
      [ALICE, 'user', 'Dr Alice Moreau', 'https://example.test/alice.png', null, 0],
    ]);
    expect(h.changes.find((set) => set.conversations.length > 0)?.conversations.map((c) => c.id).sort()).toEqual([ALICE, GROUP, 'dl-1'].sort());
  });

  it('looks up a sender it cannot name once, however many of their messages arrive', async () => {
    h = await openHarness({ routes: rosterRoutes });
    await h.sync.start();
    await h.sync.handle([messageEvent({ token: 'b1', from: BOB, to: ME, createdAt: t0 }), messageEvent({ token: 'b2', from: BOB, to: ME, createdAt: t0 + 1 })]);
    await h.sync.handle([messageEvent({ token: 'b3', from: BOB, to: ME, createdAt: t0 + 2 })]);
    await eventually(() => expect(h.sync.roster().find((c) => c.id === BOB)?.name).toBe('Bob Okafor'));
    expect(h.remote.requestsTo('GET', `/user/${BOB}`)).toHaveLength(1);
    expect(h.remote.requestsTo('GET', `/user/${ALICE}`)).toHaveLength(0);
    expect(h.changes.at(-1)?.conversations.map((c) => [c.id, c.name])).toEqual([[BOB, 'Bob Okafor']]);
  });

  it('looks up the senders of a page it cannot name, and renames their messages', async () => {
    h = await openHarness({ routes: rosterRoutes });
    const { store } = h.local;
    store.transaction(() => store.messages.upsert(incoming({ conversationId: GROUP, conversationKind: 'group', senderToken: BOB, body: 'Bed 4' })));
    expect(h.sync.thread(GROUP, { limit: 10 }).map((message) => message.senderName)).toEqual([BOB]);
    await eventually(() => expect(h.changes.at(-1)?.people.map((person) => [person.token, person.name])).toEqual([[BOB, 'Bob Okafor']]));
    expect(h.sync.thread(GROUP, { limit: 10 }).map((message) => message.senderName)).toEqual(['Bob Okafor']);
    expect(h.remote.requestsTo('GET', `/user/${BOB}`)).toHaveLength(1);
  });

  it('shows a conversation by its token when the lookup fails, and does not ask again', async () => {
    h = await openHarness();
    await h.sync.start();
    await h.sync.handle([messageEvent({ token: 'z1', from: 'user-zed', to: ME, createdAt: t0 })]);
    await eventually(() => expect(h.remote.requestsTo('GET', '/user/user-zed')).toHaveLength(1));
    await h.sync.handle([messageEvent({ token: 'z2', from: 'user-zed', to: ME, createdAt: t0 + 1 })]);
    expect(h.sync.roster()[0]?.name).toBe('user-zed');
    await eventually(() => expect(h.local.records.some((r) => r.message === 'looking up a user failed')).toBe(true));
    expect(h.remote.requestsTo('GET', '/user/user-zed')).toHaveLength(1);
  });

  it('still starts, with what it holds, when the roster cannot be read', async () => {
    h = await openHarness({ routes: { 'GET /roster/': () => ({ status: 503, body: { error: { message: 'down' } } }) } });
    await h.sync.handle([messageEvent({ token: 'o1', from: ALICE, to: ME, createdAt: t0 })]);
    await h.sync.start();
    expect(h.sync.roster().map((c) => c.id)).toEqual([ALICE]);
    expect(h.local.records.some((r) => r.message === 'reading the roster failed')).toBe(true);
  });
});
