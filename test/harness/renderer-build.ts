// What the harness serves: the renderer as `npm run build` makes it (same Vite config), built
// afresh into a folder of the harness's own so a run never serves a stale or half-written
// dist/; and the harness's own browser scripts: the page's WebSocket `window.tiger`
// (page-transport.ts, loaded before the app) and the benchmark's probe (render-probe.ts).
import { build as esbuild } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function buildRenderer(outDir: string): Promise<void> {
  await viteBuild({
    configFile: `${projectRoot}vite.config.ts`,
    root: `${projectRoot}renderer`,
    // Warnings here are the build's own (source maps of dev-only plugins), not the page's.
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
}

/** A browser-side script of the harness, as one classic (non-module) script. */
export async function bundleBrowserScript(entry: 'page-transport.ts' | 'render-probe.ts'): Promise<string> {
  const result = await esbuild({
    entryPoints: [fileURLToPath(new URL(`./${entry}`, import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome130',
    minify: true,
    logLevel: 'warning',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`esbuild produced nothing for ${entry}`);
  return output.text;
}
