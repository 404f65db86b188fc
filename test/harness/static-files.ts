// Serves the built renderer the way the app loads it: the CSP of its index.html also sent as
// a response header, the harness's page script placed before the app's own, and nothing
// outside the folder reachable.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
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

export interface StaticFile {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** The policy in the page's `<meta http-equiv="Content-Security-Policy">`; the harness never serves without one. */
export function contentSecurityPolicyOf(html: string): string {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"\s*\/?>/i.exec(html);
  if (meta?.[1] === undefined) throw new Error('The renderer index.html has no Content-Security-Policy meta tag');
  return meta[1].replace(/\s+/g, ' ').trim();
}

/** index.html with `<script src=scriptPath>` before its first script. */
export function withPageScript(html: string, scriptPath: string): string {
  const first = html.indexOf('<script');
  if (first === -1) throw new Error('The renderer index.html has no script to place the page script before');
  return `${html.slice(0, first)}<script src="${scriptPath}"></script>\n    ${html.slice(first)}`;
}

export class RendererFiles {
  private constructor(
    private readonly root: string,
    private readonly index: string,
    readonly policy: string,
  ) {}

  static async open(root: string, pageScriptPath: string): Promise<RendererFiles> {
    const html = await readFile(join(root, 'index.html'), 'utf8');
    return new RendererFiles(resolve(root), withPageScript(html, pageScriptPath), contentSecurityPolicyOf(html));
  }

  /** Security headers every harness response carries. */
  headers(contentType: string): Record<string, string> {
    return {
      'content-type': contentType,
      'content-security-policy': this.policy,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    };
  }

  async read(urlPath: string): Promise<StaticFile> {
    if (urlPath === '/' || urlPath === '/index.html') {
      return { status: 200, headers: this.headers(contentTypes['.html']!), body: this.index };
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return this.notFound();
    }
    const path = normalize(join(this.root, decoded));
    if (!path.startsWith(this.root + sep) || decoded.includes('\0')) return this.notFound();
    const type = contentTypes[extname(path)];
    if (type === undefined) return this.notFound();
    try {
      return { status: 200, headers: this.headers(type), body: await readFile(path) };
    } catch {
      return this.notFound();
    }
  }

  private notFound(): StaticFile {
    return { status: 404, headers: this.headers('text/plain; charset=utf-8'), body: 'Not found' };
  }
}
