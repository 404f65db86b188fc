import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../main/core/api';
import { keychainServiceFor } from '../../main/cli/cli-context';
import { queuedNotice } from '../../main/cli/commands/send';
import type { OutboxJobView } from '../../main/core/outbox';
import { KeytarSecretStore } from '../../main/core/vault';
import type { MessageView } from '../../preload/contract';
import { readRecipient } from '../outbox/recipient-view';
import { restartableSandbox } from '../outbox/restartable-sandbox';
import type { RestartableSandbox } from '../outbox/restartable-sandbox';
import { withKey } from '../sandbox/support/people';
import { newUser } from '../session/fixtures/sandbox-users';
import type { SandboxUser } from '../session/fixtures/sandbox-users';
import { useCliDataDir } from './fixtures/cli-data-dir';
import { jsonLines, runCli, spawnCli, watch } from './fixtures/run-cli';

let sandbox: RestartableSandbox;

beforeEach(async () => {
  sandbox = await restartableSandbox();
});
afterEach(async () => {
  await sandbox.remove();
});

const dataDir = useCliDataDir('tigerdesk-cli-outbox-');
const cli = (...args: string[]) => ['--server', sandbox.first.apiUrl, '--data-dir', dataDir(), ...args];

/** Signed in, with a conversation with `peer` held locally (so that it can be addressed offline). */
async function signedInWithPeer(): Promise<{ me: SandboxUser; peer: SandboxUser }> {
  const me = await newUser(sandbox.first.url, 'Offline Clinician');
  const peer = await newUser(sandbox.first.url, 'Ward Colleague');
  expect((await runCli(cli('login', me.email, '--password-stdin'), { input: me.password })).code).toBe(0);
  await createApiClient({ baseUrl: sandbox.first.apiUrl, credentials: { key: peer.key, secret: peer.secret } })
    .sendMessage({ recipient: me.token, body: 'Are you on call?', senderOrganization: sandbox.first.organizationKey });
  expect((await runCli(cli('roster'))).code).toBe(0);
  return { me, peer };
}

