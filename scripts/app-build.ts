// Builds the app's bundles into a folder: main (Node/Electron, CommonJS), the sandboxed preload
// (one CommonJS file, Electron's sandbox cannot load anything else), the sandbox server for
// the utility process, and the renderer (Vite). `npm run build` builds into dist/; the tests
// build the same into a folder of their own (test/support/built-app.ts).
import { build as esbuild } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build as viteBuild } from 'vite';

/**
 * Builds into `outdir`, which must sit inside the project: the bundles load node_modules from beside it.
 * `startAppModule`: also main/app.cjs, the same composition exporting startApp, for the start-up
 * benchmark to start the built app on the desktop stand-in (main/index.cjs can only run in Electron).
 */
export async function buildApp(outdir: string, options: { quiet?: boolean; startAppModule?: boolean } = {}): Promise<void> {
  /** One CommonJS bundle for Node or Electron, at <outdir>/<name>.cjs. */
  const bundle = (name: string, entry: string, extra: BuildOptions) =>
    esbuild({
      entryPoints: { [name]: entry },
      outdir,
      outExtension: { '.js': '.cjs' },
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
      ...extra,
    });

  await rm(outdir, { recursive: true, force: true });
  // Runtime dependencies are shipped in node_modules inside the package; native ones must be.
  await bundle('main/index', 'main/index.ts', { packages: 'external', sourcemap: true });
  if (options.startAppModule === true) await bundle('main/app', 'main/app.ts', { packages: 'external', sourcemap: true });
  // The sandboxed preload can require nothing but electron: everything else is bundled in.
  await bundle('preload/index', 'preload/index.ts', { external: ['electron'], sourcemap: 'inline' });
  // The sandbox, run by "Try the local sandbox" in an Electron utility process.
  await bundle('sandbox/utility', 'main/shell/sandbox-utility.ts', { packages: 'external', sourcemap: true });
  await viteBuild({
    configFile: 'vite.config.ts',
    logLevel: options.quiet === true ? 'error' : 'warn',
    build: { outDir: resolve(join(outdir, 'renderer')), emptyOutDir: true },
  });
}
