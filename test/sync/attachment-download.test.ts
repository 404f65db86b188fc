// A received file is downloaded straight into the encrypted cache, against a real loopback
// server: no further than the size its message declared or the cap, whichever is smaller (a
// server sending more is refused and nothing is kept), and never held whole in memory.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '../../main/core/api';
import { AttachmentCache, openStore } from '../../main/core/store';
import type { Store } from '../../main/core/store';
import { receivedAttachment } from '../../main/core/sync/received-attachment';
import { startAttachmentServer } from '../support/attachment-server';
import type { AttachmentPlan, AttachmentServer } from '../support/attachment-server';
import { incoming } from '../store/message-input';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Setup {
  server: AttachmentServer;
  store: Store;
  cache: AttachmentCache;
  /** A received message whose attachment the server serves as `plan`, declared as `declared` bytes. */
  message(token: string, declared: number | null, plan: AttachmentPlan): number;
  download(id: number, options?: { maxBytes?: number }): ReturnType<typeof receivedAttachment>;
  cacheFiles(): Promise<string[]>;
}

async function setUp(): Promise<Setup> {
  const server = await startAttachmentServer();
  cleanup.push(() => server.close());
  const dir = await mkdtemp(join(tmpdir(), 'tigerdesk-download-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const key = randomBytes(32).toString('hex');
  const store = openStore({ dir, key });
  cleanup.push(async () => store.close());
  const cache = new AttachmentCache({ dir: join(dir, 'attachments'), key });
  const api = createApiClient({ baseUrl: server.apiUrl, credentials: { key: 'nurse-key', secret: 'nurse-secret' } });
  return {
    server,
    store,
    cache,
    message(token, declared, plan) {
      server.plans.set(token, plan);
      return store.messages.upsert(incoming({ token, attachments: [{ attachmentId: 'a1', name: 'scan.pdf', contentType: 'application/pdf', size: declared }] })).id;
    },
    download: (id, options) => receivedAttachment({ store, cache }, id, (token, maxBytes) => api.getAttachmentStream(token, { maxBytes }), options),
    cacheFiles: () => readdir(cache.dir).catch(() => []),
  };
}

describe('downloading a received file into the cache', () => {
  it('refuses a server that sends more than the message declared, without end, stops reading, and keeps nothing', async () => {
    const setup = await setUp();
    const id = setup.message('m-endless', 200_000, { bytes: 'endless' });
    expect(await setup.download(id)).toEqual({ kind: 'too-large', declaredBytes: 200_000, maxBytes: 200_000 });
    // The client hung up: the server's endless body ended.
    expect((await setup.server.ended('m-endless')).cutShort).toBe(true);
    expect(await setup.cacheFiles()).toEqual([]);
    expect(setup.store.attachments.forMessage(id)[0]?.cacheFile).toBeNull();
    expect(setup.store.messages.byId(id)?.token).toBe('m-endless');
  });

  it('refuses one byte more than declared, and one that says up front it will send more', async () => {
    const setup = await setUp();
    const over = setup.message('m-over', 300_000, { bytes: 300_001 });
    expect(await setup.download(over)).toMatchObject({ kind: 'too-large' });
    const announced = setup.message('m-announced', 300_000, { bytes: 100_000_000, contentLength: true });
    expect(await setup.download(announced)).toMatchObject({ kind: 'too-large' });
    expect((await setup.server.ended('m-announced')).cutShort).toBe(true);
    expect(await setup.cacheFiles()).toEqual([]);
    expect(setup.store.attachments.forMessage(over)[0]?.cacheFile).toBeNull();
  });

  it('holds a file of no declared size, or declared larger than the cap, to the cap', async () => {
    const setup = await setUp();
    const undeclared = setup.message('m-undeclared', null, { bytes: 300_000 });
    expect(await setup.download(undeclared, { maxBytes: 250_000 })).toEqual({ kind: 'too-large', declaredBytes: null, maxBytes: 250_000 });
    const huge = setup.message('m-huge', 400_000, { bytes: 400_000 });
    expect(await setup.download(huge, { maxBytes: 250_000 })).toEqual({ kind: 'too-large', declaredBytes: 400_000, maxBytes: 250_000 });
    expect(await setup.cacheFiles()).toEqual([]);
  });

  it('keeps nothing of a download whose connection drops midway, and says the network failed', async () => {
    const setup = await setUp();
    const id = setup.message('m-dropped', 500_000, { bytes: 500_000, dropAfter: 200_000 });
    const error = await setup.download(id).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('network');
    expect(await setup.cacheFiles()).toEqual([]);
    expect(setup.store.attachments.forMessage(id)[0]?.cacheFile).toBeNull();
  });

  it('caches an honest download, exactly its declared size, whatever Content-Length says or not, and a later one after a refusal', async () => {
    const setup = await setUp();
    const id = setup.message('m-scan', 300_000, { bytes: 400_000 });
    expect(await setup.download(id)).toMatchObject({ kind: 'too-large' });
    // The server mends its ways: the same message downloads.
    setup.server.plans.set('m-scan', { bytes: 300_000, contentLength: true });
    const found = await setup.download(id);
    if (found.kind !== 'file') throw new Error(`not downloaded: ${found.kind}`);
    expect(found.file).toMatchObject({ name: 'scan.pdf', contentType: 'application/pdf' });
    const served = setup.server.served.at(-1)!;
    expect(served).toMatchObject({ sent: 300_000, cutShort: false });
    const cached = await setup.cache.read(found.file.cacheFile);
    expect(cached.length).toBe(300_000);
    expect(await setup.cacheFiles()).toEqual([found.file.cacheFile]);
    expect(setup.store.attachments.forMessage(id)[0]?.cacheFile).toBe(found.file.cacheFile);
    const chunked = setup.message('m-chunked', 300_000, { bytes: 300_000 });
    expect(await setup.download(chunked)).toMatchObject({ kind: 'file' });
  });
});

const childScript = join(import.meta.dirname, 'support', 'download-child.ts');

describe('the memory a download takes', () => {
  it('stays far below the size of the file: a 50 MB attachment goes to the cache a chunk at a time', async () => {
    const server = await startAttachmentServer();
    cleanup.push(() => server.close());
    const size = 50 * 1024 * 1024;
    server.plans.set('m-warm-up', { bytes: 1_000_000 });
    server.plans.set('m-large', { bytes: size, contentLength: true });
    // The child's temporary folders go in one of ours: a child that dies cannot remove them itself.
    const childTmp = await mkdtemp(join(tmpdir(), 'tigerdesk-download-child-'));
    cleanup.push(() => rm(childTmp, { recursive: true, force: true }));
    const env = {
      ...process.env,
      TMPDIR: childTmp,
      DOWNLOAD_CHILD: JSON.stringify({ apiUrl: server.apiUrl, warmUpToken: 'm-warm-up', warmUpBytes: 1_000_000, token: 'm-large', declaredBytes: size }),
    };
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', childScript], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, stderr.slice(0, 1_000)).toBe(0);
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as { kind: string; rssGrowth: number; heldGrowth: number; sha256: string };
    const served = await server.ended('m-large');
    expect(report.kind).toBe('file');
    expect(served).toMatchObject({ sent: size, cutShort: false });
    expect(report.sha256).toBe(served.sha256);
    // Held whole even once, the file alone would be 50 MB more. A chunk at a time, what stays
    // alive is what the HTTP client reads ahead of us (about 8 MB, whatever the file's size) and
    // the chunks in hand: 10-20 MB measured. The bounds leave room for a busy machine.
    expect(report.heldGrowth, `held ${report.heldGrowth} bytes more at the peak`).toBeLessThan(size * 0.6);
    expect(report.rssGrowth, `resident memory grew by ${report.rssGrowth} bytes at the peak`).toBeLessThan(size);
  }, 120_000);
});
