// The native menu: the platform's usual roles, so that copy, paste, undo, zoom, full screen,
// hide and quit work with their usual shortcuts (Electron fills in the accelerators of each
// role for each OS). Every item has its label in the app's language (a role's own label would
// be Electron's English); the app rebuilds the menu when the language changes.
import type { Menu, MenuItemConstructorOptions } from 'electron';
import type { Translator } from '../../i18n/translator';

export interface AppMenuActions {
  /** Shows the window (macOS: the dock or menu after closing it to the tray). */
  open(): void;
  /** Locks the window (Lock now). */
  lock(): void;
  quit(): void;
}

export function appMenuTemplate(platform: NodeJS.Platform, appName: string, actions: AppMenuActions, translator: Translator): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const t = (key: Parameters<Translator['t']>[0]) => translator.t(key, { app: appName });
  const quit: MenuItemConstructorOptions = { label: mac ? t('menu.quit-app') : t('menu.quit'), accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() };
  const lock: MenuItemConstructorOptions = { label: t('menu.lock'), accelerator: 'CmdOrCtrl+L', click: () => actions.lock() };
  const close = (): MenuItemConstructorOptions => ({ role: 'close', label: t('menu.close-window') });
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: appName,
          submenu: [
            { role: 'about', label: t('menu.about') },
            { type: 'separator' },
            { role: 'services', label: t('menu.services') },
            { type: 'separator' },
            { role: 'hide', label: t('menu.hide') },
            { role: 'hideOthers', label: t('menu.hide-others') },
            { role: 'unhide', label: t('menu.show-all') },
            { type: 'separator' },
            lock,
            quit,
          ],
        },
      ]
    : [];
  return [
    ...appMenu,
    { label: t('menu.file'), submenu: mac ? [close()] : [lock, { type: 'separator' }, close(), { type: 'separator' }, quit] },
    {
      label: t('menu.edit'),
      submenu: [
        { role: 'undo', label: t('menu.undo') },
        { role: 'redo', label: t('menu.redo') },
        { type: 'separator' },
        { role: 'cut', label: t('menu.cut') },
        { role: 'copy', label: t('menu.copy') },
        { role: 'paste', label: t('menu.paste') },
        { role: 'pasteAndMatchStyle', label: t('menu.paste-and-match-style') },
        { role: 'delete', label: t('menu.delete') },
        { role: 'selectAll', label: t('menu.select-all') },
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        { role: 'resetZoom', label: t('menu.actual-size') },
        { role: 'zoomIn', label: t('menu.zoom-in') },
        { role: 'zoomOut', label: t('menu.zoom-out') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t('menu.toggle-full-screen') },
      ],
    },
    {
      label: t('menu.window'),
      submenu: mac
        ? [
            { role: 'minimize', label: t('menu.minimize') },
            { role: 'zoom', label: t('menu.zoom') },
            { type: 'separator' },
            // The window's own name: the app's, the same in every language.
            { label: appName, accelerator: 'CmdOrCtrl+0', click: () => actions.open() },
            { role: 'front', label: t('menu.bring-all-to-front') },
          ]
        : [{ role: 'minimize', label: t('menu.minimize') }, close()],
    },
  ];
}

export function installAppMenu(
  menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): Menu; setApplicationMenu(menu: Menu | null): void },
  template: MenuItemConstructorOptions[],
): void {
  menu.setApplicationMenu(menu.buildFromTemplate(template));
}
