// Scenario: an attachment bigger than declared. The server (here a proxy in front of the
// sandbox) sends a received file's bytes and then more without end. Showing, saving and opening
// the file are each refused with a clear too-large message, the download is stopped (the
// endless reply is not read on), nothing is cached or written where the user chose, the message
// and everything else stays and keeps working, and once the server is honest the file downloads.
import { mkdir, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { attachmentCalls } from '../../main/window-api/attachment-calls';
import { PickedFiles } from '../../main/window-api/file-dialogs';
import type { FileDialog } from '../../main/window-api/file-dialogs';
import { startTestSandbox } from '../support/sandbox-fixture';
import { call } from '../window-api/support/signed-in-account';
import { until } from './support/fault-client';
import { storedMessages } from './support/ledger';
import { startPaddingProxy } from './support/padding-proxy';
import { scanReceivedByNurse } from './support/received-scan';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** What a call answered the window with: its value, or the refusal's code and message. */
function refusal(answer: Promise<unknown>): Promise<{ code?: string; message: string } | undefined> {
  return answer.then(() => undefined, (error: unknown) => ({ code: (error as { code?: string }).code, message: (error as Error).message }));
}

it('refuses an attachment bigger than declared with a clear too-large error, keeps nothing of it and loses nothing else, and downloads it once the server is honest', async () => {
  const sandbox = await startTestSandbox();
  const proxy = await startPaddingProxy(sandbox.url);
  cleanup.push(() => proxy.close());
  // Nurse Ames talks to the server through the proxy; Doctor Baker directly.
  const { a, b, dir, scan, messageId } = await scanReceivedByNurse({ sandbox, nurseApiUrl: proxy.apiUrl, prefix: 'tigerdesk-fault-oversized-', cleanup });
  expect(a.runtime.store.attachments.forMessage(Number(messageId))[0]?.size).toBe(30_000);

  const documents = join(dir, 'Documents');
  await mkdir(documents);
  const openedDir = join(dir, 'opened');
  const dialog: FileDialog = {
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async (options) => ({ canceled: false, filePath: join(documents, basename(options.defaultPath ?? 'unnamed')) }),
  };
  const calls = attachmentCalls({ current: () => a.runtime, dialog, picked: new PickedFiles(), downloads: join(dir, 'Downloads'), openedDir, openPath: async () => '' });

  proxy.padding = true;
  const tooLarge = {
    code: 'too-large',
    message: 'The server sent more than the 30000 bytes the attachment was declared as: the download was stopped and nothing was kept',
  };
  expect(await refusal(call(calls, 'attachmentPreview', { messageId }))).toEqual(tooLarge);
  expect(await refusal(call(calls, 'saveAttachment', { messageId }))).toEqual(tooLarge);
  expect(await refusal(call(calls, 'openAttachment', { messageId }))).toEqual(tooLarge);
  // Each download was cut off by the client, not read on without end.
  await until('the padded downloads to be cut off', () => proxy.padded.length === 3 && proxy.padded.every((download) => download.cutShort), 10_000);
  expect(await readdir(a.runtime.cache.dir).catch(() => [])).toEqual([]);
  expect(await readdir(documents)).toEqual([]);
  expect(await readdir(openedDir).catch(() => [])).toEqual([]);
  expect(a.runtime.store.attachments.forMessage(Number(messageId))[0]?.cacheFile).toBeNull();
  expect(storedMessages(a.runtime.store, b.user.token, 'in').map((message) => message.body)).toEqual(['the scan']);
  expect(a.runtime.store.statements.prepare<{ integrity_check: string }>('PRAGMA integrity_check').get()?.integrity_check).toBe('ok');

  // Everything else goes on through the same server: messages both ways.
  await a.runtime.outbox.send({ conversationId: b.user.token, conversationKind: 'user', body: 'the scan did not come through' });
  await b.runtime.outbox.send({ conversationId: a.user.token, conversationKind: 'user', body: 'sending it again' });
  await until('both messages to arrive', () =>
    storedMessages(b.runtime.store, a.user.token, 'in').length === 1 && storedMessages(a.runtime.store, b.user.token, 'in').length === 2, 15_000);

  proxy.padding = false;
  const preview = await call(calls, 'attachmentPreview', { messageId });
  expect(Buffer.from(preview.bytes).equals(scan)).toBe(true);
  const cacheFile = a.runtime.store.attachments.forMessage(Number(messageId))[0]?.cacheFile;
  expect(await readdir(a.runtime.cache.dir)).toEqual([cacheFile]);
  expect(await call(calls, 'saveAttachment', { messageId })).toEqual({ saved: true });
  expect(await readdir(documents)).toEqual(['scan.pdf']);
}, 90_000);
