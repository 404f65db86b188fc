/**
 * What main/app.ts does with every change set for the badge and the tray (refreshIndicators),
 * with the app's own classes: the badge of the open account, the tray service (its icon drawn
 * as the app draws it) and the app badge, over stand-ins of Electron's Tray and App that only
 * take the calls. Two ways to count: the tally kept from the change sets (the app's now) and
 * the recount of the whole roster at every change (the app's before issue 16), for comparison.
 */
import type { Menu, NativeImage } from 'electron';
import { english } from '../../../i18n/english';
import type { ChangeSet } from '../../../preload/contract';
import type { AccountRuntime } from '../../../main/core/account';
import { badgeFor } from '../../support/roster-badge';
import type { Badge } from '../../../main/core/notify/badge';
import { trayIconPng } from '../../../main/core/notify/badge-images';
import { RosterBadge } from '../../../main/core/notify/roster-badge';
import { AppBadge } from '../../../main/shell/app-badge';
import { TrayService } from '../../../main/shell/tray';

export type Counting = 'tally' | 'roster-recount';

export interface Indicators {
  /** A change set of the runtime, as the app's notify receives it; returns the badge shown after it. */
  changed(change: ChangeSet): Badge;
}

export function appIndicators(runtime: AccountRuntime, counting: Counting): Indicators {
  const tray = new TrayService({
    createTray: () => ({ setImage() {}, setToolTip() {}, setContextMenu() {}, destroy() {}, on() {} }),
    image: (name) => trayIconPng(name) as unknown as NativeImage,
    buildMenu: (template) => template as unknown as Menu,
    open() {},
    setDoNotDisturb() {},
    quit() {},
    translator: () => english,
  });
  const appBadge = new AppBadge({ kind: 'count', app: { setBadgeCount: () => true } });
  const rosterBadge = new RosterBadge();
  const show = (badge: Badge) => {
    tray.update({ badge, doNotDisturb: false, locked: false });
    appBadge.update(badge);
    return badge;
  };
  show(rosterBadge.badge(runtime, Date.now(), english));
  return {
    changed(change) {
      if (counting === 'roster-recount') return show(badgeFor(runtime.sync.roster(), Date.now(), english));
      rosterBadge.changed(runtime, change);
      return show(rosterBadge.badge(runtime, Date.now(), english));
    },
  };
}
