// A received message's file, made sure of in the encrypted cache: a sound copy there is used,
// else the file is downloaded straight into the cache (the cache file recorded against the
// message in the store). The caller reads it from the cache, whole or a chunk at a time, so a
// download is never held in memory. What cannot be had comes back as a reason, for the window
// to word; the download itself is the caller's, so that a network failure is said in the
// caller's terms; a server that sends more than the message declared is refused here.
import { ApiError, defaultMaxAttachmentBytes } from '../api';
import type { AttachmentStream } from '../api';
import type { AttachmentCache, Store } from '../store';
import { AttachmentCacheError } from '../store';

export interface ReceivedFile {
  /** The cache file holding it: read it with the cache's read or readStream. */
  cacheFile: string;
  name: string;
  contentType: string;
}

export type ReceivedAttachment =
  | { kind: 'file'; file: ReceivedFile }
  | { kind: 'missing'; reason: 'no-message' | 'recalled' | 'no-attachment' | 'not-on-server' | 'erased-while-downloading' }
  /** The server sent (or said it would send) more than `maxBytes`: the size the message declared, or the cap. Nothing was kept. */
  | { kind: 'too-large'; declaredBytes: number | null; maxBytes: number };

/** Downloads the message's file, reading no more than `maxBytes` of it. */
export type AttachmentDownload = (token: string, maxBytes: number) => Promise<AttachmentStream>;

export async function receivedAttachment(
  { store, cache }: { store: Store; cache: AttachmentCache },
  messageId: number,
  download: AttachmentDownload,
  /** The most any attachment may be, whatever its message declares. Default 100 MB. */
  options: { maxBytes?: number } = {},
): Promise<ReceivedAttachment> {
  const message = store.messages.byId(messageId);
  if (message === undefined) return { kind: 'missing', reason: 'no-message' };
  if (message.isRecalled) return { kind: 'missing', reason: 'recalled' };
  const attachment = store.attachments.forMessage(messageId)[0];
  if (attachment === undefined) return { kind: 'missing', reason: 'no-attachment' };
  const name = attachment.name ?? 'attachment';
  if (attachment.cacheFile !== null) {
    try {
      await verify(cache, attachment.cacheFile);
      return { kind: 'file', file: { cacheFile: attachment.cacheFile, name, contentType: attachment.contentType ?? 'application/octet-stream' } };
    } catch (error) {
      // A copy gone or damaged is fetched again below, when the server has the message.
      if (!(error instanceof AttachmentCacheError) || message.token === null) throw error;
    }
  }
  if (message.token === null) return { kind: 'missing', reason: 'not-on-server' };
  // What the message declared is all the server may send: more is refused and nothing is kept.
  const cap = options.maxBytes ?? defaultMaxAttachmentBytes;
  const maxBytes = attachment.size === null ? cap : Math.min(attachment.size, cap);
  let downloaded: AttachmentStream | undefined;
  let cacheFile: string;
  try {
    downloaded = await download(message.token, maxBytes);
    cacheFile = (await cache.writeStream(downloaded.chunks, attachment.size === null ? {} : { size: attachment.size })).name;
  } catch (error) {
    // A cache that failed before it read the download through: the rest of the reply is not waited for.
    await downloaded?.cancel();
    if (error instanceof ApiError && error.kind === 'too-large') return { kind: 'too-large', declaredBytes: attachment.size, maxBytes };
    throw error;
  }
  if (!store.attachments.setCached(messageId, attachment.position, cacheFile)) {
    await cache.erase(cacheFile);
    return { kind: 'missing', reason: 'erased-while-downloading' };
  }
  if (attachment.cacheFile !== null) await cache.erase(attachment.cacheFile);
  return { kind: 'file', file: { cacheFile, name, contentType: attachment.contentType ?? downloaded.contentType } };
}

/** Reads the whole copy through, a chunk at a time, keeping none of it: a damaged or missing copy throws. */
async function verify(cache: AttachmentCache, cacheFile: string): Promise<void> {
  for await (const chunk of cache.readStream(cacheFile)) void chunk;
}
