// Builds the bundles into dist/: main (Node/Electron, CommonJS), the sandboxed preload (one
// CommonJS file, Electron's sandbox cannot load anything else), the sandbox server for the
// utility process, and the renderer (Vite).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rm } from 'node:fs/promises';

const outdir = 'dist';

await rm(outdir, { recursive: true, force: true });

await esbuild({
  entryPoints: { 'main/index': 'main/index.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // Runtime dependencies are shipped in node_modules inside the package; native ones must be.
  packages: 'external',
  logLevel: 'warning',
});

await esbuild({
  entryPoints: { 'preload/index': 'preload/index.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['electron'],
  logLevel: 'warning',
});

// The sandbox, run by "Try the local sandbox" in an Electron utility process.
await esbuild({
  entryPoints: { 'sandbox/utility': 'main/shell/sandbox-utility.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
});

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

console.log(`built ${outdir}/main/index.cjs, ${outdir}/preload/index.cjs, ${outdir}/sandbox/utility.cjs and ${outdir}/renderer/`);
