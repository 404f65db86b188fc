import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { english } from '../../i18n/english';
import { appMenuTemplate, installAppMenu } from '../../main/shell/app-menu';
import { mainTranslator } from '../../main/core/language/main-language';

const items = (template: MenuItemConstructorOptions[]) => template.flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []));
const roles = (template: MenuItemConstructorOptions[]) => items(template).map((item) => item.role).filter(Boolean);
/** The labels of the menus' items, separators left out. */
const labels = (template: MenuItemConstructorOptions[]) => items(template).filter((item) => item.type !== 'separator').map((item) => item.label);

describe('the native menu', () => {
  it('has the usual editing, zoom and window roles on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const present = roles(appMenuTemplate(platform, 'TigerDesk', { open: () => {}, lock: () => {}, quit: () => {} }, english));
      for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'minimize']) {
        expect(present, `${platform} ${role}`).toContain(role);
      }
      expect(present).not.toContain('toggleDevTools');
    }
  });

  it('has the application menu on macOS only, with hide and about', () => {
    const mac = appMenuTemplate('darwin', 'TigerDesk', { open: () => {}, lock: () => {}, quit: () => {} }, english);
    const linux = appMenuTemplate('linux', 'TigerDesk', { open: () => {}, lock: () => {}, quit: () => {} }, english);
    expect(mac[0]?.label).toBe('TigerDesk');
    expect(roles(mac)).toEqual(expect.arrayContaining(['about', 'hide', 'hideOthers', 'unhide', 'services']));
    expect(linux.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Window']);
  });

  it('quits through the app with Ctrl/Cmd+Q, so that shutdown runs', () => {
    let quits = 0;
    const items = appMenuTemplate('linux', 'TigerDesk', { open: () => {}, lock: () => {}, quit: () => (quits += 1) }, english).flatMap((menu) =>
      Array.isArray(menu.submenu) ? menu.submenu : [],
    );
    const quit = items.find((item) => item.accelerator === 'CmdOrCtrl+Q');
    quit?.click?.({} as never, undefined, {} as never);
    expect(quits).toBe(1);
  });

  it('locks the window with Ctrl/Cmd+L, from File (or the app menu on macOS)', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      let locks = 0;
      const items = appMenuTemplate(platform, 'TigerDesk', { open: () => {}, lock: () => (locks += 1), quit: () => {} }, english).flatMap((menu) =>
        Array.isArray(menu.submenu) ? menu.submenu : [],
      );
      const lock = items.find((item) => item.accelerator === 'CmdOrCtrl+L');
      expect(lock?.label, platform).toBe('Lock TigerDesk');
      lock?.click?.({} as never, undefined, {} as never);
      expect(locks, platform).toBe(1);
    }
  });

  it('is installed as the application menu', () => {
    const installed: unknown[] = [];
    const template = appMenuTemplate('linux', 'TigerDesk', { open: () => {}, lock: () => {}, quit: () => {} }, english);
    installAppMenu({ buildFromTemplate: (t) => ({ built: t }) as never, setApplicationMenu: (menu) => void installed.push(menu) }, template);
    expect(installed).toEqual([{ built: template }]);
  });

  it('labels every item in English, a role too, so that no item keeps Electron\'s own label', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const template = appMenuTemplate(platform, 'TigerDesk', { open: () => {}, lock: () => {}, quit: () => {} }, english);
      for (const item of [...template, ...items(template)].filter((entry) => entry.type !== 'separator')) expect(item.label, `${platform} ${item.role}`).toBeTruthy();
    }
    const mac = appMenuTemplate('darwin', 'TigerDesk', { open: () => {}, lock: () => {}, quit: () => {} }, english);
    expect(labels(mac)).toEqual(expect.arrayContaining(['About TigerDesk', 'Hide TigerDesk', 'Quit TigerDesk', 'Lock TigerDesk', 'Undo', 'Select All', 'Toggle Full Screen', 'Bring All to Front']));
  });
});

describe('the native menu in another language', () => {
  it('is all in Spanish, the app named inside each sentence', () => {
    const linux = appMenuTemplate('linux', 'TigerDesk', { open: () => {}, lock: () => {}, quit: () => {} }, mainTranslator('es'));
    expect(linux.map((menu) => menu.label)).toEqual(['Archivo', 'Edición', 'Ver', 'Ventana']);
    expect(labels(linux)).toEqual([
      'Bloquear TigerDesk', 'Cerrar ventana', 'Salir',
      'Deshacer', 'Rehacer', 'Cortar', 'Copiar', 'Pegar', 'Pegar con el mismo estilo', 'Eliminar', 'Seleccionar todo',
      'Tamaño real', 'Acercar', 'Alejar', 'Activar o desactivar pantalla completa',
      'Minimizar', 'Cerrar ventana',
    ]);
    const mac = appMenuTemplate('darwin', 'TigerDesk', { open: () => {}, lock: () => {}, quit: () => {} }, mainTranslator('es'));
    expect(labels(mac).slice(0, 7)).toEqual(['Acerca de TigerDesk', 'Servicios', 'Ocultar TigerDesk', 'Ocultar otros', 'Mostrar todo', 'Bloquear TigerDesk', 'Salir de TigerDesk']);
  });

  it('is all in French, Ctrl/Cmd+L still locking', () => {
    let locks = 0;
    const win = appMenuTemplate('win32', 'TigerDesk', { open: () => {}, lock: () => (locks += 1), quit: () => {} }, mainTranslator('fr'));
    expect(win.map((menu) => menu.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Fenêtre']);
    expect(labels(win)).toEqual([
      'Verrouiller TigerDesk', 'Fermer la fenêtre', 'Quitter',
      'Annuler', 'Rétablir', 'Couper', 'Copier', 'Coller', 'Coller en adaptant le style', 'Supprimer', 'Tout sélectionner',
      'Taille réelle', 'Zoom avant', 'Zoom arrière', 'Activer ou désactiver le plein écran',
      'Réduire', 'Fermer la fenêtre',
    ]);
    items(win).find((item) => item.accelerator === 'CmdOrCtrl+L')?.click?.({} as never, undefined, {} as never);
    expect(locks).toBe(1);
    const mac = appMenuTemplate('darwin', 'TigerDesk', { open: () => {}, lock: () => {}, quit: () => {} }, mainTranslator('fr'));
    expect(labels(mac)).toEqual(expect.arrayContaining(['À propos de TigerDesk', 'Masquer TigerDesk', 'Quitter TigerDesk', 'Tout ramener au premier plan']));
  });
});
