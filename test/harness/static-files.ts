// Serves the built renderer the way the app's scheme serves it (main/shell/renderer-protocol.ts):
// the page's policy also sent as a response header, nothing outside the folder reachable; and
// the harness's page script placed before the app's own. The harness's policy is the app's,
// widened by exactly what the harness adds: its page script and axe-core listed by hash, and
// its own WebSocket (the page's IPC) in place of connect-src 'none'.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { contentSecurityPolicyOf, rendererContentTypes } from '../../main/shell/renderer-protocol';
import { integrityOf } from '../../scripts/script-hashes';

export interface StaticFile {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** index.html with `<script src=scriptPath integrity=…>` before its first script. */
export function withPageScript(html: string, scriptPath: string, integrity: string): string {
  const first = html.indexOf('<script');
  if (first === -1) throw new Error('The renderer index.html has no script to place the page script before');
  return `${html.slice(0, first)}<script src="${scriptPath}" integrity="${integrity}"></script>\n    ${html.slice(first)}`;
}

export interface HarnessAllowances {
  /** Scripts of the harness the page may run (its page script, axe-core), by their bytes. */
  scripts: string[];
  /** The harness's WebSocket, `ws://127.0.0.1:P/harness/socket`. */
  socket: string;
}

/** The app's policy with the harness's own scripts' hashes and its socket added, and nothing else. */
export function harnessPolicy(policy: string, allowances: HarnessAllowances): string {
  const directives = policy.split(';').map((directive) => directive.trim());
  const scriptSrc = directives.findIndex((directive) => directive.startsWith('script-src '));
  const connectSrc = directives.indexOf("connect-src 'none'");
  if (scriptSrc === -1 || connectSrc === -1) throw new Error("The renderer's policy has no script-src or no connect-src 'none'");
  directives[scriptSrc] = `${directives[scriptSrc]} ${allowances.scripts.map((script) => `'${integrityOf(Buffer.from(script))}'`).join(' ')}`;
  directives[connectSrc] = `connect-src ${allowances.socket}`;
  return directives.join('; ');
}

export class RendererFiles {
  private constructor(
    private readonly root: string,
    private readonly index: string,
    readonly policy: string,
  ) {}

  /** `pageScript`: the harness's page script, served at `pageScriptPath` and placed first in the page. */
  static async open(root: string, pageScriptPath: string, pageScript: string, allowances: HarnessAllowances): Promise<RendererFiles> {
    const html = await readFile(join(root, 'index.html'), 'utf8');
    const appPolicy = contentSecurityPolicyOf(html);
    const policy = harnessPolicy(appPolicy, allowances);
    const meta = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]+("\s*\/?>)/i;
    const index = withPageScript(html.replace(meta, (_tag, start: string, end: string) => `${start}${policy}${end}`), pageScriptPath, integrityOf(Buffer.from(pageScript)));
    return new RendererFiles(resolve(root), index, policy);
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
      return { status: 200, headers: this.headers(rendererContentTypes['.html']!), body: this.index };
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return this.notFound();
    }
    const path = normalize(join(this.root, decoded));
    if (!path.startsWith(this.root + sep) || decoded.includes('\0')) return this.notFound();
    const type = rendererContentTypes[extname(path)];
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
