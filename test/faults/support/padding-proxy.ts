/**
 * An HTTP proxy on 127.0.0.1 in front of the sandbox that passes every call through, except
 * that while `padding` is on, an attachment download gets the sandbox's file and then bytes
 * without end (Content-Length dropped, so the reply is chunked): a server sending more than the
 * message declared. It records each padded download: how much it sent and whether the client
 * hung up on it.
 */
import { randomBytes } from 'node:crypto';
import { createServer, request as forward } from 'node:http';
import type { ServerResponse } from 'node:http';
import { listenAsApi } from './faulty-proxy';

export interface PaddedDownload {
  sent: number;
  cutShort: boolean;
}

export interface PaddingProxy {
  apiUrl: string;
  padding: boolean;
  padded: PaddedDownload[];
  close(): Promise<void>;
}

const attachmentPath = /^\/v2\/message\/[^/]+\/attachment\/1\/?$/;

export async function startPaddingProxy(targetUrl: string): Promise<PaddingProxy> {
  const target = new URL(targetUrl);
  const block = randomBytes(64 * 1024);
  const proxy: PaddingProxy = { apiUrl: '', padding: false, padded: [], close: async () => undefined };
  const server = createServer((req, res) => {
    const pad = proxy.padding && req.method === 'GET' && attachmentPath.test(new URL(req.url ?? '/', 'http://proxy').pathname);
    const upstream = forward({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (reply) => {
      if (!pad || reply.statusCode !== 200) {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
        return;
      }
      const { 'content-length': _length, 'transfer-encoding': _encoding, ...headers } = reply.headers;
      res.writeHead(200, headers);
      const download: PaddedDownload = { sent: 0, cutShort: false };
      proxy.padded.push(download);
      reply.on('data', (chunk: Buffer) => {
        download.sent += chunk.length;
        res.write(chunk);
      });
      reply.on('end', () => void padWithoutEnd(res, block, download));
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  Object.assign(proxy, await listenAsApi(server));
  return proxy;
}

/** Sends `block` again and again, as fast as the client takes it, until the client hangs up. */
async function padWithoutEnd(res: ServerResponse, block: Buffer, download: PaddedDownload): Promise<void> {
  let closed = res.destroyed;
  res.on('close', () => (closed = true));
  while (!closed) {
    download.sent += block.length;
    if (!res.write(block)) {
      await new Promise<void>((resolve) => {
        const go = () => {
          res.off('drain', go).off('close', go);
          resolve();
        };
        res.once('drain', go).once('close', go);
      });
    }
  }
  download.cutShort = true;
}
