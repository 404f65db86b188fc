import { describe, expect, it } from 'vitest';
import { ALICE, BOB, GROUP, ME, streamEvent } from './fixture';
import { useHarness } from './sync-harness';
import { incoming } from '../store/message-input';

const h = useHarness();

/** Alice wrote in the ward's group, forwarding Bob; neither has a name here yet. */
function seedUnnamedSenders(): void {
  const { store } = h.local;
  store.transaction(() => {
    store.people.upsertGroup({ token: GROUP, name: 'Ward 7' });
    store.people.addMembers(GROUP, [ME, ALICE]);
    store.messages.upsert(incoming({ conversationId: GROUP, conversationKind: 'group', senderToken: ALICE, originalSender: BOB, body: 'Bed 4' }));
    store.messages.upsert(incoming({ conversationId: ALICE, senderToken: ALICE, body: 'Call me' }));
  });
}

describe('remembering what the server said of people and groups', () => {
  it('names a sender nobody here can name by token in the message view', () => {
    seedUnnamedSenders();
    const [message] = h.sync.thread(GROUP, { limit: 10 });
    expect([message?.senderName, message?.forwardedFrom?.senderName]).toEqual([ALICE, BOB]);
  });

  it('writes the people and tells the window of their cards, their messages and their conversations', () => {
    seedUnnamedSenders();
    h.sync.rememberPeople([{ token: ALICE, first_name: 'Alice', last_name: 'Moreau', title: 'Charge Nurse' }, { token: BOB, display_name: 'Dr Bob Ray' }]);

    expect(h.changes).toHaveLength(1);
    const change = h.changes[0]!;
    expect(change.people.map((person) => [person.token, person.name, person.title])).toEqual([
      [ALICE, 'Alice Moreau', 'Charge Nurse'],
      [BOB, 'Dr Bob Ray', null],
    ]);
    expect(change.conversations.map((conversation) => [conversation.id, conversation.name])).toEqual([[ALICE, 'Alice Moreau']]);
    const [message] = h.sync.thread(GROUP, { limit: 10 });
    expect([message?.senderName, message?.forwardedFrom?.senderName]).toEqual(['Alice Moreau', 'Dr Bob Ray']);
  });

  it('tells the window nothing when what was said changes nothing it shows', () => {
    seedUnnamedSenders();
    h.sync.rememberPeople([{ token: ALICE, display_name: 'Alice Moreau' }]);
    h.sync.rememberPeople([{ token: ALICE, display_name: 'Alice Moreau' }]);
    expect(h.changes).toHaveLength(1);
  });

  it('gives a group this user is in its conversation, and tells the window when its members change', () => {
    h.sync.rememberGroup({ token: 'group-new', name: 'Rapid response', members: [ME, ALICE] });
    expect(h.changes.at(-1)?.conversations.map((conversation) => [conversation.id, conversation.name])).toEqual([['group-new', 'Rapid response']]);
    expect(h.local.store.people.members('group-new')).toEqual([ALICE, ME].sort());

    h.sync.rememberGroup({ token: 'group-new', name: 'Rapid response', members: [ME, ALICE, BOB] });
    expect(h.changes).toHaveLength(2);
    expect(h.changes[1]?.conversations.map((conversation) => conversation.id)).toEqual(['group-new']);
    h.sync.rememberGroup({ token: 'group-new', name: 'Rapid response', members: [ME, ALICE, BOB] });
    expect(h.changes).toHaveLength(2);
  });

  it('keeps a group this user is not in off the roster', () => {
    h.sync.rememberGroup({ token: 'group-other', name: 'Pharmacy', members: [ALICE] });
    expect(h.changes).toEqual([]);
    expect(h.sync.roster().map((conversation) => conversation.id)).not.toContain('group-other');
  });

  it('tells the window of a person an update event renames', async () => {
    seedUnnamedSenders();
    await h.sync.handle([streamEvent('update', { type: 'tigertext:entity:account', token: BOB, display_name: 'Dr Bob Ray' })]);
    expect(h.changes.at(-1)?.people.map((person) => [person.token, person.name])).toEqual([[BOB, 'Dr Bob Ray']]);
  });
});
