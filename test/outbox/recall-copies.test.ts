/**
 * A send in doubt can leave the server with two copies of one message (a resend it had in fact
 * accepted); the sender's store holds it once, the second token as an alias. Recalling it must
 * reach both copies, or the recipient keeps one the sender believes recalled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountRuntime, OpenAccountOptions } from '../../main/core/account';
import { ApiError, createApiClient } from '../../main/core/api';
import type { ApiClient } from '../../main/core/api';
import { CLIENT_ID_NAMESPACE } from '../../main/core/sync/message-mapping';
import type { RunningSandbox } from '../../sandbox';
import { startFaultyProxy } from '../faults/support/faulty-proxy';
import { startTestSandbox } from '../support/sandbox-fixture';
import { newUser } from '../session/fixtures/sandbox-users';
import type { SandboxUser } from '../session/fixtures/sandbox-users';
import { waitFor } from '../session/fixtures/wait-for';
import { openUserRuntime } from './user-runtime';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function runtimeOf(server: string, user: SandboxUser, options: Partial<OpenAccountOptions> = {}): Promise<AccountRuntime> {
  const { runtime, close } = await openUserRuntime(server, user, options);
  cleanup.push(close);
  return runtime;
}

function apiOf(sandbox: RunningSandbox, user: SandboxUser): ApiClient {
  return createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key: user.key, secret: user.secret }, organizationKey: sandbox.organizationKey });
}

interface Doubled {
  messageId: number;
  first: string;
  second: string;
}

/**
 * Sends through the outbox, then sends the same message again with the same client id straight
 * through the API (what a resend of a send in doubt does), and waits for the sender's stream to
 * file the second copy as an alias of the first.
 */
async function doubledSend(sandbox: RunningSandbox, sender: AccountRuntime, nurse: SandboxUser, doctor: SandboxUser, dor = false): Promise<Doubled> {
  const view = await sender.outbox.send({ conversationId: doctor.token, body: 'Potassium is 6.1', deleteOnRead: dor });
  const messageId = Number(view.id);
  const first = await waitFor('the first copy sent', () => (sender.outbox.jobs().length === 0 ? sender.store.messages.byId(messageId)?.token ?? undefined : undefined));
  const clientId = sender.store.messages.byId(messageId)!.clientId!;
  const second = await apiOf(sandbox, nurse).sendMessage({
    recipient: doctor.token,
    body: 'Potassium is 6.1',
    dor,
    senderOrganization: sandbox.organizationKey,
    data: [{ namespace: CLIENT_ID_NAMESPACE, mimetype: 'text/plain', payload: clientId }],
  });
  expect(second.messageId).not.toBe(first);
  await waitFor('the second copy filed as an alias', () => (sender.store.messages.byToken(second.messageId)?.id === messageId ? true : undefined));
  expect(sender.store.messages.aliasTokens(messageId)).toEqual([second.messageId]);
  return { messageId, first, second: second.messageId };
}

/** The message token of a `/v2/message/{token}` path (the client adds a trailing slash, as the spec writes it). */
function tokenOf(path: string): string | null {
  return /^\/v2\/message\/([^/]+)\/?$/.exec(path)?.[1] ?? null;
}

async function recalledOnServer(doctorApi: ApiClient, token: string): Promise<boolean> {
  return (await doctorApi.getMessageStatus(token)).is_recalled;
}

