// The tray icon: the unread count in its image and tooltip, and a menu to open the window,
// switch Do Not Disturb and quit. Created on the first update; every setter skips the
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
}

export class TrayService {
  private tray: TrayLike | undefined;
  private shownImage: TrayImageName | undefined;
  private shownTooltip: string | undefined;
  private shownDoNotDisturb: boolean | undefined;
  private readonly options: TrayServiceOptions;

  constructor(options: TrayServiceOptions) {
    this.options = options;
  }

  update({ badge, doNotDisturb }: TrayState): void {
    const tray = this.ensureTray(badge.trayImage);
    if (badge.trayImage !== this.shownImage) {
      tray.setImage(this.options.image(badge.trayImage));
      this.shownImage = badge.trayImage;
    }
    if (badge.tooltip !== this.shownTooltip) {
      tray.setToolTip(badge.tooltip);
      this.shownTooltip = badge.tooltip;
    }
    if (doNotDisturb !== this.shownDoNotDisturb) {
      tray.setContextMenu(this.options.buildMenu(this.menuTemplate(doNotDisturb)));
      this.shownDoNotDisturb = doNotDisturb;
    }
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = undefined;
    this.shownImage = undefined;
    this.shownTooltip = undefined;
    this.shownDoNotDisturb = undefined;
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

  private menuTemplate(doNotDisturb: boolean): MenuItemConstructorOptions[] {
    return [
      { id: 'open', label: 'Open TigerDesk', click: () => this.options.open() },
      { id: 'dnd', label: 'Do Not Disturb', type: 'checkbox', checked: doNotDisturb, click: (item) => this.options.setDoNotDisturb(item.checked) },
      { type: 'separator' },
      { id: 'quit', label: 'Quit TigerDesk', click: () => this.options.quit() },
    ];
  }
}
