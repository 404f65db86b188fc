/**
 * The unread count across all conversations, as the tray, the dock and the taskbar show it. A
 * muted conversation counts only its urgent messages (its row stays bold in the list): the
 * badge is what pulls the user back, and a mute says "not for this".
 */
import type { ConversationSummary } from '../../../preload/contract';
import { isMutedAt } from '../mutes/muted-at';

export type TrayImageName = 'tray-0' | `tray-${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}` | 'tray-9plus';

export interface Badge {
  unread: number;
  /** Some unread message is high priority. */
  priority: boolean;
  trayImage: TrayImageName;
  /** What the dock or overlay shows: '' for none, '1'..'9', '9+'. */
  label: string;
  /** The tray's tooltip. */
  tooltip: string;
}

export function badgeFor(conversations: Iterable<ConversationSummary>, now: number): Badge {
  let unread = 0;
  let priority = false;
  for (const conversation of conversations) {
    unread += isMutedAt(conversation, now) ? conversation.unreadPriority : conversation.unread;
    priority ||= conversation.unreadPriority > 0;
  }
  const label = unread === 0 ? '' : unread > 9 ? '9+' : String(unread);
  const trayImage: TrayImageName = unread === 0 ? 'tray-0' : unread > 9 ? 'tray-9plus' : (`tray-${unread}` as TrayImageName);
  const tooltip =
    unread === 0
      ? 'TigerDesk'
      : `TigerDesk: ${unread} unread message${unread === 1 ? '' : 's'}${priority ? ', high priority among them' : ''}`;
  return { unread, priority, trayImage, label, tooltip };
}
