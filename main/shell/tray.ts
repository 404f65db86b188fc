// The tray icon: the unread count in its image and tooltip, and a menu to open the window,
// switch Do Not Disturb and quit; while the window is locked, only Unlock and Quit. Created on the first update; every setter skips the
// Electron call when nothing it shows has changed. Its menu is in the app's language, built
// again at the first update after the language changes (the tooltip comes worded in the badge).
import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import type { Translator } from '../../i18n/translator';
import { appName } from '../core/notify/app-name';
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
  /** The app's language now. */
  translator(): Translator;
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
    const translator = this.options.translator();
    const menu = `${translator.locale}:${locked ? 'locked' : `dnd:${doNotDisturb}`}`;
    if (menu !== this.shownMenu) {
      tray.setContextMenu(this.options.buildMenu(locked ? this.lockedMenuTemplate(translator) : this.menuTemplate(doNotDisturb, translator)));
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
  private lockedMenuTemplate(translator: Translator): MenuItemConstructorOptions[] {
    return [
      { id: 'unlock', label: translator.t('tray.unlock', { app: appName }), click: () => this.options.open() },
      { type: 'separator' },
      { id: 'quit', label: translator.t('tray.quit', { app: appName }), click: () => this.options.quit() },
    ];
  }

  private menuTemplate(doNotDisturb: boolean, translator: Translator): MenuItemConstructorOptions[] {
    return [
      { id: 'open', label: translator.t('tray.open', { app: appName }), click: () => this.options.open() },
      {
        id: 'dnd',
        label: translator.t('tray.do-not-disturb'),
        type: 'checkbox',
        checked: doNotDisturb,
        click: (item) => this.options.setDoNotDisturb(item.checked),
      },
      { type: 'separator' },
      { id: 'quit', label: translator.t('tray.quit', { app: appName }), click: () => this.options.quit() },
    ];
  }
}
