// Scenario 4: the disk fills up while a file is cached for sending, while the outbox writes
// to the database, and while a received file is saved where the user chose or opened. The
// user gets a clear error, nothing half-written stays, the database stays sound, and what was
// already queued is still queued and goes out once there is room again.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createApiClient } from '../../main/core/api';
import { createOutbox } from '../../main/core/outbox';
import { AttachmentCache, AttachmentCacheError, openStore } from '../../main/core/store';
import { attachmentCalls, attachmentOf } from '../../main/window-api/attachment-calls';
import { PickedFiles } from '../../main/window-api/file-dialogs';
import type { FileDialog } from '../../main/window-api/file-dialogs';
import type { CallHandlers } from '../../main/window-api/answer-call';
import { messageCalls } from '../../main/window-api/message-calls';
import type { Store } from '../../main/core/store';
import { startTestSandbox } from '../support/sandbox-fixture';
import { readRecipient } from '../outbox/recipient-view';
import { newPerson } from '../sandbox/support/people';
import type { TestPerson } from '../sandbox/support/people';
import { call } from '../window-api/support/signed-in-account';
import { runtimeOnDisk } from './support/disk-runtime';
import { signedInClient, until } from './support/fault-client';
import { fillingDisk } from './support/filling-disk';
import { scanReceivedByNurse as scanReceived } from './support/received-scan';
import { serverMessages, storedJobs, storedMessages } from './support/ledger';

const childScript = join(import.meta.dirname, 'support', 'full-database-child.ts');
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function integrity(store: Store): string | undefined {
  return store.statements.prepare<{ integrity_check: string }>('PRAGMA integrity_check').get()?.integrity_check;
}

/** What a call answered the window with: its value, or the refusal's message. */
function refusal(answer: Promise<unknown>): Promise<string | undefined> {
  return answer.then(() => undefined, (error: unknown) => (error as Error).message);
}

it('refuses a file attached while the disk is full with a disk-full error, queues nothing, leaves no partial file and keeps earlier sends queued', async () => {
  const sandbox = await startTestSandbox();
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
  outbox.networkLost();
  outbox.start();
  await outbox.send({ conversationId: recipient.token, conversationKind: 'user', body: 'queued before the disk filled' });

  disk.full = true;
  const refused = await outbox.send({
    conversationId: recipient.token, conversationKind: 'user', body: 'see the photo', attachment: { path: photo, contentType: 'image/jpeg' },
  }).then(() => undefined, (error: unknown) => error);
  expect(refused).toBeInstanceOf(AttachmentCacheError);
  expect((refused as AttachmentCacheError).reason).toBe('disk-full');
  expect((refused as Error).message).toBe('The disk is full: the attachment (40000 bytes) was not stored and nothing was left behind; free some space and try again');
  expect(await readdir(cacheDir)).toEqual([]);
  expect(storedMessages(store, recipient.token, 'out').map((message) => [message.body, message.status])).toEqual([['queued before the disk filled', 'queued']]);
  expect(storedJobs(store)).toBe(1);
  expect(integrity(store)).toBe('ok');

  disk.full = false;
  await outbox.send({ conversationId: recipient.token, conversationKind: 'user', body: 'see the photo', attachment: { path: photo, contentType: 'image/jpeg' } });
  outbox.networkBack();
  await until('both messages to be sent', () => storedJobs(store) === 0, 15_000);
  expect((await readRecipient(recipient, sender.token)).map((message) => message.body)).toEqual(['queued before the disk filled', 'see the photo']);
}, 60_000);

it('tells the user when the database is full as a message is queued, keeps the database sound and sends what was queued once there is room', async () => {
  const sandbox = await startTestSandbox();
  const a = await signedInClient(sandbox.url, sandbox.apiUrl, 'Nurse Ames');
  cleanup.push(() => a.close());
  const b = await signedInClient(sandbox.url, sandbox.apiUrl, 'Doctor Baker');
  cleanup.push(() => b.close());
  const store = a.runtime.store;
  a.runtime.outbox.networkLost();
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

  expect(integrity(store)).toBe('ok');

  store.statements.prepare('PRAGMA max_page_count = 1073741823').get();
  a.runtime.outbox.networkBack();
  await until('every queued message to be delivered', () =>
    storedJobs(store) === 0 && storedMessages(b.runtime.store, a.user.token, 'in').length === queued.length, 60_000);
  expect(serverMessages(sandbox.dataDir, a.user.token, b.user.token).map((message) => message.body)).toEqual(queued);
  expect(storedMessages(b.runtime.store, a.user.token, 'in').map((message) => message.body)).toEqual(queued);
  expect(storedMessages(store, b.user.token, 'out').map((message) => message.body)).toEqual(queued);
}, 120_000);