describe('the command-line outbox', () => {
  it('queues a send while the server is down, lists and cancels jobs, and tail sends the rest once', async () => {
    const { me, peer } = await signedInWithPeer();
    await sandbox.stop();

    const queued = await runCli(cli('send', peer.token, 'On my way'));
    expect(queued.stderr).toBe('');
    expect(queued.code).toBe(0);
    expect(queued.stdout).toMatch(new RegExp(`^${queuedNotice} \\(outbox job \\d+\\)\\.\\n  last attempt: .*network`));

    const unresolved = await runCli(cli('send', peer.email, 'Lab results are in'));
    expect(unresolved.code).toBe(4);
    expect(unresolved.stderr).toContain(`error: Cannot look up ${peer.email}: the server cannot be reached`);
    expect(unresolved.stderr).toContain('Nothing was queued');

    const mistaken = await runCli(cli('send', peer.token, 'Wrong bed', '--json'));
    expect(mistaken.code).toBe(0);
    expect(JSON.parse(mistaken.stdout)).toMatchObject({ outcome: 'queued', conversationId: peer.token, token: null });

    const listed = await runCli(cli('outbox', '--json'));
    expect(listed.code).toBe(0);
    const jobs = jsonLines<OutboxJobView>(listed.stdout);
    expect(jobs.map((job) => [job.kind, job.conversationId, job.state])).toEqual([['send', peer.token, 'pending'], ['send', peer.token, 'pending']]);
    expect(jobs[1]!.id).toBe(JSON.parse(mistaken.stdout).outboxJob);
    const human = await runCli(cli('outbox'));
    expect(human.stdout).toMatch(new RegExp(`^${jobs[0]!.id} {2}message to ${peer.token} {2}\\(queued, \\d+ attempts? so far, next try after .*\\) {2}On my way\\n`));

    const cancelled = await runCli(cli('outbox', 'cancel', String(jobs[1]!.id)));
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toBe(`Cancelled outbox job ${jobs[1]!.id} and its message removed.\n`);
    const unknown = await runCli(cli('outbox', 'cancel', '999'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('error: There is no outbox job 999\n');
    expect(jsonLines<OutboxJobView>((await runCli(cli('outbox', '--json'))).stdout).map((job) => job.id)).toEqual([jobs[0]!.id]);

    await sandbox.start();
    const tail = spawnCli(cli('tail'));
    const tailing = watch(tail);
    await tailing.until('stdout', /"body":"On my way","createdAt":\d+,"status":"sent"/);
    tail.kill('SIGINT');
    expect(await tailing.exited).toBe(0);

    expect((await runCli(cli('outbox'))).stdout).toBe('The outbox is empty: everything was sent.\n');
    const received = await readRecipient(withKey(sandbox.first, peer), me.token);
    expect(received.map((message) => message.body)).toEqual(['On my way']);
    const thread = jsonLines<MessageView>((await runCli(cli('thread', peer.token, '--json'))).stdout);
    expect(thread.map((message) => message.body)).toEqual(['Are you on call?', 'On my way']);
    expect(thread[1]).toMatchObject({ outgoing: true, status: 'sent' });
  });

  it('queues offline a message to an email address the server resolved before, whatever its case, and sends it once back online', async () => {
    const me = await newUser(sandbox.first.url, 'Emailing Clinician');
    const peer = await newUser(sandbox.first.url, 'Emailed Colleague');
    expect((await runCli(cli('login', me.email, '--password-stdin'), { input: me.password })).code).toBe(0);
    const online = await runCli(cli('send', peer.email, 'Bed 12 is ready', '--json'));
    expect(online.code).toBe(0);
    expect(JSON.parse(online.stdout)).toMatchObject({ outcome: 'sent', conversationId: peer.token });
    await sandbox.stop();

    const queued = await runCli(cli('send', peer.email.toUpperCase(), 'Can you check bed 12?', '--json'));
    expect(queued.stderr).toBe('');
    expect(queued.code).toBe(0);
    expect(JSON.parse(queued.stdout)).toMatchObject({ outcome: 'queued', conversationId: peer.token });
    // An address never resolved here is still refused, nothing queued.
    const never = await runCli(cli('send', 'someone.else@example.test', 'Hello'));
    expect(never.code).toBe(4);
    expect(never.stderr).toContain('this address was never looked up here before');

    await sandbox.start();
    const tail = spawnCli(cli('tail'));
    const tailing = watch(tail);
    await tailing.until('stdout', /"body":"Can you check bed 12\?","createdAt":\d+,"status":"sent"/);
    tail.kill('SIGINT');
    expect(await tailing.exited).toBe(0);
    const received = await readRecipient(withKey(sandbox.first, peer), me.token);
    expect(received.map((message) => message.body)).toEqual(['Bed 12 is ready', 'Can you check bed 12?']);
  });

  it('reports a send the server refuses, keeps it, and sends it on retry once the server takes it', async () => {
    const { me, peer } = await signedInWithPeer();
    await sandbox.stop();
    await sandbox.start({ maxAttachmentBytes: 8 });
    const scan = join(dataDir(), 'scan.txt');
    await writeFile(scan, 'a chest X-ray report longer than eight bytes');

    const refused = await runCli(cli('send', peer.token, 'The scan', '--attach', scan));
    expect(refused.code).toBe(1);
    const jobId = /outbox retry (\d+)/.exec(refused.stderr)?.[1];
    expect(refused.stderr).toMatch(/^error: Not sent: The server refused it as too large \(HTTP 413\)/);
    expect(jobId).toBeDefined();
    expect((await runCli(cli('outbox'))).stdout).toMatch(new RegExp(`^${jobId} {2}message to ${peer.token} {2}\\(failed: The server refused it as too large`));

    const again = await runCli(cli('outbox', 'retry', jobId!));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`^error: Outbox job ${jobId} failed again: The server refused it as too large`));

    await sandbox.stop();
    await sandbox.start();
    const retried = await runCli(cli('outbox', 'retry', jobId!));
    expect(retried.stderr).toBe('');
    expect(retried.stdout).toBe(`Outbox job ${jobId} is done.\n`);
    expect(retried.code).toBe(0);
    expect((await runCli(cli('outbox', '--json'))).stdout).toBe('');
    const received = await readRecipient(withKey(sandbox.first, peer), me.token);
    expect(received.map((message) => message.body)).toEqual(['The scan']);
  });

  it('keeps a message the server refused the sign-in for, and sends it after signing in again', async () => {
    const { me, peer } = await signedInWithPeer();
    const stored = JSON.parse((await new KeytarSecretStore({ service: keychainServiceFor(dataDir()) }).get(`account:${me.token}:credentials`))!) as { key: string; secret: string };
    // Another client with the same pair signs out: the server revokes it.
    await createApiClient({ baseUrl: sandbox.first.apiUrl, credentials: stored }).logout();

    const refused = await runCli(cli('send', peer.token, 'Handover at 7'));
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/^error: The server refused the stored credentials\. It is kept in the outbox \(job \d+\) and is sent once you sign in again/);
    expect(jsonLines<OutboxJobView>((await runCli(cli('outbox', '--json'))).stdout).map((job) => job.state)).toEqual(['pending']);

    expect((await runCli(cli('login', me.email, '--password-stdin'), { input: me.password })).code).toBe(0);
    expect((await runCli(cli('roster'))).code).toBe(0);

    expect((await runCli(cli('outbox', '--json'))).stdout).toBe('');
    const received = await readRecipient(withKey(sandbox.first, peer), me.token);
    expect(received.map((message) => message.body)).toEqual(['Handover at 7']);
  });
});
