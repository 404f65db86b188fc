// The tray icon: the unread count in its image and tooltip, and a menu to open the window,
// switch Do Not Disturb and quit; while the window is locked, only Unlock and Quit. Created on the first update; every setter skips the
// Electron call when nothing it shows has changed.
import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import type { Badge, TrayImageName } from '../core/notify/badge';
import type { AppTray } from './platform';

export type TrayLike = AppTray;

export interface TrayServiceOptions {
  createTray(image: NativeImage): TrayLike;
  image(name: TrayImageName): NativeImage;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  open(): void;
  setDoNotDisturb(on: boolean): void;
  quit(): void;
}

export interface TrayState {
  badge: Pick<Badge, 'trayImage' | 'tooltip'>;
  doNotDisturb: boolean;
  locked: boolean;
}

export class TrayService {
  private tray: TrayLike | undefined;
  private shownImage: TrayImageName | undefined;
  private shownTooltip: string | undefined;
  private shownMenu: string | undefined;
  private readonly options: TrayServiceOptions;

  constructor(options: TrayServiceOptions) {
    this.options = options;
  }

  update({ badge, doNotDisturb, locked }: TrayState): void {
    const tray = this.ensureTray(badge.trayImage);
    if (badge.trayImage !== this.shownImage) {
      tray.setImage(this.options.image(badge.trayImage));
      this.shownImage = badge.trayImage;
    }
    if (badge.tooltip !== this.shownTooltip) {
      tray.setToolTip(badge.tooltip);
      this.shownTooltip = badge.tooltip;
    }
    const menu = locked ? 'locked' : `dnd:${doNotDisturb}`;
    if (menu !== this.shownMenu) {
      tray.setContextMenu(this.options.buildMenu(locked ? this.lockedMenuTemplate() : this.menuTemplate(doNotDisturb)));
      this.shownMenu = menu;
    }
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = undefined;
    this.shownImage = undefined;
    this.shownTooltip = undefined;
    this.shownMenu = undefined;
  }

  private ensureTray(firstImage: TrayImageName): TrayLike {
    if (this.tray !== undefined) return this.tray;
    const tray = this.options.createTray(this.options.image(firstImage));
    this.shownImage = firstImage;
    // A left click opens the window on Windows and Linux; macOS shows the menu instead.
    tray.on('click', () => this.options.open());
    this.tray = tray;
    return tray;
  }

  /** Nothing that changes the account from a locked screen: Unlock shows the lock screen. */
  private lockedMenuTemplate(): MenuItemConstructorOptions[] {
    return [
      { id: 'unlock', label: 'Unlock TigerDesk', click: () => this.options.open() },
      { type: 'separator' },
      { id: 'quit', label: 'Quit TigerDesk', click: () => this.options.quit() },
    ];
  }

  private menuTemplate(doNotDisturb: boolean): MenuItemConstructorOptions[] {
    return [
      { id: 'open', label: 'Open TigerDesk', click: () => this.options.open() },
      { id: 'dnd', label: 'Do Not Disturb', type: 'checkbox', checked: doNotDisturb, click: (item) => this.options.setDoNotDisturb(item.checked) },
      { type: 'separator' },
      { id: 'quit', label: 'Quit TigerDesk', click: () => this.options.quit() },
    ];
  }
}
