// The stand-in `electron` module for a window's page, bundled once per process as one
// classic script that defines `electronInPage` in the scope the preload runs in.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

let bundled: Promise<string> | undefined;

export function electronInPageScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [fileURLToPath(new URL('./page/electron-in-page.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'electronInPage',
    platform: 'browser',
    target: 'chrome130',
    logLevel: 'warning',
  }).then((result) => {
    const output = result.outputFiles[0];
    if (output === undefined) throw new Error('esbuild produced nothing for the page electron module');
    return output.text;
  });
  return bundled;
}
