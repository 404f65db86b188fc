/**
 * The whole way in: a message sent by one account through the API client reaches the other
 * account's encrypted store through the sandbox's real event stream and sync, and the
 * receipts and recall go back through the sandbox.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ChangeSet } from '../../preload/contract';
import type { ApiClient } from '../../main/core/api';
import { createEventStream } from '../../main/core/events/event-stream';
import { createLogger, type LogRecord } from '../../main/core/log/logger';
import { AttachmentCache, openStore } from '../../main/core/store';
import { createSync } from '../../main/core/sync/sync';
import { newPerson } from '../sandbox/support/people';
import { useSandbox } from '../support/sandbox-fixture';
import { useTempFolder } from '../support/temp-folder';
import { expectNotLogged } from './expectations';

const sandbox = useSandbox({ heartbeatMs: 200 });
const dir = useTempFolder('tigerdesk-sync-sandbox-');

const waitLong = { timeout: 10_000, interval: 20 };

/** A person's device: an encrypted store, sync, and the real event stream from the sandbox. */
async function openDevice(person: { token: string; client: ApiClient }, name: string) {
  const records: LogRecord[] = [];
  const log = createLogger('sync', (record) => records.push(record));
  const store = openStore({ dir: join(dir(), name), key: randomBytes(32).toString('hex') });
  const cache = new AttachmentCache({ dir: join(dir(), name, 'attachments'), key: randomBytes(32).toString('hex') });
  const sync = createSync({ store, cache, api: person.client, me: person.token, log, receipts: { delayMs: 20 } });
  const changes: ChangeSet[] = [];
  sync.onChange((set) => changes.push(set));
  const typing = new Map<string, string[]>();
  sync.onTyping((change) => typing.set(change.conversationId, change.typing));
  const stream = createEventStream({
    request: () => person.client.eventStreamRequest(['is-typing']),
    ack: (ids) => person.client.ackEvents(ids),
    handle: (events) => sync.handle(events),
    onRemoteWipe: async () => undefined,
    log,
    heartbeatMs: 200,
    ackBatch: { maxBatch: 50, delayMs: 10 },
  });
  await sync.start();
  stream.start();
  await vi.waitFor(() => expect(stream.state.kind).toBe('live'), waitLong);
  return {
    store,
    sync,
    changes,
    records,
    typingIn: (conversationId: string) => typing.get(conversationId) ?? [],
    async close() {
      await stream.stop();
      await sync.stop();
      store.close();
    },
  };
}

describe('sync against the sandbox', () => {
  it('stores a message from another account once, sends Delivered and Read, and applies its recall', async () => {
    const alice = await newPerson(sandbox, 'Alice Sandbox');
    const bob = await newPerson(sandbox, 'Bob Sandbox');
    const device = await openDevice(bob, 'bob-1');
    const { store, sync, changes, records, typingIn } = device;
    try {
      await alice.client.startTyping(bob.token);
      await vi.waitFor(() => expect(typingIn(alice.token)).toEqual([alice.token]), waitLong);

      const sent = await alice.client.sendMessage({
        recipient: bob.token,
        body: 'Bed 12 needs a potassium recheck',
        priority: 1,
        senderOrganization: sandbox.organizationKey,
      });
      await vi.waitFor(() => expect(store.messages.byToken(sent.messageId)).toBeDefined(), waitLong);
      expect(typingIn(alice.token)).toEqual([]);
      await vi.waitFor(() => expect(sync.roster()[0]).toMatchObject({ id: alice.token, name: 'Alice Sandbox', unread: 1, unreadPriority: 1 }), waitLong);
      expect(changes.flatMap((set) => set.messages.map((m) => m.token))).toContain(sent.messageId);

      const statusFor = async () => (await alice.client.getMessageStatus(sent.messageId)).statuses.find((s) => s.account_id === bob.token)?.status;
      await vi.waitFor(async () => expect(await statusFor()).toBe('Delivered'), waitLong);

      const [message] = sync.thread(alice.token, { limit: 10 });
      await sync.markRead(alice.token, message!.id);
      await vi.waitFor(async () => expect(await statusFor()).toBe('Read'), waitLong);
      expect(sync.roster()[0]?.unread).toBe(0);

      await alice.client.recallMessage(sent.messageId);
      await vi.waitFor(() => expect(store.messages.byToken(sent.messageId)?.isRecalled).toBe(true), waitLong);
      expect(sync.search('potassium')).toEqual([]);
      expect(sync.roster()[0]?.lastMessage?.preview).toBe('Message recalled');
      expect((store.statements.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n).toBe(1);
      expectNotLogged(records, 'potassium');
    } finally {
      await device.close();
    }
  });

  it('follows a group: created with us in it, its messages filed under it, gone when we are removed', async () => {
    const alice = await newPerson(sandbox, 'Alice Groupie');
    const bob = await newPerson(sandbox, 'Bob Groupie');
    const device = await openDevice(bob, 'bob-2');
    const { store, sync } = device;
    try {
      const group = await alice.client.createGroup({ name: 'Night shift', members: [bob.token] });
      await vi.waitFor(() => expect(sync.roster().map((c) => [c.id, c.kind, c.name])).toEqual([[group.token, 'group', 'Night shift']]), waitLong);
      expect(store.people.members(group.token)).toEqual([alice.token, bob.token].sort());

      const sent = await alice.client.sendMessage({ recipient: group.token, body: 'Handover at 7', senderOrganization: sandbox.organizationKey });
      await vi.waitFor(() => expect(store.messages.byToken(sent.messageId)?.conversationId).toBe(group.token), waitLong);
      expect(sync.roster()[0]).toMatchObject({ id: group.token, unread: 1 });

      await alice.client.removeGroupMembers(group.token, [bob.token]);
      await vi.waitFor(() => expect(sync.roster()).toEqual([]), waitLong);
      expect(store.messages.byToken(sent.messageId)).toBeUndefined();
      expect(device.changes.at(-1)?.removedConversations).toEqual([group.token]);
    } finally {
      await device.close();
    }
  });
});
