// Serves the built renderer at the app's origin (app-origin.ts) through protocol.handle: only
// regular files inside the renderer folder, after symlinks are resolved, with their content
// type, the page's Content-Security-Policy as a header (so the policy does not rest on the
// meta tag alone) and nosniff; anything else is a 404 that names nothing.
import type { Protocol } from 'electron';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { appScheme, rendererPathOf } from './app-origin';

/** The renderer's file types; a file of any other type is not served. */
export const rendererContentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The policy in the page's `<meta http-equiv="Content-Security-Policy">`; a page without one is not served. */
export function contentSecurityPolicyOf(html: string): string {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"\s*\/?>/i.exec(html);
  if (meta?.[1] === undefined) throw new Error('The renderer index.html has no Content-Security-Policy meta tag');
  return meta[1].replace(/\s+/g, ' ').trim();
}

export type RendererHandler = (request: Request) => Promise<Response>;

/** The handler for a built renderer folder; reads its index.html once, for the policy. */
export async function rendererHandler(rendererDir: string): Promise<RendererHandler> {
  const root = await realpath(rendererDir);
  const policy = contentSecurityPolicyOf(await readFile(join(root, 'index.html'), 'utf8'));
  const headers = (contentType: string) => ({
    'content-type': contentType,
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  const notFound = () => new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { ...headers('text/plain; charset=utf-8'), allow: 'GET, HEAD' } });
    }
    const segments = rendererPathOf(request.url);
    if (segments === null) return notFound();
    const contentType = rendererContentTypes[extname(segments[segments.length - 1] ?? '')];
    if (contentType === undefined) return notFound();
    try {
      // A symlink may point anywhere: what counts is where it resolves.
      const file = await realpath(join(root, ...segments));
      if (!file.startsWith(root + sep) || !(await stat(file)).isFile()) return notFound();
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, { status: 200, headers: headers(contentType) });
    } catch {
      return notFound();
    }
  };
}

/** After the app is ready: the app's scheme answers from the built renderer folder. */
export async function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): Promise<void> {
  protocol.handle(appScheme, await rendererHandler(rendererDir));
}
