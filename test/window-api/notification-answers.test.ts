// An answer from a notification (issue 13, item 4) sent by the window's own calls over a real
// account runtime and a real sandbox: the peer receives it once, through the outbox, and the
// conversation is read up to the message the notification was about, and no further.
import { describe, expect, it } from 'vitest';
import { accountCalls } from '../../main/window-api/account-calls';
import { PickedFiles } from '../../main/window-api/file-dialogs';
import { messageCalls } from '../../main/window-api/message-calls';
import { answerFromNotification } from '../../main/window-api/notification-answers';
import { readRecipient } from '../outbox/recipient-view';
import { useSandbox } from '../support/sandbox-fixture';
import { signedInWithPeer, waitFor } from './support/signed-in-account';
import type { SignedInWithPeer } from './support/signed-in-account';

const sandbox = useSandbox();

async function setUp() {
  const setup = await signedInWithPeer(sandbox, { me: 'Nurse Answering', peer: 'Doctor Asking' });
  const current = () => setup.account.runtime;
  const calls = { ...messageCalls(current, new PickedFiles()), ...accountCalls(current, () => {}) };
  const warnings: { message: string; fields?: Record<string, string> }[] = [];
  const answer = answerFromNotification(calls, { warn: (message, fields) => warnings.push({ message, ...(fields === undefined ? {} : { fields }) }) });
  return { ...setup, answer, warnings };
}

/** A message from the peer, once this account has stored it: its id, as a notification names it. */
async function fromPeer(setup: SignedInWithPeer, body: string): Promise<string> {
  await setup.peer.client.sendMessage({ recipient: setup.me.token, body, senderOrganization: sandbox.organizationKey });
  const stored = await waitFor(`"${body}" stored`, () => setup.account.runtime.sync.thread(setup.peer.token, { limit: 50 }).find((message) => message.body === body));
  return stored.id;
}

const unread = (setup: SignedInWithPeer) => setup.account.runtime.sync.roster().find((conversation) => conversation.id === setup.peer.token)?.unread;
const outgoing = (setup: SignedInWithPeer) => setup.account.runtime.sync.thread(setup.peer.token, { limit: 50 }).filter((message) => message.outgoing);

describe('an answer from a notification', () => {
  it('is sent through the outbox and received once, and reads the conversation up to the message it answered only', async () => {
    const setup = await setUp();
    const asked = await fromPeer(setup, 'Can you come to bed 4?');
    await fromPeer(setup, 'Also bed 6 when you can');
    expect(unread(setup)).toBe(2);

    await setup.answer({ conversationId: setup.peer.token, upToMessageId: asked, text: 'On my way' });

    const [sent] = outgoing(setup);
    expect(sent).toMatchObject({ body: 'On my way', priority: 'normal' });
    // Marked read up to the question answered; what came after the notification is still unread.
    expect(unread(setup)).toBe(1);
    await waitFor('the reply sent', () => (outgoing(setup)[0]?.status === 'sent' ? true : undefined));
    expect((await readRecipient(setup.peer, setup.me.token)).map((message) => message.body)).toEqual(['On my way']);
    expect(setup.warnings).toEqual([]);
  });

  it('sends nothing, and marks nothing read, for a blank reply', async () => {
    const setup = await setUp();
    const asked = await fromPeer(setup, 'Are you free?');
    await setup.answer({ conversationId: setup.peer.token, upToMessageId: asked, text: ' \n ' });
    expect(outgoing(setup)).toEqual([]);
    expect(unread(setup)).toBe(1);
  });

  it('is refused as the window would refuse it, logged with its kind, and marks nothing read', async () => {
    const setup = await setUp();
    const asked = await fromPeer(setup, 'Long report?');
    await setup.answer({ conversationId: setup.peer.token, upToMessageId: asked, text: 'x'.repeat(10_001) });
    expect(outgoing(setup)).toEqual([]);
    expect(unread(setup)).toBe(1);
    expect(setup.warnings.at(-1)).toMatchObject({ message: 'a reply from a notification was not sent', fields: { code: 'invalid-call' } });
  });
});
