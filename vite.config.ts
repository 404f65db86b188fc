import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { scriptHashes } from './scripts/script-hashes';

export default defineConfig({
  root: 'renderer',
  // Loaded from the app's scheme by Electron and from the harness's own origin: relative asset paths.
  base: './',
  // The page's policy lists the built scripts by hash (scripts/script-hashes.ts).
  plugins: [preact(), scriptHashes()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
  },
});
