// A received message's file: from the encrypted cache, else downloaded from the server and
// cached (the cache file recorded against the message in the store). What cannot be had comes
// back as a reason, for the window to word; the download itself is the caller's, so that a
// network failure is said in the caller's terms.
import type { DownloadedAttachment } from '../api';
import type { AttachmentCache, Store } from '../store';
import { AttachmentCacheError } from '../store';

export interface ReceivedFile {
  bytes: Buffer;
  name: string;
  contentType: string;
}

export type ReceivedAttachment =
  | { kind: 'file'; file: ReceivedFile }
  | { kind: 'missing'; reason: 'no-message' | 'recalled' | 'no-attachment' | 'not-on-server' | 'erased-while-downloading' };

export async function receivedAttachment(
  { store, cache }: { store: Store; cache: AttachmentCache },
  messageId: number,
  download: (token: string) => Promise<DownloadedAttachment>,
): Promise<ReceivedAttachment> {
  const message = store.messages.byId(messageId);
  if (message === undefined) return { kind: 'missing', reason: 'no-message' };
  if (message.isRecalled) return { kind: 'missing', reason: 'recalled' };
  const attachment = store.attachments.forMessage(messageId)[0];
  if (attachment === undefined) return { kind: 'missing', reason: 'no-attachment' };
  const name = attachment.name ?? 'attachment';
  if (attachment.cacheFile !== null) {
    try {
      return { kind: 'file', file: { bytes: await cache.read(attachment.cacheFile), name, contentType: attachment.contentType ?? 'application/octet-stream' } };
    } catch (error) {
      // A copy gone or damaged is fetched again below, when the server has the message.
      if (!(error instanceof AttachmentCacheError) || message.token === null) throw error;
    }
  }
  if (message.token === null) return { kind: 'missing', reason: 'not-on-server' };
  const downloaded = await download(message.token);
  const bytes = Buffer.from(downloaded.bytes);
  const cacheFile = await cache.write(bytes);
  if (!store.attachments.setCached(messageId, attachment.position, cacheFile)) {
    await cache.erase(cacheFile);
    return { kind: 'missing', reason: 'erased-while-downloading' };
  }
  if (attachment.cacheFile !== null) await cache.erase(attachment.cacheFile);
  return { kind: 'file', file: { bytes, name, contentType: attachment.contentType ?? downloaded.contentType } };
}
