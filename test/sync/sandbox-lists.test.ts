/**
 * Roster events and distribution lists the whole way, against the real sandbox: an
 * administrator makes a list that Ann holds and it appears on her roster live with its size;
 * her message to it is kept once in the list's conversation while each member receives it 1:1,
 * and a member's answer arrives in their 1:1 conversation with her; a person put on or taken
 * off her roster by the administrator comes and goes while the app runs, keeping what it held.
 */
import { describe, expect, it, vi } from 'vitest';
import { readRecipient } from '../outbox/recipient-view';
import { newPerson, type TestPerson } from '../sandbox/support/people';
import { useSandbox } from '../support/sandbox-fixture';
import { useTempFolder } from '../support/temp-folder';
import { openSandboxDevice } from './support/sandbox-device';

const sandbox = useSandbox({ heartbeatMs: 200 });
const dir = useTempFolder('tigerdesk-sync-lists-');
const waitLong = { timeout: 10_000, interval: 20 };

async function admin(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

const device = (ann: TestPerson) => openSandboxDevice(sandbox, ann, { homeOrganization: sandbox.organizationKey, dir: dir() });

describe('distribution lists and roster events against the sandbox', () => {
  it('shows a list made for Ann live; her message is kept once in it, members get it 1:1 and answer 1:1', async () => {
    const [ann, bo, cy] = await Promise.all([newPerson(sandbox, 'Ann Holder'), newPerson(sandbox, 'Bo Member'), newPerson(sandbox, 'Cy Member')]);
    const app = device(ann);
    try {
      await app.start();
      const { token: list } = await admin('/sandbox/distribution-lists', { name: 'Night shift nurses', members: [bo.token, cy.token], holders: [ann.token] }) as { token: string };
      await vi.waitFor(() => expect(app.sync.roster().find((conversation) => conversation.id === list))
        .toMatchObject({ kind: 'list', name: 'Night shift nurses', memberCount: 2, organizationKey: sandbox.organizationKey }), waitLong);

      await app.harness.outbox.send({ conversationId: list, body: 'Huddle at 7 in the break room' });
      await vi.waitFor(() => expect(app.harness.outbox.jobs()).toEqual([]), waitLong);
      // The server's echo of the send is the same message: one copy, in the list's conversation, sent.
      await vi.waitFor(() => expect(app.sync.thread(list, { limit: 10 }).map((message) => [message.body, message.status]))
        .toEqual([['Huddle at 7 in the break room', 'sent']]), waitLong);
      expect(app.sync.roster().filter((conversation) => conversation.peerToken === bo.token || conversation.peerToken === cy.token)).toEqual([]);

      for (const member of [bo, cy]) {
        expect((await readRecipient(member, ann.token)).map((message) => message.body)).toEqual(['Huddle at 7 in the break room']);
      }
      await bo.client.sendMessage({ recipient: ann.token, body: 'On my way', senderOrganization: sandbox.organizationKey });
      await vi.waitFor(() => expect(app.sync.thread(bo.token, { limit: 10 }).map((message) => message.body)).toEqual(['On my way']), waitLong);
      expect(app.sync.thread(list, { limit: 10 })).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('adds and removes a person on the roster live; one holding messages is only hidden, and returns with them', async () => {
    const [ann, bo, cy] = await Promise.all([newPerson(sandbox, 'Ann Roster'), newPerson(sandbox, 'Bo Roster'), newPerson(sandbox, 'Cy Roster')]);
    const app = device(ann);
    try {
      await app.start();
      await admin('/sandbox/roster', { account: ann.token, entity: bo.token });
      await vi.waitFor(() => expect(app.sync.roster().find((conversation) => conversation.peerToken === bo.token)?.name).toBe('Bo Roster'), waitLong);
      await cy.client.sendMessage({ recipient: ann.token, body: 'Bed 12 needs you', senderOrganization: sandbox.organizationKey });
      await vi.waitFor(() => expect(app.sync.thread(cy.token, { limit: 10 })).toHaveLength(1), waitLong);

      await admin('/sandbox/roster/remove', { account: ann.token, entity: bo.token });
      await admin('/sandbox/roster/remove', { account: ann.token, entity: cy.token });
      await vi.waitFor(() => expect(app.sync.roster().map((conversation) => conversation.peerToken)).toEqual([]), waitLong);
      expect(app.harness.store.conversations.identityOf(bo.token)).toBeUndefined();
      expect(app.sync.thread(cy.token, { limit: 10 }).map((message) => message.body)).toEqual(['Bed 12 needs you']);

      await cy.client.sendMessage({ recipient: ann.token, body: 'Still there?', senderOrganization: sandbox.organizationKey });
      await vi.waitFor(() => expect(app.sync.roster().map((conversation) => conversation.peerToken)).toEqual([cy.token]), waitLong);
      expect(app.sync.thread(cy.token, { limit: 10 }).map((message) => message.body)).toEqual(['Bed 12 needs you', 'Still there?']);
    } finally {
      await app.close();
    }
  });
});
