/**
 * A real HTTP server on 127.0.0.1 that serves attachment downloads (`GET
 * /v2/message/{token}/attachment/1/`) as large as a test asks, honest or hostile: a body of any
 * length or one that never ends, with a truthful Content-Length or none (chunked), or cut off midway.
 * It writes in 64 KiB blocks as the client takes them (never holding a body whole), and records
 * how much it sent, the SHA-256 of what it sent, and whether the client hung up first.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AttachmentPlan {
  /** How many bytes to send; 'endless' keeps sending until the client hangs up. */
  bytes: number | 'endless';
  /** Whether the reply says its length up front. Default false (chunked). */
  contentLength?: boolean;
  contentType?: string;
  /** Drops the connection once this many bytes are sent (a network that fails mid-download). */
  dropAfter?: number;
}

export interface ServedAttachment {
  token: string;
  sent: number;
  /** SHA-256 (hex) of every byte sent. */
  sha256: string;
  /** The client closed the connection before the whole body was sent. */
  cutShort: boolean;
}

export interface AttachmentServer {
  /** The service root, `http://127.0.0.1:<port>/v2`. */
  apiUrl: string;
  /** What each token's download is; a token without a plan is answered 404. */
  plans: Map<string, AttachmentPlan>;
  /** Every download, once it ended (sent whole, or cut short by the client). */
  served: ServedAttachment[];
  /** Resolves once a download of `token` has ended. */
  ended(token: string): Promise<ServedAttachment>;
  close(): Promise<void>;
}

const blockBytes = 64 * 1024;

export async function startAttachmentServer(): Promise<AttachmentServer> {
  const plans = new Map<string, AttachmentPlan>();
  const served: ServedAttachment[] = [];
  const waiting: { token: string; resolve(download: ServedAttachment): void }[] = [];
  const block = randomBytes(blockBytes);
  const finish = (download: ServedAttachment) => {
    served.push(download);
    for (const waiter of waiting.filter((entry) => entry.token === download.token)) waiter.resolve(download);
  };

  const server = createServer((req, res) => {
    req.resume();
    const match = /^\/v2\/message\/([^/]+)\/attachment\/1\/?$/.exec(new URL(req.url ?? '/', 'http://server').pathname);
    const token = match ? decodeURIComponent(match[1]!) : '';
    const plan = plans.get(token);
    if (req.method !== 'GET' || plan === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'no such attachment' } }));
      return;
    }
    const headers: Record<string, string> = { 'content-type': plan.contentType ?? 'application/pdf' };
    if (plan.contentLength === true && plan.bytes !== 'endless') headers['content-length'] = String(plan.bytes);
    res.writeHead(200, headers);
    void send(res, token, plan, block).then(finish);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/v2`,
    plans,
    served,
    ended: (token) => {
      const done = served.find((download) => download.token === token);
      return done ? Promise.resolve(done) : new Promise((resolve) => waiting.push({ token, resolve }));
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes the plan's bytes (or without end) as the client takes them; stops when the client hangs up. */
async function send(res: ServerResponse, token: string, { bytes, dropAfter }: AttachmentPlan, block: Buffer): Promise<ServedAttachment> {
  const hash = createHash('sha256');
  let sent = 0;
  let closed = false;
  res.on('close', () => (closed = true));
  while (!closed && (bytes === 'endless' || sent < bytes)) {
    const piece = bytes === 'endless' ? block : block.subarray(0, Math.min(blockBytes, bytes - sent));
    hash.update(piece);
    sent += piece.length;
    if (dropAfter !== undefined && sent >= dropAfter) {
      res.socket?.destroy();
      break;
    }
    if (!res.write(piece)) {
      await new Promise<void>((resolve) => {
        const go = () => {
          res.off('drain', go).off('close', go);
          resolve();
        };
        res.once('drain', go).once('close', go);
      });
    }
  }
  if (!closed && !res.destroyed) {
    await new Promise<void>((resolve) => {
      res.once('finish', resolve);
      res.once('close', resolve);
      res.end();
    });
  }
  return { token, sent, sha256: hash.digest('hex'), cutShort: !res.writableFinished };
}
