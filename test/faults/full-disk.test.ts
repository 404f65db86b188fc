// Scenario 4: the disk fills up while a file is cached for sending and while the outbox
// writes to the database. The user gets a clear error, the database stays sound, and what
// was already queued is still queued and goes out once there is room again.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createApiClient } from '../../main/core/api';
import { createOutbox } from '../../main/core/outbox';
import { AttachmentCache, AttachmentCacheError, nodeCacheFileSystem, openStore } from '../../main/core/store';
import type { CacheFileSystem } from '../../main/core/store';
import { attachmentOf } from '../../main/shell/attachment-calls';
import { startSandbox } from '../../sandbox';
import { readRecipient } from '../outbox/recipient-view';
import { newPerson } from '../sandbox/support/people';
import { signedInClient, until } from './support/fault-client';
import { serverMessages, storedJobs, storedMessages } from './support/ledger';

const childScript = join(import.meta.dirname, 'support', 'full-database-child.ts');
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The real file system, except that while `full` a write stores half its bytes and fails with ENOSPC, as a filling disk does. */
function fillingDisk(): CacheFileSystem & { full: boolean } {
  return {
    full: false,
    async writeNew(path, data) {
      if (!this.full) return nodeCacheFileSystem.writeNew(path, data);
      await writeFile(path, data.subarray(0, data.length >> 1), { flag: 'wx' });
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    },
    rename: nodeCacheFileSystem.rename,
    read: nodeCacheFileSystem.read,
    remove: nodeCacheFileSystem.remove,
    list: nodeCacheFileSystem.list,
  };
}

