// The context menu and the spell checker as startApp wires them (issue 15, item 2): on the
// desktop stand-in, with a page surface that loads nothing (no Chromium: the menu is main's
// alone), the managed dictionary location set before the first language, the languages set
// again when the settings change, and the window's menu worded in the app's language.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../../main/app';
import { appPageUrl } from '../../main/shell/app-origin';
import { callChannel } from '../../preload/contract';
import type { CallName } from '../../preload/contract';
import { createDesktop } from '../desktop/desktop';
import type { Desktop } from '../desktop/desktop';
import type { StandInIpcMain } from '../desktop/stand-in-ipc';
import type { MenuItemConstructorOptions } from 'electron';

const roots: string[] = [];
const desktops: Desktop[] = [];
afterEach(async () => {
  for (const desktop of desktops.splice(0)) {
    desktop.platform.app.quit();
    await desktop.exitCode;
  }
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

/** The app started on a stand-in desktop whose OS speaks `locale`, under the managed settings given. */
async function started(locale: string, policy: Record<string, unknown>): Promise<Desktop> {
  const root = await mkdtemp(join(tmpdir(), 'tigerdesk-context-menu-app-'));
  roots.push(root);
  const dist = join(root, 'dist');
  await mkdir(join(dist, 'renderer'), { recursive: true });
  await mkdir(join(dist, 'preload'), { recursive: true });
  await writeFile(join(dist, 'renderer', 'index.html'), `<meta http-equiv="Content-Security-Policy" content="default-src 'self'">`);
  await writeFile(join(dist, 'preload', 'index.cjs'), '');
  const policyFile = join(root, 'policy.json');
  await writeFile(policyFile, JSON.stringify(policy));
  const desktop = await createDesktop({ root: join(root, 'desktop'), locale, openSurface: async () => ({ deliver: async () => {}, close: async () => {} }) });
  desktops.push(desktop);
  const start = await startApp(desktop.platform, {
    distDir: dist,
    keychainService: `tigerdesk-context-menu-${randomBytes(4).toString('hex')}`,
    log: () => {},
    managedPolicyFile: policyFile,
  });
  expect(start).toEqual({ kind: 'started' });
  return desktop;
}

/** A call as the app's page makes it. */
async function call(desktop: Desktop, name: CallName, input?: unknown): Promise<unknown> {
  const ipcMain = desktop.platform.ipcMain as unknown as StandInIpcMain;
  const reply = await ipcMain.invoke(desktop.windows[0]?.webContents, { url: appPageUrl, top: true }, callChannel(name), input === undefined ? [] : [input]);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

const labels = (menu: MenuItemConstructorOptions[] | undefined) => (menu ?? []).map((item) => (item.type === 'separator' ? '—' : item.label));

describe('the context menu and spell checker of the app', () => {
  it('point dictionaries at the hospital’s location before the first language, and set the languages again as the settings change', async () => {
    const desktop = await started('es-MX', { spellCheckDictionaryUrl: 'https://dictionaries.hospital.example/hunspell/' });
    expect(desktop.spellChecker.calls).toEqual(['dictionaryUrl https://dictionaries.hospital.example/hunspell/', 'languages es-MX']);
    await call(desktop, 'updateSettings', { spellCheckLanguages: ['fr-FR', 'en-GB'] });
    await call(desktop, 'updateSettings', { language: 'fr', spellCheckLanguages: [] });
    expect(desktop.spellChecker.calls.slice(2)).toEqual(['languages fr-FR,en-GB', 'languages fr']);
  });

  it('turn spell checking off where the managed location was refused', async () => {
    const desktop = await started('en-US', { spellCheckDictionaryUrl: 'http://dictionaries.hospital.example/' });
    expect(desktop.spellChecker.calls).toEqual(['enabled false']);
  });

  it('word the window’s menu in the app’s language, and save only the image the page named', async () => {
    const desktop = await started('es-ES', {});
    const window = desktop.windows[0]!;
    window.userContextMenu({ isEditable: true, misspelledWord: 'pacinete', dictionarySuggestions: ['paciente'], editFlags: { canUndo: false, canRedo: false, canCut: false, canCopy: false, canPaste: true, canDelete: false, canSelectAll: true, canEditRichly: false } });
    expect(labels(desktop.contextMenus.at(-1))).toEqual(['paciente', 'Añadir al diccionario', '—', 'Cortar', 'Copiar', 'Pegar', 'Seleccionar todo']);

    const image = { mediaType: 'image' as const, hasImageContents: true, srcURL: 'blob:tigerdesk://app/scan' };
    window.userContextMenu(image);
    expect(labels(desktop.contextMenus.at(-1))).toEqual(['Copiar imagen']);
    expect(await call(desktop, 'contextTarget', { messageId: '42', src: image.srcURL })).toEqual({ ok: true, value: { ok: true } });
    window.userContextMenu(image);
    expect(labels(desktop.contextMenus.at(-1))).toEqual(['Copiar imagen', 'Guardar imagen…']);
  });
});
