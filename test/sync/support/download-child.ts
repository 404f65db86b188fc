/**
 * A client process that downloads one attachment into the encrypted cache the way the app does
 * (receivedAttachment over the real API client, store and cache), and measures its own memory
 * while it does (run by attachment-download.test.ts). DOWNLOAD_CHILD holds the server, the
 * message's token and declared size. It first downloads a small file, so that what loading the
 * HTTP client costs is not counted, then prints one JSON line: the outcome, how far its memory
 * grew above the baseline at the peak, and the SHA-256 of what the cache holds.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient } from '../../../main/core/api';
import { AttachmentCache, openStore } from '../../../main/core/store';
import { receivedAttachment } from '../../../main/core/sync/received-attachment';
import { incoming } from '../../store/message-input';

interface ChildConfig {
  apiUrl: string;
  warmUpToken: string;
  warmUpBytes: number;
  token: string;
  declaredBytes: number;
}

const config = JSON.parse(process.env.DOWNLOAD_CHILD ?? '') as ChildConfig;
const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('run with --expose-gc');
const dir = await mkdtemp(join(tmpdir(), 'tigerdesk-download-child-'));
const key = randomBytes(32).toString('hex');
const store = openStore({ dir, key });
const cache = new AttachmentCache({ dir: join(dir, 'attachments'), key });
const api = createApiClient({ baseUrl: config.apiUrl, credentials: { key: 'child-key', secret: 'child-secret' }, timeoutMs: 120_000 });
const download = (token: string, maxBytes: number) => api.getAttachmentStream(token, { maxBytes });

function messageWith(token: string, size: number): number {
  return store.messages.upsert(incoming({ token, attachments: [{ attachmentId: 'a1', name: 'scan.pdf', contentType: 'application/pdf', size }] })).id;
}

const warmUp = await receivedAttachment({ store, cache }, messageWith(config.warmUpToken, config.warmUpBytes), download);
if (warmUp.kind !== 'file') throw new Error(`warm-up download: ${warmUp.kind}`);
const id = messageWith(config.token, config.declaredBytes);
collect();
collect();
const baseline = process.memoryUsage();
let peakRss = baseline.rss;
let peakHeld = baseline.heapUsed + baseline.arrayBuffers;
// Collected before each sample, so that what is counted is what the download keeps alive,
// not garbage the collector has yet to get to; resident memory is taken as it is.
const sample = () => {
  const rss = process.memoryUsage.rss();
  collect();
  const now = process.memoryUsage();
  peakRss = Math.max(peakRss, rss);
  peakHeld = Math.max(peakHeld, now.heapUsed + now.arrayBuffers);
};
const sampler = setInterval(sample, 50);
const found = await receivedAttachment({ store, cache }, id, download);
sample();
clearInterval(sampler);

const hash = createHash('sha256');
if (found.kind === 'file') for await (const chunk of cache.readStream(found.file.cacheFile)) hash.update(chunk);
process.stdout.write(`${JSON.stringify({
  kind: found.kind,
  rssGrowth: peakRss - baseline.rss,
  heldGrowth: peakHeld - (baseline.heapUsed + baseline.arrayBuffers),
  sha256: hash.digest('hex'),
})}\n`);
store.close();
process.exit(0);