describe('recalling a message the server holds twice', () => {
  it('recalls both server copies, as the recipient sees them', async () => {
    const sandbox = await startTestSandbox();
    const nurse = await newUser(sandbox.url, 'Doubled Nurse');
    const doctor = await newUser(sandbox.url, 'Receiving Doctor');
    const sender = await runtimeOf(sandbox.apiUrl, nurse);
    await sender.catchUp(10_000);
    const doctorApi = apiOf(sandbox, doctor);
    const { messageId, first, second } = await doubledSend(sandbox, sender, nurse, doctor);
    expect([await recalledOnServer(doctorApi, first), await recalledOnServer(doctorApi, second)]).toEqual([false, false]);

    expect(await sender.outbox.recall(messageId)).toMatchObject({ kind: 'recall' });
    await waitFor('the recall job done', () => (sender.outbox.jobs().length === 0 ? true : undefined));

    expect([await recalledOnServer(doctorApi, first), await recalledOnServer(doctorApi, second)]).toEqual([true, true]);
    expect(sender.store.messages.byId(messageId)).toMatchObject({ isRecalled: true, body: '' });
    // A second recall of a copy already recalled is harmless: the sandbox answers it as the first.
    await expect(apiOf(sandbox, nurse).recallMessage(first)).resolves.toBeUndefined();
  });

  it('counts a copy the server no longer holds (read once) as recalled, not as a failure', async () => {
    const sandbox = await startTestSandbox();
    const nurse = await newUser(sandbox.url, 'Fading Nurse');
    const doctor = await newUser(sandbox.url, 'Reading Doctor');
    const sender = await runtimeOf(sandbox.apiUrl, nurse);
    await sender.catchUp(10_000);
    const doctorApi = apiOf(sandbox, doctor);
    const { messageId, first, second } = await doubledSend(sandbox, sender, nurse, doctor, true);
    // Delete on read: once the doctor reads the second copy, the server erases it.
    await doctorApi.updateMessageStatus({ read: [second] });
    const gone = await doctorApi.getMessageStatus(second).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(ApiError);
    expect(gone).toMatchObject({ kind: 'http', status: 404 });

    await sender.outbox.recall(messageId);
    await waitFor('the recall job done', () => (sender.outbox.jobs().length === 0 ? true : undefined));

    expect(await recalledOnServer(doctorApi, first)).toBe(true);
    expect(sender.store.messages.byId(messageId)).toMatchObject({ isRecalled: true });
  });

  it('retries a copy whose recall failed without recalling the done one again, even once the first recall\'s echo marked it recalled', async () => {
    const sandbox = await startTestSandbox();
    const proxy = await startFaultyProxy(sandbox.apiUrl);
    cleanup.push(() => proxy.close());
    const nurse = await newUser(sandbox.url, 'Interrupted Nurse');
    const doctor = await newUser(sandbox.url, 'Waiting Doctor');
    // A second between the outbox's attempts: time for the echo of the first copy's recall to arrive.
    const sender = await runtimeOf(proxy.apiUrl, nurse, { outboxRetry: { baseMs: 1_000, capMs: 1_000 }, random: () => 0.999 });
    await sender.catchUp(10_000);
    const doctorApi = apiOf(sandbox, doctor);
    const { messageId, first, second } = await doubledSend(sandbox, sender, nurse, doctor);

    let failed = false;
    proxy.plan = {
      call(method, path) {
        if (method !== 'DELETE' || tokenOf(path) !== second || failed) return 'pass';
        failed = true;
        return { status: 500 };
      },
      stream: () => 'pass',
    };
    await sender.outbox.recall(messageId);
    await waitFor('the first copy recalled and the job waiting to retry', () => {
      const job = sender.outbox.jobs()[0];
      return job?.state === 'pending' && job.lastError !== null && sender.store.messages.byId(messageId)?.isRecalled ? true : undefined;
    });
    expect(await recalledOnServer(doctorApi, first)).toBe(true);
    expect(await recalledOnServer(doctorApi, second)).toBe(false);

    await waitFor('the recall job done', () => (sender.outbox.jobs().length === 0 ? true : undefined));
    expect(await recalledOnServer(doctorApi, second)).toBe(true);
    const recalls = proxy.requests.filter((request) => request.method === 'DELETE' && tokenOf(request.path) !== null);
    expect(recalls.map((request) => [tokenOf(request.path), request.fault])).toEqual([
      [first, 'pass'],
      [second, { status: 500 }],
      [second, 'pass'],
    ]);
  });
});
