// The native menu: the platform's usual roles, so that copy, paste, undo, zoom, full screen,
// hide and quit work with their usual shortcuts (Electron fills in the accelerators of each
// role for each OS).
import type { Menu, MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  /** Shows the window (macOS: the dock or menu after closing it to the tray). */
  open(): void;
  /** Locks the window (Lock now). */
  lock(): void;
  quit(): void;
}

export function appMenuTemplate(platform: NodeJS.Platform, appName: string, actions: AppMenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const quit: MenuItemConstructorOptions = { label: mac ? `Quit ${appName}` : 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() };
  const lock: MenuItemConstructorOptions = { label: `Lock ${appName}`, accelerator: 'CmdOrCtrl+L', click: () => actions.lock() };
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            lock,
            quit,
          ],
        },
      ]
    : [];
  return [
    ...appMenu,
    { label: 'File', submenu: mac ? [{ role: 'close' }] : [lock, { type: 'separator' }, { role: 'close' }, { type: 'separator' }, quit] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'pasteAndMatchStyle' },
        { role: 'delete' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    {
      label: 'Window',
      submenu: mac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { label: appName, accelerator: 'CmdOrCtrl+0', click: () => actions.open() }, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
  ];
}

export function installAppMenu(
  menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): Menu; setApplicationMenu(menu: Menu | null): void },
  template: MenuItemConstructorOptions[],
): void {
  menu.setApplicationMenu(menu.buildFromTemplate(template));
}