it('refuses a file attached while the disk is full with a disk-full error, queues nothing, leaves no partial file and keeps earlier sends queued', async () => {
  const sandbox = await startSandbox();
  cleanup.push(() => sandbox.close());
  const sender = await newPerson(sandbox, 'Nurse Ames');
  const recipient = await newPerson(sandbox, 'Doctor Baker');
  const dir = await mkdtemp(join(tmpdir(), 'tigerdesk-fault-disk-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const photo = join(dir, 'wound.jpg');
  await writeFile(photo, randomBytes(40_000));

  const store = openStore({ dir, key: randomBytes(32).toString('hex') });
  const disk = fillingDisk();
  const cacheDir = join(dir, 'attachments');
  const outbox = createOutbox({
    store,
    api: createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key: sender.key, secret: sender.secret } }),
    attachments: new AttachmentCache({ dir: cacheDir, key: randomBytes(32).toString('hex'), files: disk }),
    senderToken: sender.token,
    senderOrganization: sandbox.organizationKey,
    log: quiet,
    onChange: () => undefined,
    retry: { baseMs: 50, capMs: 400 },
  });
  cleanup.push(async () => {
    await outbox.stop();
    store.close();
  });
  outbox.setOnline(false);
  outbox.start();
  await outbox.send({ conversationId: recipient.token, conversationKind: 'user', body: 'queued before the disk filled' });

  disk.full = true;
  const refused = await outbox.send({
    conversationId: recipient.token, conversationKind: 'user', body: 'see the photo', attachment: { path: photo, contentType: 'image/jpeg' },
  }).then(() => undefined, (error: unknown) => error);
  expect(refused).toBeInstanceOf(AttachmentCacheError);
  expect((refused as AttachmentCacheError).reason).toBe('disk-full');
  expect((refused as Error).message).toMatch(/^The disk is full: the attachment \(40000 bytes\) was not cached and nothing was left behind$/);
  expect(await readdir(cacheDir)).toEqual([]);
  expect(storedMessages(store, recipient.token, 'out').map((message) => [message.body, message.status])).toEqual([['queued before the disk filled', 'queued']]);
  expect(storedJobs(store)).toBe(1);
  expect(store.statements.prepare<{ integrity_check: string }>('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });

  disk.full = false;
  await outbox.send({ conversationId: recipient.token, conversationKind: 'user', body: 'see the photo', attachment: { path: photo, contentType: 'image/jpeg' } });
  outbox.setOnline(true);
  await until('both messages to be sent', () => storedJobs(store) === 0, 15_000);
  expect((await readRecipient(recipient, sender.token)).map((message) => message.body)).toEqual(['queued before the disk filled', 'see the photo']);
}, 60_000);

it('tells the user when the database is full as a message is queued, keeps the database sound and sends what was queued once there is room', async () => {
  const sandbox = await startSandbox();
  cleanup.push(() => sandbox.close());
  const a = await signedInClient(sandbox.url, sandbox.apiUrl, 'Nurse Ames');
  cleanup.push(() => a.close());
  const b = await signedInClient(sandbox.url, sandbox.apiUrl, 'Doctor Baker');
  cleanup.push(() => b.close());
  const store = a.runtime.store;
  a.runtime.outbox.setOnline(false);
  const queued: string[] = [];
  for (let n = 0; n < 20; n += 1) {
    queued.push(`queued ${n}`);
    await a.runtime.outbox.send({ conversationId: b.user.token, conversationKind: 'user', body: `queued ${n}` });
  }

  // SQLite's own limit on the file's size: past it, every write that needs a new page fails with SQLITE_FULL, as on a full disk.
  const pages = store.statements.prepare<{ page_count: number }>('PRAGMA page_count').get()!.page_count;
  store.statements.prepare(`PRAGMA max_page_count = ${pages}`).get();
  let refused: unknown;
  for (let n = 0; n < 500 && refused === undefined; n += 1) {
    await a.runtime.outbox.send({ conversationId: b.user.token, conversationKind: 'user', body: `filler ${n} ${'x'.repeat(2_000)}` })
      .then((view) => queued.push(view.body), (error: unknown) => (refused = error));
  }
  expect(refused, 'the database never filled').toBeInstanceOf(Error);
  expect((refused as { code?: string }).code).toBe('SQLITE_FULL');
  expect((refused as Error).message).toMatch(/disk is full/);
  expect(storedMessages(store, b.user.token, 'out').map((message) => message.body)).toEqual(queued);
  expect(storedJobs(store)).toBe(queued.length);

  expect(store.statements.prepare<{ integrity_check: string }>('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });

  store.statements.prepare('PRAGMA max_page_count = 1073741823').get();
  a.runtime.outbox.setOnline(true);
  await until('every queued message to be delivered', () =>
    storedJobs(store) === 0 && storedMessages(b.runtime.store, a.user.token, 'in').length === queued.length, 60_000);
  expect(serverMessages(sandbox.dataDir, a.user.token, b.user.token).map((message) => message.body)).toEqual(queued);
  expect(storedMessages(b.runtime.store, a.user.token, 'in').map((message) => message.body)).toEqual(queued);
  expect(storedMessages(store, b.user.token, 'out').map((message) => message.body)).toEqual(queued);
}, 120_000);

// With the database full while the outbox sends: an outcome the server accepted but that
// cannot be stored must not be sent again, and a failing write must not end the process.
it('keeps the client running when the database fills up while the outbox is sending, and sends everything once there is room', async () => {
  const sandbox = await startSandbox();
  cleanup.push(() => sandbox.close());
  const sender = await newPerson(sandbox, 'Nurse Ames');
  const recipient = await newPerson(sandbox, 'Doctor Baker');
  // The child's temporary folders go in one of ours: a child that dies cannot remove them itself.
  const childTmp = await mkdtemp(join(tmpdir(), 'tigerdesk-fault-child-'));
  cleanup.push(() => rm(childTmp, { recursive: true, force: true }));
  const env = { ...process.env, TMPDIR: childTmp, FULL_DB_CHILD: JSON.stringify({ apiUrl: sandbox.apiUrl, key: sender.key, secret: sender.secret, recipient: recipient.token, messages: 20 }) };
  const child = spawn(process.execPath, ['--import', 'tsx', childScript], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const steps = stdout.trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { step: string; jobs: number; queued?: number });
  const queued = steps[0]?.queued ?? 0;

  expect(steps[0]).toEqual({ step: 'full', refusal: 'SQLITE_FULL', queued: expect.any(Number), jobs: queued });
  expect(code, `the client process died: ${stderr.split('\n').find((line) => /Error/.test(line)) ?? stderr.slice(0, 500)}`).toBe(0);
  expect(steps.slice(1)).toEqual([{ step: 'sending-while-full', integrity: 'ok', jobs: expect.any(Number) }, { step: 'room-again', jobs: 0 }]);
  const received = await readRecipient(recipient, sender.token);
  expect(received.map((message) => message.body.split(' ').slice(0, 2).join(' '))).toEqual(Array.from({ length: queued }, (_, n) => `queued ${n}`));
}, 90_000);

it('refuses to download a received file while the disk is full with a disk-full error, leaving no partial copy, and downloads it once there is room', async () => {
  const sandbox = await startSandbox();
  cleanup.push(() => sandbox.close());
  const a = await signedInClient(sandbox.url, sandbox.apiUrl, 'Nurse Ames');
  cleanup.push(() => a.close());
  const b = await signedInClient(sandbox.url, sandbox.apiUrl, 'Doctor Baker');
  cleanup.push(() => b.close());
  const dir = await mkdtemp(join(tmpdir(), 'tigerdesk-fault-disk-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const scan = randomBytes(30_000);
  await writeFile(join(dir, 'scan.pdf'), scan);
  await b.runtime.outbox.send({ conversationId: a.user.token, conversationKind: 'user', body: 'the scan', attachment: { path: join(dir, 'scan.pdf'), contentType: 'application/pdf' } });
  await until('the message to arrive', () => storedMessages(a.runtime.store, b.user.token, 'in').length === 1, 15_000);
  const messageId = String(a.runtime.store.statements.prepare<{ id: number }>(`SELECT id FROM messages WHERE direction = 'in'`).get()!.id);

  // The runtime's cache, on a disk that fills up (the runtime takes no file system: the same folder and key, as the shell's download uses).
  const { attachmentKey } = await a.session.opened();
  const disk = fillingDisk();
  const runtime = { ...a.runtime, cache: new AttachmentCache({ dir: a.runtime.cache.dir, key: attachmentKey, files: disk }) };
  disk.full = true;
  const refused = await attachmentOf(runtime, messageId).then(() => undefined, (error: unknown) => error);
  expect(refused).toBeInstanceOf(AttachmentCacheError);
  expect((refused as AttachmentCacheError).reason).toBe('disk-full');
  expect(await readdir(a.runtime.cache.dir).catch(() => [])).toEqual([]);
  expect(a.runtime.store.attachments.forMessage(Number(messageId))[0]?.cacheFile).toBeNull();
  expect(a.runtime.store.statements.prepare<{ integrity_check: string }>('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });

  disk.full = false;
  const file = await attachmentOf(runtime, messageId);
  expect(file.bytes.equals(scan)).toBe(true);
  expect(await readdir(a.runtime.cache.dir)).toHaveLength(1);
  expect((await attachmentOf(a.runtime, messageId)).bytes.equals(scan)).toBe(true);
}, 60_000);
