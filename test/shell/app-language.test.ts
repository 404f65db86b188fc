// The language of what main shows itself, through the app's one composition (startApp on the
// desktop stand-in, its window a page that shows nothing): the OS's language unless the user
// chose one or hospital IT set it, and a change in the settings followed at once by the app
// menu, the tray and the next notification, without a restart.
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import keytar from 'keytar';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, inject, it, onTestFinished, vi } from 'vitest';
import { startApp } from '../../main/app';
import type { AppStart } from '../../main/app';
import { appPageUrl } from '../../main/shell/app-origin';
import { callChannel } from '../../preload/contract';
import type { CallInput } from '../../preload/contract';
import { createDesktop } from '../desktop/desktop';
import type { Desktop } from '../desktop/desktop';
import type { StandInIpcMain } from '../desktop/stand-in-ipc';
import '../support/provided-context';
import { useTempFolderPerTest } from '../support/temp-folder';

const root = useTempFolderPerTest('tigerdesk-app-language-');
let launches = 0;

/** The app started on a desktop whose OS speaks `locale`; its window's page shows nothing. */
async function launch(options: { locale: string; managed?: Record<string, unknown> }): Promise<Desktop> {
  const { desktop, started } = await attempt(options);
  expect(started).toEqual({ kind: 'started' });
  return desktop;
}

/** The app's start on such a desktop, from the built app or from `distDir`. */
async function attempt(options: { locale: string; managed?: Record<string, unknown>; distDir?: string }): Promise<{ desktop: Desktop; started: AppStart }> {
  const folder = root();
  const desktop = await createDesktop({
    openSurface: async () => ({ deliver: async () => {}, close: async () => {} }),
    root: join(folder, 'desktop'),
    locale: options.locale,
  });
  let managedPolicyFile: string | undefined;
  if (options.managed !== undefined) {
    // Root's, 0700, in the sticky /tmp: a place only an administrator could have written.
    managedPolicyFile = join(await mkdtemp(join(folder, 'managed-')), 'managed-settings.json');
    await writeFile(managedPolicyFile, JSON.stringify(options.managed));
    await chmod(managedPolicyFile, 0o644);
  }
  const keychainService = `TigerDesk-test-${process.pid}-language-${(launches += 1)}`;
  const started = await startApp(desktop.platform, {
    distDir: options.distDir ?? inject('builtAppDir'),
    keychainService,
    log: () => {},
    ...(managedPolicyFile === undefined ? {} : { managedPolicyFile }),
  });
  onTestFinished(async () => {
    desktop.platform.app.quit();
    await desktop.exitCode;
    for (const { account } of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, account);
  });
  return { desktop, started };
}

/** The window's page changes a setting, as the Settings screen does. */
async function updateSettings(desktop: Desktop, update: CallInput<'updateSettings'>) {
  const ipcMain = desktop.platform.ipcMain as unknown as StandInIpcMain;
  const reply = await ipcMain.invoke(desktop.windows[0]?.webContents, { url: appPageUrl, top: true }, callChannel('updateSettings'), [update]);
  expect(reply).toMatchObject({ ok: true, value: { ok: true } });
}

const menus = (desktop: Desktop) => (desktop.appMenu ?? []).map((menu) => menu.label);
const menuItems = (desktop: Desktop) =>
  (desktop.appMenu ?? []).flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : [])).filter((item) => item.type !== 'separator').map((item) => item.label);
const trayItems = (desktop: Desktop) => (desktop.trays[0]?.menu ?? []).filter((item: MenuItemConstructorOptions) => item.type !== 'separator').map((item) => item.label);

describe("what main shows, in the app's language", () => {
  it("follows the OS's French, then the Spanish the user picks, at once and without a restart", async () => {
    const desktop = await launch({ locale: 'fr-FR' });
    expect(menus(desktop)).toEqual(['Fichier', 'Édition', 'Affichage', 'Fenêtre']);
    expect(menuItems(desktop)).toContain('Verrouiller TigerDesk');
    expect(trayItems(desktop)).toEqual(['Ouvrir TigerDesk', 'Ne pas déranger', 'Quitter TigerDesk']);

    await updateSettings(desktop, { language: 'es' });
    expect(menus(desktop)).toEqual(['Archivo', 'Edición', 'Ver', 'Ventana']);
    expect(menuItems(desktop)).toEqual(expect.arrayContaining(['Bloquear TigerDesk', 'Deshacer', 'Copiar', 'Pegar', 'Minimizar']));
    expect(trayItems(desktop)).toEqual(['Abrir TigerDesk', 'No molestar', 'Salir de TigerDesk']);
    expect(desktop.trays).toHaveLength(1);

    // The next notification speaks Spanish too: the notice of the first close to the tray.
    expect(desktop.windows[0]?.userClose()).toBe(false);
    expect(desktop.notifications.map((shown) => shown.options.title)).toEqual(['TigerDesk sigue en ejecución']);

    // Back to the OS's language.
    await updateSettings(desktop, { language: 'system' });
    expect(menus(desktop)).toEqual(['Fichier', 'Édition', 'Affichage', 'Fenêtre']);
    expect(trayItems(desktop)).toEqual(['Ouvrir TigerDesk', 'Ne pas déranger', 'Quitter TigerDesk']);
  });

  it('is in English on an English OS', async () => {
    const desktop = await launch({ locale: 'en-US' });
    expect(menus(desktop)).toEqual(['File', 'Edit', 'View', 'Window']);
    expect(trayItems(desktop)).toEqual(['Open TigerDesk', 'Do Not Disturb', 'Quit TigerDesk']);
    expect(desktop.trays[0]?.tooltip).toBe('TigerDesk');
  });

  it('is in the Spanish the managed settings set, whatever the OS speaks', async () => {
    const desktop = await launch({ locale: 'fr-FR', managed: { language: 'es' } });
    expect(menus(desktop)).toEqual(['Archivo', 'Edición', 'Ver', 'Ventana']);
    expect(trayItems(desktop)).toEqual(['Abrir TigerDesk', 'No molestar', 'Salir de TigerDesk']);
    // The tray's own Do Not Disturb goes through the settings and changes nothing of the language.
    const doNotDisturb = desktop.trays[0]?.menu.find((item) => item.id === 'dnd');
    expect(doNotDisturb?.label).toBe('No molestar');
    doNotDisturb?.click?.({ checked: true } as never, undefined, {} as never);
    await expect.poll(() => desktop.trays[0]?.menu.find((item) => item.id === 'dnd')?.checked).toBe(true);
    expect(trayItems(desktop)).toEqual(['Abrir TigerDesk', 'No molestar', 'Salir de TigerDesk']);
  });

  it("says in the error box, in the OS's Spanish, that it could not start", async () => {
    // A build without its window's files: the start fails before any window.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    onTestFinished(() => logged.mockRestore());
    const { desktop, started } = await attempt({ locale: 'es-MX', distDir: await mkdtemp(join(root(), 'empty-build-')) });
    expect(started).toMatchObject({ kind: 'failed' });
    expect(desktop.errorBoxes).toHaveLength(1);
    expect(desktop.errorBoxes[0]?.title).toBe('TigerDesk no pudo iniciarse');
    expect(await desktop.exitCode).toBe(1);
    // The log keeps English.
    expect(logged.mock.calls[0]?.[0]).toMatch(/^TigerDesk could not start: /);
  });
});