// With the database full while the outbox sends: an outcome the server accepted but that
// cannot be stored must not be sent again, and a failing write must not end the process.
it('keeps the client running when the database fills up while the outbox is sending, and sends everything once there is room', async () => {
  const sandbox = await startTestSandbox();
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

/** The shared scan (received-scan.ts) on a sandbox of the test's own, Nurse Ames connected directly. */
async function scanReceivedByNurse(prefix: string) {
  const sandbox = await startTestSandbox();
  return scanReceived({ sandbox, nurseApiUrl: sandbox.apiUrl, prefix, cleanup });
}

it('refuses to download a received file while the disk is full with a disk-full error, leaving no partial copy, and downloads it once there is room', async () => {
  const { a, scan, messageId } = await scanReceivedByNurse('tigerdesk-fault-disk-');

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
  expect(integrity(a.runtime.store)).toBe('ok');

  disk.full = false;
  const file = await attachmentOf(runtime, messageId);
  expect((await runtime.cache.read(file.cacheFile)).equals(scan)).toBe(true);
  expect(await readdir(a.runtime.cache.dir)).toEqual([file.cacheFile]);
  expect((await a.runtime.cache.read((await attachmentOf(a.runtime, messageId)).cacheFile)).equals(scan)).toBe(true);
}, 60_000);

it('refuses to save a received file where the user chose, or to open it, while the disk is full, leaves nothing there and the file it was to replace intact, and saves it once there is room', async () => {
  const { a, dir, scan, messageId } = await scanReceivedByNurse('tigerdesk-fault-save-');

  // The user saves into Documents, over an older scan.pdf they agreed to replace.
  const documents = join(dir, 'Documents');
  await mkdir(documents);
  const older = Buffer.from('the scan of last week');
  await writeFile(join(documents, 'scan.pdf'), older);
  const openedDir = join(dir, 'opened');
  const dialog: FileDialog = {
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async (options) => ({ canceled: false, filePath: join(documents, basename(options.defaultPath ?? 'unnamed')) }),
  };
  const disk = fillingDisk();
  const calls = attachmentCalls({
    current: () => a.runtime, dialog, picked: new PickedFiles(), downloads: join(dir, 'Downloads'), openedDir, openPath: async () => '', files: disk,
  });
  // Shown before the disk filled: the file is in the cache, and saving needs no download.
  expect(Buffer.from((await call(calls, 'attachmentPreview', { messageId })).bytes).equals(scan)).toBe(true);
  const cacheFile = a.runtime.store.attachments.forMessage(Number(messageId))[0]?.cacheFile;
  expect(cacheFile).toMatch(/^[0-9a-f]{32}\.bin$/);

  disk.full = true;
  expect(await refusal(call(calls, 'saveAttachment', { messageId }))).toBe(
    'Not enough disk space: scan.pdf was not saved and nothing was left behind; free some space and try again',
  );
  expect(await refusal(call(calls, 'openAttachment', { messageId }))).toBe(
    'Not enough disk space: scan.pdf was not opened and nothing was left behind; free some space and try again',
  );
  expect(disk.refusedWrites).toBe(2);
  expect(await readdir(documents)).toEqual(['scan.pdf']);
  expect((await readFile(join(documents, 'scan.pdf'))).equals(older)).toBe(true);
  expect(await readdir(openedDir)).toEqual([]);
  expect(a.runtime.store.attachments.forMessage(Number(messageId))[0]?.cacheFile).toBe(cacheFile);
  expect(await readdir(a.runtime.cache.dir)).toEqual([cacheFile]);
  expect(integrity(a.runtime.store)).toBe('ok');

  disk.full = false;
  expect(await call(calls, 'saveAttachment', { messageId })).toEqual({ saved: true });
  expect(await readdir(documents)).toEqual(['scan.pdf']);
  expect((await readFile(join(documents, 'scan.pdf'))).equals(scan)).toBe(true);
}, 60_000);

interface SendingSetup {
  sender: TestPerson;
  recipient: TestPerson;
  store: Store;
  cacheDir: string;
  calls: Partial<CallHandlers>;
  disk: ReturnType<typeof fillingDisk>;
  online(): void;
}

/** The window's send and pick calls over an account whose attachment cache is on a disk that fills; the user picks `picks`. */
async function sendingOnFillingDisk(picks: string): Promise<SendingSetup> {
  const sandbox = await startTestSandbox();
  const sender = await newPerson(sandbox, 'Nurse Ames');
  const recipient = await newPerson(sandbox, 'Doctor Baker');
  const dir = await mkdtemp(join(tmpdir(), 'tigerdesk-fault-attach-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const disk = fillingDisk();
  const account = runtimeOnDisk({ apiUrl: sandbox.apiUrl, organization: sandbox.organizationKey, person: sender, dir: join(dir, 'account'), files: disk });
  cleanup.push(() => account.close());
  const picked = new PickedFiles();
  const current = () => account.runtime;
  const dialog: FileDialog = {
    showOpenDialog: async () => ({ canceled: false, filePaths: [picks] }),
    showSaveDialog: async () => ({ canceled: true, filePath: '' }),
  };
  return {
    sender,
    recipient,
    store: account.runtime.store,
    cacheDir: account.runtime.cache.dir,
    calls: { ...messageCalls(current, picked), ...attachmentCalls({ current, dialog, picked, downloads: dir, openedDir: join(dir, 'opened'), openPath: async () => '' }) },
    disk,
    online: () => account.runtime.outbox.networkBack(),
  };
}

it('refuses a picked file sent while the disk is full with a clear error, keeps no part of it, stores no message or job, and sends it once when there is room', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tigerdesk-fault-picked-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const photo = join(dir, 'wound.jpg');
  const bytes = randomBytes(40_000);
  await writeFile(photo, bytes);
  const setup = await sendingOnFillingDisk(photo);
  const pick = await call(setup.calls, 'pickAttachment', undefined);
  expect(pick).toMatchObject({ name: 'wound.jpg', size: 40_000, contentType: 'image/jpeg' });
  const send = { conversationId: setup.recipient.token, body: 'wound on day 3', attachment: { kind: 'picked' as const, pickId: pick!.pickId } };

  setup.disk.full = true;
  expect(await refusal(call(setup.calls, 'sendMessage', send))).toBe(
    'The disk is full: the attachment (40000 bytes) was not stored and nothing was left behind; free some space and try again',
  );
  expect(setup.disk.refusedWrites).toBe(1);
  expect(await readdir(setup.cacheDir)).toEqual([]);
  expect(storedMessages(setup.store, setup.recipient.token, 'out')).toEqual([]);
  expect(storedJobs(setup.store)).toBe(0);
  expect(integrity(setup.store)).toBe('ok');

  // Room again: the same pick, sent again, is queued once and goes out once.
  setup.disk.full = false;
  const view = await call(setup.calls, 'sendMessage', send);
  expect(view.attachment).toEqual({ name: 'wound.jpg', contentType: 'image/jpeg', size: 40_000 });
  expect(await refusal(call(setup.calls, 'sendMessage', send))).toBe('The picked file is no longer at hand; pick it again');
  setup.online();
  await until('the message to be sent', () => storedJobs(setup.store) === 0, 15_000);
  const received = await readRecipient(setup.recipient, setup.sender.token);
  expect(received.map((message) => message.body)).toEqual(['wound on day 3']);
  const file = await setup.recipient.client.getAttachment(received[0]!.token);
  expect(Buffer.from(file.bytes).equals(bytes)).toBe(true);
}, 60_000);

it('refuses a picked file deleted or replaced by a folder before it was sent, naming the file and not where it was, and queues nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tigerdesk-fault-picked-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const photo = join(dir, 'wound.jpg');
  await writeFile(photo, randomBytes(1_000));
  const setup = await sendingOnFillingDisk(photo);
  const pick = await call(setup.calls, 'pickAttachment', undefined);
  const send = { conversationId: setup.recipient.token, body: 'wound on day 3', attachment: { kind: 'picked' as const, pickId: pick!.pickId } };

  await rm(photo);
  expect(await refusal(call(setup.calls, 'sendMessage', send))).toBe(
    'The file wound.jpg is no longer where it was picked: it was moved or deleted; pick it again',
  );
  await mkdir(photo);
  expect(await refusal(call(setup.calls, 'sendMessage', send))).toBe('wound.jpg is not a file');
  expect(await readdir(setup.cacheDir).catch(() => [])).toEqual([]);
  expect(storedMessages(setup.store, setup.recipient.token, 'out')).toEqual([]);
  expect(storedJobs(setup.store)).toBe(0);

  // The file back where it was: the pick still stands.
  await rm(photo, { recursive: true });
  await writeFile(photo, randomBytes(1_000));
  expect((await call(setup.calls, 'sendMessage', send)).attachment).toEqual({ name: 'wound.jpg', contentType: 'image/jpeg', size: 1_000 });
  expect(storedJobs(setup.store)).toBe(1);
}, 60_000);
