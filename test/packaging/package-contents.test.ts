import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePlaceholderElectron } from '../support/placeholder-electron';

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  deb: { depends: string[] };
  win: { target: string[] };
  mac: { target: string[]; hardenedRuntime: boolean };
}

// A fuse is the byte '0' (off) or '1' (on) in the binary's fuse wire.
const FuseState = { DISABLE: '0'.charCodeAt(0), ENABLE: '1'.charCodeAt(0) };

const config = yaml.load(fs.readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
let work: string;
let unpacked: string;
let asarEntries: string[];

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tigerdesk-pack-'));
  execFileSync('npx', ['tsx', 'scripts/build.ts'], { stdio: 'pipe' });
  const electronDist = writePlaceholderElectron(path.join(work, 'electron-dist'));
  execFileSync(
    'npx',
    [
      'electron-builder',
      '--linux',
      'dir',
      `-c.electronDist=${electronDist}`,
      // Rebuilding native modules for Electron needs its headers from the internet.
      '-c.npmRebuild=false',
      `-c.directories.output=${path.join(work, 'out')}`,
    ],
    { stdio: 'pipe', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
  );
  unpacked = path.join(work, 'out', 'linux-unpacked');
  asarEntries = listPackage(path.join(unpacked, 'resources', 'app.asar'), { isPack: false });
}, 180_000);

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the packaging configuration', () => {
  it('targets AppImage and deb, NSIS, and a hardened dmg; the deb depends on libsecret', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.deb.depends).toContain('libsecret-1-0');
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.hardenedRuntime).toBe(true);
  });

  it('turns off the extra privileges of file: pages, since the renderer comes from the app scheme', () => {
    expect(config.electronFuses['grantFileProtocolExtraPrivileges']).toBe(false);
  });
});

describe('a package packed with --dir', () => {
  it('flips the fuses: no RunAsNode, NODE_OPTIONS or inspect; app only from an integrity-checked asar; cookies encrypted; no extra file: privileges', async () => {
    const wire = await getCurrentFuseWire(path.join(unpacked, 'tigerdesk'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  });

  it('holds the three built bundles and the manifest', () => {
    for (const entry of ['/package.json', '/dist/main/index.cjs', '/dist/preload/index.cjs', '/dist/renderer/index.html']) {
      expect(asarEntries).toContain(entry);
    }
  });

  it('holds no sources, tests, sandbox data, source maps or development tools', () => {
    const forbidden = asarEntries.filter(
      (entry) =>
        /^\/(main|preload|renderer|sandbox|test|scripts)\//.test(entry) ||
        /\.map$/.test(entry) ||
        /^\/\.sandbox-data|^\/\.bench/.test(entry) ||
        /^\/node_modules\/(vitest|vite|electron|electron-builder|typescript|eslint|playwright-core)\//.test(entry),
    );
    expect(forbidden).toEqual([]);
  });

  it('unpacks the native modules out of the asar so they can be loaded', () => {
    const native = path.join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules');
    expect(fs.existsSync(path.join(native, 'keytar', 'build', 'Release', 'keytar.node'))).toBe(true);
    expect(
      fs.existsSync(path.join(native, 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node')),
    ).toBe(true);
  });
});
