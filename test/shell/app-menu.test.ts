import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate, installAppMenu } from '../../main/shell/app-menu';

const roles = (template: MenuItemConstructorOptions[]) =>
  template.flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : [])).map((item) => item.role).filter(Boolean);

describe('the native menu', () => {
  it('has the usual editing, zoom and window roles on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const present = roles(appMenuTemplate(platform, 'TigerDesk', { open: () => {}, lock: () => {}, quit: () => {} }));
      for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'minimize']) {
        expect(present, `${platform} ${role}`).toContain(role);
      }
      expect(present).not.toContain('toggleDevTools');
    }
  });

  it('has the application menu on macOS only, with hide and about', () => {
    const mac = appMenuTemplate('darwin', 'TigerDesk', { open: () => {}, lock: () => {}, quit: () => {} });
    const linux = appMenuTemplate('linux', 'TigerDesk', { open: () => {}, lock: () => {}, quit: () => {} });
    expect(mac[0]?.label).toBe('TigerDesk');
    expect(roles(mac)).toEqual(expect.arrayContaining(['about', 'hide', 'hideOthers', 'unhide', 'services']));
    expect(linux.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Window']);
  });

  it('quits through the app with Ctrl/Cmd+Q, so that shutdown runs', () => {
    let quits = 0;
    const items = appMenuTemplate('linux', 'TigerDesk', { open: () => {}, lock: () => {}, quit: () => (quits += 1) }).flatMap((menu) =>
      Array.isArray(menu.submenu) ? menu.submenu : [],
    );
    const quit = items.find((item) => item.accelerator === 'CmdOrCtrl+Q');
    quit?.click?.({} as never, undefined, {} as never);
    expect(quits).toBe(1);
  });

  it('locks the window with Ctrl/Cmd+L, from File (or the app menu on macOS)', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      let locks = 0;
      const items = appMenuTemplate(platform, 'TigerDesk', { open: () => {}, lock: () => (locks += 1), quit: () => {} }).flatMap((menu) =>
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
    const template = appMenuTemplate('linux', 'TigerDesk', { open: () => {}, lock: () => {}, quit: () => {} });
    installAppMenu({ buildFromTemplate: (t) => ({ built: t }) as never, setApplicationMenu: (menu) => void installed.push(menu) }, template);
    expect(installed).toEqual([{ built: template }]);
  });
});
