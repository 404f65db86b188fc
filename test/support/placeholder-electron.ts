// Electron's binary cannot be downloaded here. electron-builder only copies it and flips its
// fuses, so a placeholder carrying Electron's fuse wire (sentinel, version 1, the default
// states of Electron 45) lets `electron-builder --dir` run for real and the fuses be read back.
import fs from 'node:fs';
import path from 'node:path';

const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, asar integrity off, any-path app off, snapshot off, file privileges on. */
const electronDefaultWire = '10011001';

export function writePlaceholderElectron(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "placeholder Electron: the real binary cannot be downloaded here" >&2\nexit 1\n'),
    Buffer.from(sentinel),
    Buffer.from([1, electronDefaultWire.length]),
    Buffer.from(electronDefaultWire),
  ]);
  const file = path.join(dir, 'electron');
  fs.writeFileSync(file, binary, { mode: 0o755 });
  return dir;
}
