import { beforeEach, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../preload/contract';
import type { RunningSandbox } from '../../sandbox/index';
import { newPerson } from '../sandbox/support/people';
import type { TestPerson } from '../sandbox/support/people';
import { eventually, useNurseOutbox } from './outbox-fixture';
import type { OutboxHarness } from './outbox-fixture';

let sandbox: RunningSandbox;
let nurse: TestPerson;
let doctor: TestPerson;
let harness: OutboxHarness;

const world = useNurseOutbox('tigerdesk-outbox-members-');
beforeEach(() => {
  ({ sandbox, nurse, doctor, harness } = world());
});

/** A group on this account's roster, as sync would have stored it. */
function heldGroup(token: string, name: string): void {
  harness.store.conversations.upsert({ id: token, kind: 'group', name });
}

/** The change sets from index `from` on that carry the conversation's summary. */
const touching = (id: string, from = 0): ChangeSet[] => harness.changes.slice(from).filter((change) => change.conversations.some((summary) => summary.id === id));

describe('member changes in the outbox', () => {
  it('report the group changed when queued and when sent, and are listed until sent', async () => {
    const group = await nurse.client.createGroup({ name: 'Ward 4B', members: [doctor.token] });
    heldGroup(group.token, 'Ward 4B');
    const porter = await newPerson(sandbox, 'Porter');
    harness.outbox.networkLost();

    harness.outbox.changeGroupMembers(group.token, 'add', [porter.token]);
    harness.outbox.changeGroupMembers(group.token, 'remove', [doctor.token]);
    expect(touching(group.token)).toHaveLength(2);
    expect(touching(group.token)[0]).toMatchObject({ conversations: [{ id: group.token, kind: 'group', name: 'Ward 4B' }], removedConversations: [] });
    expect(harness.outbox.pendingMemberChanges(group.token)).toEqual([
      { member: porter.token, change: 'add', failed: false },
      { member: doctor.token, change: 'remove', failed: false },
    ]);
    expect(harness.outbox.pendingMemberChanges('another-group')).toEqual([]);

    const beforeSending = harness.changes.length;
    harness.outbox.networkBack();
    await harness.outbox.whenIdle();
    // One report per job sent: the window reads the group again after each.
    expect(touching(group.token, beforeSending)).toHaveLength(2);
    expect(harness.outbox.pendingMemberChanges(group.token)).toEqual([]);
    expect((await nurse.client.getGroup(group.token)).members.sort()).toEqual([nurse.token, porter.token].sort());
  });

  it('report the group changed when a change fails, when it is retried and when it is cancelled', async () => {
    heldGroup('no-such-group', 'Gone ward');
    const job = harness.outbox.changeGroupMembers('no-such-group', 'add', [doctor.token]);
    const queued = harness.changes.length;
    await harness.outbox.whenIdle();
    await eventually(() => harness.outbox.jobs()[0]?.state === 'failed', 'the refused change to fail');
    expect(touching('no-such-group', queued)).toHaveLength(1);
    expect(harness.outbox.pendingMemberChanges('no-such-group')).toEqual([{ member: doctor.token, change: 'add', failed: true }]);

    const failed = harness.changes.length;
    harness.outbox.networkLost();
    harness.outbox.retry(job.id);
    expect(touching('no-such-group', failed)).toHaveLength(1);
    expect(harness.outbox.pendingMemberChanges('no-such-group')).toEqual([{ member: doctor.token, change: 'add', failed: false }]);

    const retried = harness.changes.length;
    await harness.outbox.cancel(job.id);
    expect(touching('no-such-group', retried)).toHaveLength(1);
    expect(harness.outbox.pendingMemberChanges('no-such-group')).toEqual([]);
  });

  it('report nothing for a group this account does not show, rather than report it removed', async () => {
    harness.outbox.networkLost();
    harness.outbox.changeGroupMembers('group-not-held', 'add', [doctor.token]);
    expect(harness.changes).toEqual([]);
    expect(harness.outbox.pendingMemberChanges('group-not-held')).toEqual([{ member: doctor.token, change: 'add', failed: false }]);
  });
});
