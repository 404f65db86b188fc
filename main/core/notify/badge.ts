/**
 * The unread count across all conversations, as the tray, the dock and the taskbar show it. A
 * muted conversation counts only its urgent messages (its row stays bold in the list): the
 * badge is what pulls the user back, and a mute says "not for this".
 */
import type { Translator } from '../../../i18n/translator';
import { appName } from './app-name';
import type { UnreadTally } from './unread-tally';

export type TrayImageName = 'tray-0' | `tray-${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}` | 'tray-9plus';

export interface Badge {
  unread: number;
  /** Some unread message is high priority. */
  priority: boolean;
  trayImage: TrayImageName;
  /** What the dock or overlay shows: '' for none, '1'..'9', '9+'. */
  label: string;
  /** The tray's tooltip (and the taskbar overlay's description), in the translator's language. */
  tooltip: string;
}

/** The badge an up-to-date tally gives at `now`: what the tray and the dock show after each change. */
export function badgeOf(tally: UnreadTally, now: number, translator: Translator): Badge {
  const { unread, priority } = tally.at(now);
  const label = unread === 0 ? '' : unread > 9 ? '9+' : String(unread);
  const trayImage: TrayImageName = unread === 0 ? 'tray-0' : unread > 9 ? 'tray-9plus' : (`tray-${unread}` as TrayImageName);
  const tooltip = unread === 0 ? appName : translator.t('tray.tooltip', { app: appName, count: unread, priority: priority ? 'yes' : 'no' });
  return { unread, priority, trayImage, label, tooltip };
}
