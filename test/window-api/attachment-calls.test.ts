import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index';
import type { RunningSandbox } from '../../sandbox/index';
import { attachmentCalls, removeOpenedCopies } from '../../main/window-api/attachment-calls';
import { PickedFiles } from '../../main/window-api/file-dialogs';
import type { FileDialog } from '../../main/window-api/file-dialogs';
import type { CallHandlers } from '../../main/window-api/answer-call';
import type { MessageView } from '../../preload/contract';
import { messageEvent } from '../sync/fixture';
import { newPerson } from '../sandbox/support/people';
import { useSandbox } from '../support/sandbox-fixture';
import type { TestPerson } from '../sandbox/support/people';
import { call, signedIn, waitFor } from './support/signed-in-account';
import type { SignedIn } from './support/signed-in-account';

const sandbox = useSandbox();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Setup {
  me: TestPerson;
  peer: TestPerson;
  account: SignedIn;
  handlers: Partial<CallHandlers>;
  root: string;
  downloads: string;
  /** The folder the user picks in the save dialog; null: they cancel. */
  saveInto: { dir: string | null };
  saveDialogs: Parameters<FileDialog['showSaveDialog']>[0][];
  opened: string[];
  openFailure: { reason: string };
}

async function setUp(server: RunningSandbox = sandbox, keepOpenedMs?: number): Promise<Setup> {
  const me = await newPerson(server, 'Ward Nurse');
  const peer = await newPerson(server, 'Radiologist');
  const account = await signedIn(server.apiUrl, me);
  cleanup.push(() => account.close());
  const root = await mkdtemp(join(tmpdir(), 'tigerdesk-attachment-calls-'));
  cleanup.push(() => rm(root, { recursive: true, force: true }));
  const downloads = join(root, 'Downloads');
  await mkdir(downloads);
  const setup: Setup = {
    me, peer, account, root, downloads, handlers: {}, saveInto: { dir: null }, saveDialogs: [], opened: [], openFailure: { reason: '' },
  };
  const dialog: FileDialog = {
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    // A user who keeps the offered name and picks a folder.
    showSaveDialog: async (options) => {
      setup.saveDialogs.push(options);
      if (setup.saveInto.dir === null) return { canceled: true, filePath: '' };
      return { canceled: false, filePath: join(setup.saveInto.dir, basename(options.defaultPath ?? 'unnamed')) };
    },
  };
  setup.handlers = attachmentCalls({
    current: () => account.runtime,
    dialog,
    picked: new PickedFiles(),
    downloads,
    openedDir: join(root, 'opened'),
    openPath: async (path) => {
      setup.opened.push(path);
      return setup.openFailure.reason;
    },
    ...(keepOpenedMs === undefined ? {} : { keepOpenedMs }),
  });
  return setup;
}

/** The peer sends a file through the server; resolves with the message as this account holds it. */
async function receiveFile(setup: Setup, name: string, contentType: string, bytes: Buffer, organization = sandbox.organizationKey): Promise<MessageView> {
  await setup.peer.client.sendMessage({
    recipient: setup.me.token,
    body: `file ${name}`,
    senderOrganization: organization,
    attachment: { name, contentType, bytes: new Uint8Array(bytes) },
  });
  return waitFor(`the message with ${name}`, () =>
    setup.account.runtime.sync.thread(setup.peer.token, { limit: 50 }).find((message) => message.body === `file ${name}`));
}

