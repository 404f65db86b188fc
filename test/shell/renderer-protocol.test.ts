// The app's scheme serves the built renderer and nothing else: the handler over a real folder
// (symlinks and all) and over the renderer as built for this run.
import { createHash } from 'node:crypto';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { appPageUrl, isAppOrigin, rendererPathOf } from '../../main/shell/app-origin';
import { contentSecurityPolicyOf, rendererHandler } from '../../main/shell/renderer-protocol';
import type { RendererHandler } from '../../main/shell/renderer-protocol';
import '../support/provided-context';
import { useTempFolder } from '../support/temp-folder';

const folder = useTempFolder('tigerdesk-renderer-protocol-');
const policy = "default-src 'none'; script-src 'sha384-abc'; connect-src 'none'";
let handler: RendererHandler;

beforeAll(async () => {
  // outside/secret.js beside the renderer folder, and links from inside pointing at it.
  const root = join(folder(), 'renderer');
  await mkdir(join(root, 'assets', 'folder.js'), { recursive: true });
  await mkdir(join(folder(), 'outside'));
  await writeFile(join(folder(), 'outside', 'secret.js'), 'secret');
  await writeFile(join(root, 'index.html'), `<!doctype html><meta http-equiv="Content-Security-Policy" content="${policy}"><p>page</p>`);
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'app.css'), 'p{}');
  await writeFile(join(root, 'assets', 'notes.txt'), 'no type');
  await symlink(join(folder(), 'outside', 'secret.js'), join(root, 'assets', 'linked-out.js'));
  await symlink(join(folder(), 'outside'), join(root, 'assets', 'out'));
  await symlink(join(root, 'assets', 'app.js'), join(root, 'assets', 'linked-in.js'));
  handler = await rendererHandler(root);
});

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe("the app's origin", () => {
  it('is tigerdesk://app and nothing that merely resembles it', () => {
    expect(appPageUrl).toBe('tigerdesk://app/index.html');
    expect(isAppOrigin('tigerdesk://app/assets/x.js')).toBe(true);
    for (const url of ['tigerdesk://other/index.html', 'tigerdesk://user@app/', 'tigerdesk://app:8080/', 'file:///index.html', 'https://app/', 'not a url']) {
      expect(isAppOrigin(url), url).toBe(false);
    }
  });

  it('names a file by its path segments, and refuses traversal however it is written', () => {
    expect(rendererPathOf('tigerdesk://app/')).toEqual(['index.html']);
    expect(rendererPathOf('tigerdesk://app/assets/index-1.js?x#y')).toEqual(['assets', 'index-1.js']);
    expect(rendererPathOf('tigerdesk://app/assets/a%20b.js')).toEqual(['assets', 'a b.js']);
    for (const path of ['/..%2fpackage.json', '/assets%2F..%2F..%2Fpackage.json', '/..%5cpackage.json', '/%00.js', '/a\\..\\b', '/assets//app.js', '/%E0%A4%A.js', '/assets/']) {
      expect(rendererPathOf(`tigerdesk://app${path}`), path).toBeNull();
    }
    // The URL parser resolves dot segments, escaped or not, before anything is read: they cannot leave the origin's root.
    expect(rendererPathOf('tigerdesk://app/assets/%2e%2e/%2e%2e/index.html')).toEqual(['index.html']);
  });
});

describe("the renderer's protocol handler", () => {
  it('serves a file with its type, the page policy as a header, and nosniff', async () => {
    const page = await get('tigerdesk://app/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(policy);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<p>page</p>');
    expect((await get('tigerdesk://app/')).status).toBe(200);
    const script = await get('tigerdesk://app/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await get('tigerdesk://app/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    // A link that stays inside the folder is the file it names.
    expect(await (await get('tigerdesk://app/assets/linked-in.js')).text()).toBe('console.log(1)');
  });

  it('answers 404 for traversal, encoded separators, links leaving the folder, folders, unknown types and other origins', async () => {
    for (const url of [
      'tigerdesk://app/..%2Foutside%2Fsecret.js',
      'tigerdesk://app/assets%2F..%2F..%2Foutside%2Fsecret.js',
      'tigerdesk://app/..%5Coutside%5Csecret.js',
      'tigerdesk://app/assets/linked-out.js',
      'tigerdesk://app/assets/out/secret.js',
      'tigerdesk://app/assets/folder.js',
      'tigerdesk://app/assets/notes.txt',
      'tigerdesk://app/assets/missing.js',
      'tigerdesk://app/assets/app.js%00.css',
      'tigerdesk://other/index.html',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).toBe('Not found');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('tigerdesk://app/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get('tigerdesk://app/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('will not serve a renderer whose page has no policy', async () => {
    const bare = join(folder(), 'bare');
    await mkdir(bare);
    await writeFile(join(bare, 'index.html'), '<!doctype html><p>no policy</p>');
    await expect(rendererHandler(bare)).rejects.toThrow('no Content-Security-Policy meta tag');
  });
});

describe('the renderer as built', () => {
  it("lists exactly its scripts' sha384 in script-src, the same as their integrity, and connects nowhere", async () => {
    const built = join(inject('builtAppDir'), 'renderer');
    const served = await (await rendererHandler(built))(new Request('tigerdesk://app/index.html'));
    const html = await served.text();
    const headerPolicy = served.headers.get('content-security-policy') ?? '';
    expect(headerPolicy).toBe(contentSecurityPolicyOf(html));
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*\bintegrity="([^"]+)"/g)];
    expect(scripts).toHaveLength([...html.matchAll(/<script\b/g)].length);
    expect(scripts.length).toBeGreaterThan(0);
    const hashes: string[] = [];
    for (const [, src = '', integrity] of scripts) {
      const digest = createHash('sha384').update(await readFile(join(built, src))).digest('base64');
      expect(integrity).toBe(`sha384-${digest}`);
      hashes.push(`'sha384-${digest}'`);
    }
    expect(/script-src ([^;]+)/.exec(headerPolicy)?.[1]).toBe(hashes.join(' '));
    expect(headerPolicy).toContain("connect-src 'none'");
  });
});
