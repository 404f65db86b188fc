// The attachment calls of the IPC contract: picking a file to send, and a received file's
// bytes shown, saved where the user chooses, or opened in another app. Bytes come from the
// encrypted cache, or from the server (and are then cached) when not downloaded yet.
import { userText } from '../../i18n/user-text';
import type { MessageKey, UserText } from '../../i18n/user-text';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AttachmentCacheError, nodeCacheFileSystem } from '../core/store';
import { receivedAttachment } from '../core/sync/received-attachment';
import type { ReceivedFile } from '../core/sync/received-attachment';
import type { CacheFileSystem } from '../core/store';
import type { CallHandlers } from './answer-call';
import { CallRefusal } from './call-refusal';
import { pickFile, plainFileName, safeFileName, saveAttachmentTitle, unwrittenFile } from './file-dialogs';
import type { FileDialog, PickedFiles } from './file-dialogs';
import { localMessageId, requireRuntime, throughServer } from './runtime-calls';
import type { CallRuntime, CurrentRuntime } from './runtime-calls';

export type AttachmentCalls = Pick<CallHandlers, 'pickAttachment' | 'attachmentPreview' | 'saveAttachment' | 'openAttachment'>;

export interface AttachmentCallsOptions {
  current: CurrentRuntime;
  dialog: FileDialog;
  picked: PickedFiles;
  /** Where the save dialog starts: the user's downloads folder. */
  downloads: string;
  /** The app's own folder for decrypted copies handed to another app (see openedCopies). */
  openedDir: string;
  /** Electron's `shell.openPath`: resolves to '' once opened, else to why not. */
  openPath(path: string): Promise<string>;
  /** How long a decrypted copy is kept for the app that opened it. Default 5 minutes. */
  keepOpenedMs?: number;
  /** How saved and opened copies are written; default the real file system. */
  files?: WrittenFiles;
}

/** The file operations that write a received file out, injectable so that a full disk can be simulated. */
export type WrittenFiles = Pick<CacheFileSystem, 'writeNew' | 'rename' | 'remove'>;

const defaultKeepOpenedMs = 5 * 60_000;

export function attachmentCalls(options: AttachmentCallsOptions): AttachmentCalls {
  const runtime = () => requireRuntime(options.current);
  const keepOpenedMs = options.keepOpenedMs ?? defaultKeepOpenedMs;
  const files = options.files ?? nodeCacheFileSystem;
  return {
    pickAttachment: () => pickFile(options.dialog, options.picked),
    async attachmentPreview({ messageId }) {
      const account = runtime();
      const file = await attachmentOf(account, messageId);
      return { bytes: wholeBytes(await account.cache.read(file.cacheFile)), contentType: file.contentType, name: file.name };
    },
    async saveAttachment({ messageId }) {
      const account = runtime();
      const file = await attachmentOf(account, messageId);
      const chosen = await options.dialog.showSaveDialog({
        title: saveAttachmentTitle,
        defaultPath: join(options.downloads, safeFileName(file.name, file.contentType)),
      });
      if (chosen.canceled || chosen.filePath === '') return { saved: false };
      await replaceWhole(files, chosen.filePath, account.cache.readStream(file.cacheFile));
      return { saved: true };
    },
    async openAttachment({ messageId }) {
      const account = runtime();
      const file = await attachmentOf(account, messageId);
      await removeOpenedCopies(options.openedDir, keepOpenedMs);
      const folder = join(options.openedDir, randomBytes(16).toString('hex'));
      const name = safeFileName(file.name, file.contentType);
      const path = join(folder, name);
      try {
        await mkdir(folder, { recursive: true, mode: 0o700 });
        await files.writeNew(path, account.cache.readStream(file.cacheFile));
      } catch (error) {
        // Even part of a decrypted copy must not stay behind.
        await rm(folder, { recursive: true, force: true }).catch(() => undefined);
        throw error instanceof AttachmentCacheError ? error : unwrittenFile(name, 'opened', (error as NodeJS.ErrnoException).code);
      }
      const failure = await options.openPath(path);
      if (failure !== '') {
        await rm(folder, { recursive: true, force: true });
        throw new CallRefusal('refused', userText('error.file-not-opened', { detail: failure }));
      }
      // The other app has read it (or holds it open: removing then fails, and the next open retries).
      setTimeout(() => {
        rm(folder, { recursive: true, force: true }).catch(() => undefined);
      }, keepOpenedMs).unref();
      return { ok: true };
    },
  };
}

/**
 * Writes the whole file, decrypted from the cache a chunk at a time, under a hidden name beside
 * `path`, then renames it into place: a write that fails (a full disk, a damaged cache file)
 * leaves no partial file there, and a file it was to replace intact.
 */
async function replaceWhole(files: WrittenFiles, path: string, chunks: AsyncIterable<Buffer>): Promise<void> {
  // Short, whatever the chosen name's length: a name near the file system's limit must still have room.
  const temporary = join(dirname(path), `.tigerdesk-${randomBytes(8).toString('hex')}.part`);
  try {
    await files.writeNew(temporary, chunks);
    await files.rename(temporary, path);
  } catch (error) {
    await files.remove(temporary).catch(() => undefined);
    if (error instanceof AttachmentCacheError) throw error;
    throw unwrittenFile(plainFileName(path), 'saved', (error as NodeJS.ErrnoException).code);
  }
}

/**
 * The file as the window is sent it, without a second copy of a large file. A view is sent
 * with its whole backing memory, so a small buffer that shares Node's pool with other data is copied out.
 */
function wholeBytes(bytes: Buffer): Uint8Array<ArrayBuffer> {
  const { buffer } = bytes;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return new Uint8Array(buffer);
  return new Uint8Array(bytes);
}

/**
 * Removes decrypted copies older than `olderThanMs` (all of them at 0): those whose timer
 * did not run because the app quit or crashed, or whose file was still held open then.
 */
export async function removeOpenedCopies(openedDir: string, olderThanMs: number, now = Date.now()): Promise<void> {
  let names: string[];
  try {
    names = await readdir(openedDir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(openedDir, name);
    const info = await stat(path).catch(() => undefined);
    if (info !== undefined && now - info.mtimeMs >= olderThanMs) await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
}

const missingKeys = {
  'no-message': 'outbox.no-message',
  recalled: 'error.attachment-recalled',
  'no-attachment': 'error.no-attachment',
  'not-on-server': 'error.attachment-not-on-server',
  'erased-while-downloading': 'error.attachment-erased',
} as const satisfies Record<string, MessageKey>;

function tooLargeText(declaredBytes: number | null, maxBytes: number): UserText {
  return declaredBytes !== null && declaredBytes <= maxBytes
    ? userText('error.attachment-over-declared', { bytes: declaredBytes })
    : userText('error.attachment-too-large', { bytes: maxBytes });
}

/**
 * The message's file, in the cache: there already, else downloaded into it by the core; refused
 * plainly when there is none, or when the server sends more than the message declared.
 */
export async function attachmentOf(runtime: CallRuntime, messageId: string): Promise<ReceivedFile> {
  const download = (token: string, maxBytes: number) => runtime.api.getAttachmentStream(token, { maxBytes });
  // Around the whole of it: the connection can also fail while the file is being read into the cache.
  const found = await throughServer('attachment_download', () => receivedAttachment(runtime, localMessageId(messageId), download));
  if (found.kind === 'missing') throw new CallRefusal('not-found', userText(missingKeys[found.reason], { message: messageId }));
  if (found.kind === 'too-large') throw new CallRefusal('too-large', tooLargeText(found.declaredBytes, found.maxBytes));
  return found.file;
}
