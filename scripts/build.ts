// Builds the bundles into dist/: main (Node/Electron, CommonJS), the sandboxed preload (one
// CommonJS file, Electron's sandbox cannot load anything else), the sandbox server for the
// utility process, and the renderer (Vite).
import { build as esbuild } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rm } from 'node:fs/promises';

const outdir = 'dist';

/** One CommonJS bundle for Node or Electron, at dist/<name>.cjs. */
function bundle(name: string, entry: string, options: BuildOptions) {
  return esbuild({
    entryPoints: { [name]: entry },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    ...options,
  });
}

await rm(outdir, { recursive: true, force: true });

// Runtime dependencies are shipped in node_modules inside the package; native ones must be.
await bundle('main/index', 'main/index.ts', { packages: 'external', sourcemap: true });
// The sandboxed preload can require nothing but electron: everything else is bundled in.
await bundle('preload/index', 'preload/index.ts', { external: ['electron'], sourcemap: 'inline' });
// The sandbox, run by "Try the local sandbox" in an Electron utility process.
await bundle('sandbox/utility', 'main/shell/sandbox-utility.ts', { packages: 'external', sourcemap: true });

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

console.log(`built ${outdir}/main/index.cjs, ${outdir}/preload/index.cjs, ${outdir}/sandbox/utility.cjs and ${outdir}/renderer/`);
