// A test page of the renderer's own components in Chromium: its entry (a .tsx under test/e2e)
// bundled as one classic script, with the renderer's stylesheet, in one HTML document for a
// route to serve.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export async function bundledPage(entry: URL): Promise<string> {
  const bundle = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome130',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const css = await readFile(new URL('../../../renderer/src/app.css', import.meta.url), 'utf8');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>${css}</style></head><body><div id="app"></div><script>${script.replaceAll('</script', '<\\/script')}</script></body></html>`;
}
