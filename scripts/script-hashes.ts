// The renderer's scripts listed by hash: a Vite plugin that, once the bundle is written,
// gives each `<script src>` of index.html an `integrity` of the exact bytes written (sha384)
// and puts those hashes in place of the `script-src 'none'` of the page's
// Content-Security-Policy. Chromium (CSP3) then runs an external script only when its
// integrity matches a listed hash: a script not built with the page, or a bundle changed
// after the build, does not run. The policy names no origin ('self' would let any file of
// the origin run as script), which is what Electronegativity's CSP check asks.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import type { Plugin } from 'vite';

/** What the page's policy says in the sources, before the build lists the hashes. */
export const unbuiltScriptSource = "script-src 'none'";

export function integrityOf(bytes: Uint8Array): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

const scriptTag = /<script\b([^>]*)\bsrc="([^"]+)"([^>]*)><\/script>/g;

/** index.html with its scripts' integrity and hashes; `read` gives a script's bytes by its src (relative to the page). */
export async function withScriptHashes(html: string, read: (src: string) => Promise<Uint8Array>): Promise<string> {
  if (html.split(unbuiltScriptSource).length !== 2) throw new Error(`The renderer index.html must hold "${unbuiltScriptSource}" once in its Content-Security-Policy`);
  const hashes: string[] = [];
  const tags: { tag: string; replacement: string }[] = [];
  for (const [tag, before = '', src = '', after = ''] of html.matchAll(scriptTag)) {
    if (/\bintegrity=/.test(tag)) throw new Error(`The script ${src} already has an integrity attribute`);
    const integrity = integrityOf(await read(src));
    hashes.push(`'${integrity}'`);
    tags.push({ tag, replacement: `<script${before}src="${src}" integrity="${integrity}"${after}></script>` });
  }
  if (hashes.length === 0) throw new Error('The renderer index.html loads no script');
  let result = html.replace(unbuiltScriptSource, `script-src ${hashes.join(' ')}`);
  for (const { tag, replacement } of tags) result = result.replace(tag, replacement);
  return result;
}

/** The Vite plugin: rewrites the written index.html of a build. */
export function scriptHashes(): Plugin {
  return {
    name: 'tigerdesk-script-hashes',
    apply: 'build',
    async writeBundle(options) {
      const dir = options.dir;
      if (dir === undefined) throw new Error('The renderer build has no output folder');
      const page = join(dir, 'index.html');
      const html = await withScriptHashes(await readFile(page, 'utf8'), (src) => {
        const file = normalize(join(dir, src));
        if (!file.startsWith(dir + sep)) throw new Error(`The script ${src} is outside the build`);
        return readFile(file);
      });
      await writeFile(page, html);
    },
  };
}
