// The browser harness: the real core in Node behind the built renderer, one core and one
// data folder per page, `window.tiger` over a WebSocket. Starts its own sandbox unless given
// the URL of one already running.
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { createLogger } from '../../main/core/log/logger';
import type { LogSink } from '../../main/core/log/logger';
import { DEMO_PASSWORD, DEMO_YOU, demoEmail } from '../../sandbox/demo/accounts';
import { startSandbox } from '../../sandbox/index';
import { openPageCore } from './page-core';
import type { Emit, PageCore, SandboxAccess } from './page-core';
import { servePage } from './page-socket';
import { buildRenderer, bundleBrowserScript } from './renderer-build';
import { RendererFiles } from './static-files';

export const pageScriptPath = '/harness/tiger.js';
export const socketPath = '/harness/socket';
/** Test-only: axe-core from the harness's own origin, so the page's CSP lets it load. */
export const axePath = '/harness/axe.js';

/** What a page's core is made from; benchmarks put synthetic data behind the same socket. */
export type PageCoreFactory = (page: { dataDir: string; emit: Emit; sandbox: () => Promise<SandboxAccess>; log: LogSink }) => Promise<PageCore>;

export interface HarnessOptions {
  /** 0 or absent: a free port. Binds 127.0.0.1 only. */
  port?: number;
  /** A sandbox already running (`http://127.0.0.1:P`, with or without `/v2`); absent: start one with the demo organization. */
  sandboxUrl?: string;
  /** A built renderer to serve; absent: build one from renderer/ into the harness's own folder. */
  rendererDir?: string;
  pageCore?: PageCoreFactory;
  /** Where the cores log (already redacted); default: warnings and errors to stderr. */
  log?: LogSink;
}

export interface RunningHarness {
  url: string;
  sandboxApiUrl: string;
  /** The renderer being served, as built. */
  rendererDir: string;
  /** The pages connected now. */
  readonly pages: number;
  close(): Promise<void>;
}

const axeFile = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
// A 25 MB attachment is about 33.4 MB as base64 in JSON.
const largestFrame = 40 * 1024 * 1024;

export const stderrSink: LogSink = (record) => {
  if (record.level !== 'info') process.stderr.write(`${JSON.stringify(record)}\n`);
};

export async function startHarness(options: HarnessOptions = {}): Promise<RunningHarness> {
  const root = await mkdtemp(join(tmpdir(), 'tigerdesk-harness-'));
  const sink = options.log ?? stderrSink;
  const log = createLogger('harness', sink);
  const cleanups: (() => Promise<void>)[] = [() => rm(root, { recursive: true, force: true })];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const rendererDir = options.rendererDir ?? join(root, 'renderer');
    if (options.rendererDir === undefined) await buildRenderer(rendererDir);
    const files = await RendererFiles.open(rendererDir, `.${pageScriptPath}`);
    const pageScript = await bundleBrowserScript('page-client.ts');
    const axeScript = await readFile(axeFile, 'utf8');

    let sandbox: SandboxAccess;
    if (options.sandboxUrl === undefined) {
      const started = await startSandbox({ port: 0, seedDemo: true });
      cleanups.push(() => started.close());
      sandbox = { apiUrl: started.apiUrl, demoUser: { userId: demoEmail(DEMO_YOU), password: DEMO_PASSWORD } };
    } else {
      sandbox = { apiUrl: apiUrlOf(options.sandboxUrl), demoUser: { userId: demoEmail(DEMO_YOU), password: DEMO_PASSWORD } };
    }

    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://harness').pathname;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, files.headers('text/plain; charset=utf-8')).end('Method not allowed');
      } else if (path === pageScriptPath) {
        response.writeHead(200, files.headers('text/javascript; charset=utf-8')).end(pageScript);
      } else if (path === '/favicon.ico') {
        // Chromium asks for one on every page; the app has none, and a 404 would read as a fault.
        response.writeHead(204, files.headers('image/x-icon')).end();
      } else if (path === axePath) {
        response.writeHead(200, files.headers('text/javascript; charset=utf-8')).end(axeScript);
      } else {
        void files.read(path).then((file) => response.writeHead(file.status, file.headers).end(file.body));
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('The harness server has no port');
    const url = `http://127.0.0.1:${address.port}/`;
    cleanups.push(
      () =>
        new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );

    const pages = new Set<Promise<void>>();
    const sockets = new Set<WebSocket>();
    const socketServer = new WebSocketServer({ noServer: true, maxPayload: largestFrame });
    server.on('upgrade', (request, socket, head) => {
      if (!isOwnPage(request, url)) {
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      socketServer.handleUpgrade(request, socket, head, (ws) => socketServer.emit('connection', ws, request));
    });
    const makeCore = options.pageCore ?? ((page) => openPageCore({ ...page, clientVersion: 'TigerDesk/harness' }));
    let pageNumber = 0;
    socketServer.on('connection', (ws: WebSocket) => {
      sockets.add(ws);
      const dataDir = join(root, `page-${(pageNumber += 1)}`);
      const core = servePage(ws, (emit) => makeCore({ dataDir, emit, sandbox: async () => sandbox, log: sink }), log);
      // The page is gone: its core closes and its folder goes, whatever state it was in.
      const ended = new Promise<void>((resolve) => ws.once('close', () => resolve()))
        .then(async () => {
          await core.then((opened) => opened.close()).catch((error: unknown) => log.warn('a page core did not close cleanly', { error: (error as Error).message }));
          await rm(dataDir, { recursive: true, force: true });
        })
        .finally(() => {
          sockets.delete(ws);
          pages.delete(ended);
        });
      pages.add(ended);
    });
    cleanups.push(async () => {
      for (const ws of sockets) ws.terminate();
      await Promise.all([...pages]);
      await new Promise<void>((resolve) => socketServer.close(() => resolve()));
    });

    return {
      url,
      sandboxApiUrl: sandbox.apiUrl,
      rendererDir,
      get pages() {
        return sockets.size;
      },
      close: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function apiUrlOf(sandboxUrl: string): string {
  const base = new URL(sandboxUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(`--sandbox-url must be an http(s) URL, not ${sandboxUrl}`);
  const path = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${path.endsWith('/v2') ? path : `${path}/v2`}`;
}

/** A socket from another origin would be another site driving this page's core. */
function isOwnPage(request: IncomingMessage, harnessUrl: string): boolean {
  const path = new URL(request.url ?? '/', 'http://harness').pathname;
  return path === socketPath && request.headers.origin === new URL(harnessUrl).origin;
}
