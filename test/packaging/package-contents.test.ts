import { extractFile, listPackage } from '@electron/asar';
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
  win: { target: string[]; signtoolOptions?: { publisherName?: string[] }; verifyUpdateCodeSignature?: boolean; forceCodeSigning?: boolean };
  nsis: { oneClick: boolean; perMachine: boolean; allowElevation?: boolean };
  mac: { target: string[]; hardenedRuntime: boolean; notarize?: boolean };
  publish?: { provider: string; url: string };
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
  it('targets AppImage and deb, NSIS, and a hardened dmg with its update zip; the deb depends on libsecret', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.deb.depends).toContain('libsecret-1-0');
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.mac.hardenedRuntime).toBe(true);
  });

  it('turns off the extra privileges of file: pages, since the renderer comes from the app scheme', () => {
    expect(config.electronFuses['grantFileProtocolExtraPrivileges']).toBe(false);
  });

  // What only Windows and macOS can show (a signature refused before install) is tested here
  // as the configuration that makes electron-updater check it.
  it('pins the Windows publisher that an update installer must be signed by, and signs every Windows build', () => {
    expect(config.win.signtoolOptions?.publisherName).toEqual(['CN=TigerDesk']);
    expect(config.win.verifyUpdateCodeSignature).toBe(true);
    expect(config.win.forceCodeSigning).toBe(true);
  });

  it('writes app-update.yml (where the pin travels) from an https publish entry that no update is fetched from', () => {
    expect(config.publish?.provider).toBe('generic');
    expect(new URL(config.publish?.url ?? '').protocol).toBe('https:');
    expect(new URL(config.publish?.url ?? '').hostname).toMatch(/\.invalid$/);
  });

  it('signs macOS builds with the hardened runtime and notarizes them, and ships the zip Squirrel.Mac verifies', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(true);
    expect(config.mac.target).toContain('zip');
  });

  it('lets IT install per machine: an assisted installer that may elevate (/S /allusers)', () => {
    expect([config.nsis.oneClick, config.nsis.perMachine, config.nsis.allowElevation]).toEqual([false, false, true]);
    const assisted = fs.readFileSync(path.join('node_modules', 'app-builder-lib', 'templates', 'nsis', 'assistedInstaller.nsh'), 'utf8');
    expect(assisted).toContain('${GetOptions} $R0 "/allusers" $R1');
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

  it('holds a preload of the channel names alone, run before every page load: no validator, schema or catalog', () => {
    const preload = extractFile(path.join(unpacked, 'resources', 'app.asar'), 'dist/preload/index.cjs').toString('utf8');
    expect(preload).toContain('tiger:call:');
    expect(preload).not.toMatch(/valibot|catalogs/);
    expect(preload.length).toBeLessThan(16_000);
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

  it('installs app-update.yml next to the asar, as electron-updater reads it', () => {
    const written = yaml.load(fs.readFileSync(path.join(unpacked, 'resources', 'app-update.yml'), 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({ provider: 'generic', url: 'https://updates.invalid/tigerdesk/' });
  });

  it('unpacks the native modules out of the asar so they can be loaded', () => {
    const native = path.join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules');
    expect(fs.existsSync(path.join(native, 'keytar', 'build', 'Release', 'keytar.node'))).toBe(true);
    expect(
      fs.existsSync(path.join(native, 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node')),
    ).toBe(true);
  });
});