/** Every file under a folder, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name))).sort();
}

describe('an attachment preview', () => {
  it('downloads the file once, keeps it encrypted, and shows it from the cache when the server is gone', async () => {
    const own = await startSandbox({ port: 0 });
    const setup = await setUp(own);
    const bytes = randomBytes(4_096);
    const message = await receiveFile(setup, 'chest.png', 'image/png', bytes, own.organizationKey);

    const preview = await call(setup.handlers, 'attachmentPreview', { messageId: message.id });
    expect(Buffer.from(preview.bytes).equals(bytes)).toBe(true);
    expect([preview.name, preview.contentType]).toEqual(['chest.png', 'image/png']);
    const cached = setup.account.runtime.store.attachments.forMessage(Number(message.id))[0]!;
    expect(cached.cacheFile).not.toBeNull();
    const onDisk = await readFile(join(setup.account.runtime.cache.dir, cached.cacheFile!));
    expect(onDisk.includes(bytes.subarray(0, 64))).toBe(false);

    await own.close();
    const again = await call(setup.handlers, 'attachmentPreview', { messageId: message.id });
    expect(Buffer.from(again.bytes).equals(bytes)).toBe(true);
  });

  it('is refused for a message without a file, one that does not exist, and one recalled', async () => {
    const setup = await setUp();
    await setup.peer.client.sendMessage({ recipient: setup.me.token, body: 'just text', senderOrganization: sandbox.organizationKey });
    const text = await waitFor('the text', () => setup.account.runtime.sync.thread(setup.peer.token, { limit: 5 })[0]);
    await expect(call(setup.handlers, 'attachmentPreview', { messageId: text.id })).rejects.toThrow(`Message ${text.id} has no attachment`);
    await expect(call(setup.handlers, 'attachmentPreview', { messageId: '999999' })).rejects.toThrow('There is no message 999999');

    const file = await receiveFile(setup, 'wrong.pdf', 'application/pdf', randomBytes(100));
    await setup.peer.client.recallMessage(file.token!);
    await waitFor('the recall', () => setup.account.runtime.sync.thread(setup.peer.token, { limit: 5 }).find((m) => m.id === file.id && m.recalled));
    await expect(call(setup.handlers, 'attachmentPreview', { messageId: file.id })).rejects.toThrow('The message was recalled: its attachment is gone');
  });
});

describe('saving an attachment', () => {
  it('offers a safe name and writes only where the user chose, for a sender who named the file ../../etc/passwd', async () => {
    const setup = await setUp();
    const { runtime } = setup.account;
    // A message as a hostile server could describe it, its file already in the cache.
    await runtime.sync.handle([
      messageEvent({ token: 'hostile-1', from: setup.peer.token, to: setup.me.token, createdAt: Date.now(), attachment: { name: '../../etc/passwd', contentType: 'text/plain', size: 20 } }),
    ]);
    const held = runtime.store.messages.byToken('hostile-1')!;
    const content = Buffer.from('root:x:0:0:root:/root');
    expect(runtime.store.attachments.setCached(held.id, 1, await runtime.cache.write(content))).toBe(true);
    const chosen = join(setup.root, 'chosen', 'deep');
    await mkdir(chosen, { recursive: true });
    setup.saveInto.dir = chosen;

    expect(await call(setup.handlers, 'saveAttachment', { messageId: String(held.id) })).toEqual({ saved: true });
    expect(setup.saveDialogs.map((options) => options.defaultPath)).toEqual([join(setup.downloads, 'passwd.txt')]);
    expect(await filesUnder(setup.root)).toEqual([join('chosen', 'deep', 'passwd.txt')]);
    expect((await readFile(join(chosen, 'passwd.txt'))).equals(content)).toBe(true);
  });

  it('names the file by its content type when its extension says otherwise', async () => {
    const setup = await setUp();
    const bytes = randomBytes(1_000);
    const message = await receiveFile(setup, 'discharge.exe', 'application/pdf', bytes);
    setup.saveInto.dir = setup.downloads;
    expect(await call(setup.handlers, 'saveAttachment', { messageId: message.id })).toEqual({ saved: true });
    expect(await filesUnder(setup.downloads)).toEqual(['discharge.pdf']);
    expect((await readFile(join(setup.downloads, 'discharge.pdf'))).equals(bytes)).toBe(true);
  });

  it('replaces a file the user chose to overwrite with the whole new one, leaving no temporary file beside it', async () => {
    const setup = await setUp();
    const bytes = randomBytes(2_000);
    const message = await receiveFile(setup, 'xray.png', 'image/png', bytes);
    await writeFile(join(setup.downloads, 'xray.png'), 'last week');
    setup.saveInto.dir = setup.downloads;
    expect(await call(setup.handlers, 'saveAttachment', { messageId: message.id })).toEqual({ saved: true });
    expect(await filesUnder(setup.downloads)).toEqual(['xray.png']);
    expect((await readFile(join(setup.downloads, 'xray.png'))).equals(bytes)).toBe(true);
  });

  it('says which file could not be saved, not where, and leaves nothing when the chosen folder is gone', async () => {
    const setup = await setUp();
    const message = await receiveFile(setup, 'labs.csv', 'text/csv', randomBytes(10));
    setup.saveInto.dir = join(setup.root, 'removed meanwhile');
    await expect(call(setup.handlers, 'saveAttachment', { messageId: message.id })).rejects.toThrow(/^labs\.csv could not be saved \(ENOENT\)$/);
    expect(await filesUnder(setup.root)).toEqual([]);
  });

  it('writes nothing when the user cancels', async () => {
    const setup = await setUp();
    const message = await receiveFile(setup, 'labs.csv', 'text/csv', randomBytes(10));
    expect(await call(setup.handlers, 'saveAttachment', { messageId: message.id })).toEqual({ saved: false });
    expect(setup.saveDialogs.map((options) => options.defaultPath)).toEqual([join(setup.downloads, 'labs.csv')]);
    expect(await filesUnder(setup.root)).toEqual([]);
  });
});

describe('opening an attachment', () => {
  it('hands a decrypted copy under the app temp folder to the system, and removes it after a while', async () => {
    const setup = await setUp(sandbox, 150);
    const bytes = randomBytes(512);
    const message = await receiveFile(setup, 'ecg.pdf', 'application/pdf', bytes);
    expect(await call(setup.handlers, 'openAttachment', { messageId: message.id })).toEqual({ ok: true });
    const [path] = setup.opened;
    expect(path!.startsWith(join(setup.root, 'opened'))).toBe(true);
    expect(basename(path!)).toBe('ecg.pdf');
    expect((await readFile(path!)).equals(bytes)).toBe(true);
    if (process.platform !== 'win32') expect((await stat(path!)).mode & 0o777).toBe(0o600);
    // The copy's folder may vanish while it is being listed: that listing is only tried again.
    const listing = () => filesUnder(join(setup.root, 'opened')).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    await waitFor('the copy removed', async () => ((await listing())?.length === 0 ? true : undefined));
  });

  it('removes the copy at once and says why when the system cannot open it', async () => {
    const setup = await setUp();
    setup.openFailure.reason = 'No application is registered for this file';
    const message = await receiveFile(setup, 'scan.dcm', 'application/dicom', randomBytes(64));
    await expect(call(setup.handlers, 'openAttachment', { messageId: message.id })).rejects.toThrow(
      'The file could not be opened: No application is registered for this file',
    );
    expect(setup.opened).toHaveLength(1);
    expect(await filesUnder(join(setup.root, 'opened'))).toEqual([]);
  });

  it('clears copies left from an earlier run, keeping recent ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tigerdesk-opened-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    await mkdir(join(dir, 'old'));
    await writeFile(join(dir, 'old', 'a.pdf'), 'old');
    await mkdir(join(dir, 'new'));
    await writeFile(join(dir, 'new', 'b.pdf'), 'new');
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(join(dir, 'old'), hourAgo, hourAgo);
    await removeOpenedCopies(dir, 5 * 60_000);
    expect(await readdir(dir)).toEqual(['new']);
    await removeOpenedCopies(dir, 0);
    expect(await readdir(dir)).toEqual([]);
    await expect(removeOpenedCopies(join(dir, 'absent'), 0)).resolves.toBeUndefined();
  });
});

describe('with no account signed in', () => {
  it('the attachment calls are refused plainly', async () => {
    const handlers = attachmentCalls({
      current: () => null,
      dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true, filePath: '' }) },
      picked: new PickedFiles(),
      downloads: tmpdir(),
      openedDir: join(tmpdir(), 'unused'),
      openPath: async () => '',
    });
    await expect(call(handlers, 'saveAttachment', { messageId: '1' })).rejects.toThrow('No account is signed in');
    await expect(call(handlers, 'openAttachment', { messageId: '1' })).rejects.toThrow('No account is signed in');
  });
});
