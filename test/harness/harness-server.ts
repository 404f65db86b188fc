// The browser harness: TigerDesk in any browser. Each page that connects is its own app:
// startApp runs for it on the desktop stand-in (test/desktop/), in a folder of its own, with
// the tab as its window (socket-surface.ts): the page script is the stand-in `electron` module
// and the app's built preload, and its IPC travels over a WebSocket under Electron's copying
// rules. Starts its own sandbox unless given the URL of one already running.
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import keytar from 'keytar';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { startApp } from '../../main/app';
import type { AppOptions } from '../../main/app';
import { createLogger } from '../../main/core/log/logger';
import type { LogSink } from '../../main/core/log/logger';
import { buildApp } from '../../scripts/app-build';
import { startSandbox } from '../../sandbox/index';
import { preloadInPage } from '../desktop/chromium-surface';
import { createDesktop } from '../desktop/desktop';
import type { Desktop } from '../desktop/desktop';
import { electronInPageScript } from '../desktop/page-scripts';
import { bundleBrowserScript } from './renderer-build';
import { SocketSurface } from './socket-surface';
import { RendererFiles } from './static-files';

export const pageScriptPath = '/harness/tiger.js';
export const socketPath = '/harness/socket';
/** Test-only: axe-core from the harness's own origin, so the page's CSP lets it load. */
export const axePath = '/harness/axe.js';

/** What runs for each page: the app by default; the renderer benchmark puts synthetic data behind the same window. */
export type PageApp = (desktop: Desktop, options: AppOptions) => Promise<unknown>;

