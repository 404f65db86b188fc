// The unread count outside the tray: the app badge (Linux launchers, macOS dock), the dock's
// text on macOS (which also marks high priority) and the taskbar overlay on Windows. Skips
// the Electron calls when what is shown has not changed.
import type { App, BrowserWindow, Dock, NativeImage } from 'electron';
import type { Badge } from '../core/notify/badge';

export type BadgeTarget =
  /** Linux (Unity launchers) and others with a numeric badge. */
  | { kind: 'count'; app: Pick<App, 'setBadgeCount'> }
  | { kind: 'dock'; dock: Pick<Dock, 'setBadge'> }
  | {
      kind: 'overlay';
      window: Pick<BrowserWindow, 'setOverlayIcon' | 'isDestroyed'>;
      image(label: string, priority: boolean): NativeImage;
    };

export class AppBadge {
  private shown: string | undefined;
  private readonly target: BadgeTarget;

  constructor(target: BadgeTarget) {
    this.target = target;
  }

  update(badge: Pick<Badge, 'unread' | 'priority' | 'label' | 'tooltip'>): void {
    // The tooltip too: the overlay's description follows a change of language.
    const key = `${badge.unread}:${badge.priority}:${badge.tooltip}`;
    if (key === this.shown) return;
    const target = this.target;
    if (target.kind === 'count') {
      target.app.setBadgeCount(badge.unread);
    } else if (target.kind === 'dock') {
      target.dock.setBadge(badge.label === '' ? '' : badge.priority ? `! ${badge.label}` : badge.label);
    } else {
      if (target.window.isDestroyed()) return;
      target.window.setOverlayIcon(badge.label === '' ? null : target.image(badge.label, badge.priority), badge.label === '' ? '' : badge.tooltip);
    }
    this.shown = key;
  }
}