export interface HarnessOptions {
  /** 0 or absent: a free port. Binds 127.0.0.1 only. */
  port?: number;
  /** A sandbox already running (`http://127.0.0.1:P`, with or without `/v2`); absent: start one with the demo organization. */
  sandboxUrl?: string;
  /** The app built as `npm run build` builds it (inside the project); absent: built into a folder of the harness's own. */
  appDir?: string;
  /** A built renderer to serve instead of the app's own. */
  rendererDir?: string;
  app?: PageApp;
  /** Where the apps log (already redacted); default: warnings and errors to stderr. */
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

/** Test-only: listed by hash in the harness's policy, so a test may add it with that integrity. */
export const axeFile = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
// A 25 MB attachment is about 33.4 MB as base64 in JSON.
const largestFrame = 40 * 1024 * 1024;

export const stderrSink: LogSink = (record) => {
  if (record.level !== 'info') process.stderr.write(`${JSON.stringify(record)}\n`);
};

let harnesses = 0;

export async function startHarness(options: HarnessOptions = {}): Promise<RunningHarness> {
  const root = await mkdtemp(join(tmpdir(), 'tigerdesk-harness-'));
  const sink = options.log ?? stderrSink;
  const log = createLogger('harness', sink);
  const cleanups: (() => Promise<void>)[] = [() => rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    let appDir = options.appDir;
    if (appDir === undefined) {
      // Inside the project: the bundles load node_modules from beside it.
      const built = resolve('.test-dist', `harness-${process.pid}-${(harnesses += 1)}`);
      cleanups.push(() => rm(built, { recursive: true, force: true }));
      await buildApp(built, { quiet: true });
      appDir = built;
    }
    const rendererDir = options.rendererDir ?? join(appDir, 'renderer');
    const pageScript = `${await bundleBrowserScript('page-transport.ts')}\n${preloadInPage(await electronInPageScript(), await readFile(join(appDir, 'preload', 'index.cjs'), 'utf8'))}`;
    const axeScript = await readFile(axeFile, 'utf8');

    let sandboxApiUrl: string;
    if (options.sandboxUrl === undefined) {
      const started = await startSandbox({ port: 0, seedDemo: true });
      cleanups.push(() => started.close());
      sandboxApiUrl = started.apiUrl;
    } else {
      sandboxApiUrl = apiUrlOf(options.sandboxUrl);
    }

    // Opened once the server listens: its policy names the harness's own socket, port and all.
    const served: { files: RendererFiles | null } = { files: null };
    const server = createServer((request, response) => {
      const { files } = served;
      if (files === null) {
        response.writeHead(503).end();
        return;
      }
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
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('The harness server has no port');
    const url = `http://127.0.0.1:${address.port}/`;
    served.files = await RendererFiles.open(rendererDir, `.${pageScriptPath}`, pageScript, { scripts: [pageScript, axeScript], socket: `ws://127.0.0.1:${address.port}${socketPath}` });
    cleanups.push(
      () =>
        new Promise((resolveClose) => {
          server.close(() => resolveClose());
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
    const runApp = options.app ?? ((desktop: Desktop, appOptions: AppOptions) => startApp(desktop.platform, appOptions));
    let pageNumber = 0;
    socketServer.on('connection', (ws: WebSocket, request: IncomingMessage) => {
      sockets.add(ws);
      pageNumber += 1;
      const pageRoot = join(root, `page-${pageNumber}`);
      const keychainService = `TigerDesk-harness-${process.pid}-${harnesses}-${pageNumber}`;
      const surface = new SocketSurface(ws, log);
      const desktop = (async () => {
        await mkdir(pageRoot, { recursive: true });
        // The OS's locale the app reads is the browser's language, as the page's first choice says.
        const made = await createDesktop({ openSurface: surface.open, root: pageRoot, locale: firstLanguage(request.headers['accept-language']) });
        await runApp(made, { distDir: appDir, keychainService, log: sink });
        return made;
      })();
      // The page is gone: its app quits and its folder and keychain entries go, whatever state it was in.
      const ended = new Promise<void>((resolveEnd) => ws.once('close', () => resolveEnd()))
        .then(async () => {
          const made = await desktop.catch((error: unknown) => {
            log.warn('a page app did not start', { error: (error as Error).message });
            return null;
          });
          if (made !== null) await quit(made);
          // A write the app began while quitting (its window's state) may still land: retry, and never fail the harness for it.
          await rm(pageRoot, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch((error: unknown) =>
            log.warn('could not remove a page folder', { error: (error as Error).message }),
          );
          await forgetKeychain(keychainService).catch((error: unknown) => log.warn('could not empty a page keychain', { error: (error as Error).message }));
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
      await new Promise<void>((resolveClose) => socketServer.close(() => resolveClose()));
    });

    return {
      url,
      sandboxApiUrl,
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

async function quit(desktop: Desktop): Promise<void> {
  desktop.platform.app.quit();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([desktop.exitCode, new Promise((resolveTimeout) => (timer = setTimeout(resolveTimeout, 8_000)))]);
  clearTimeout(timer);
}

/** Where no keychain answers (the app then keeps its secrets in its folder), there is nothing to forget. */
async function forgetKeychain(service: string): Promise<void> {
  let entries: { account: string }[];
  try {
    entries = await keytar.findCredentials(service);
  } catch {
    return;
  }
  for (const { account } of entries) await keytar.deletePassword(service, account);
}

function apiUrlOf(sandboxUrl: string): string {
  const base = new URL(sandboxUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(`--sandbox-url must be an http(s) URL, not ${sandboxUrl}`);
  const path = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${path.endsWith('/v2') ? path : `${path}/v2`}`;
}

/** A socket from another origin would be another site driving this page's app. */
function isOwnPage(request: IncomingMessage, harnessUrl: string): boolean {
  const path = new URL(request.url ?? '/', 'http://harness').pathname;
  return path === socketPath && request.headers.origin === new URL(harnessUrl).origin;
}

/** The first language of an Accept-Language header (`es-ES,es;q=0.9` gives es-ES); en-US without one. */
export function firstLanguage(header: string | undefined): string {
  const first = header?.split(',')[0]?.split(';')[0]?.trim() ?? '';
  return first === '' || first === '*' ? 'en-US' : first;
}
