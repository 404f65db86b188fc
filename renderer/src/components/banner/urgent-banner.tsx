import type { Settings, UrgentAlert } from '../../../../preload/contract';
import { t } from '../../state/language';
import { useApp } from '../app-context';

/**
 * What the banner says: it begins with "Urgent" and names the sender of the urgent message
 * waiting longest, as far as the notification privacy lets a screen seen by others show.
 */
export function urgentBannerText(alerts: readonly UrgentAlert[], privacy: Settings['notificationPrivacy']): string {
  const oldest = alerts[0];
  if (oldest === undefined) return '';
  const named = privacy === 'full' || privacy === 'sender';
  // Who sent it, and in which group: "sender" a 1:1 conversation's, "group" a group's, "none" not told.
  const from = !named ? 'none' : oldest.conversationKind === 'group' ? 'group' : 'sender';
  const values = { from, sender: oldest.senderName, conversation: oldest.conversationName, count: alerts.length };
  return alerts.length === 1 ? t('banner.urgent.one', values) : t('banner.urgent.many', values);
}

/**
 * Shown above everything while an urgent message is unread, until it is read (here or on
 * another device), recalled or expired. An alert to assistive technology, each time it
 * appears or changes; "Open" opens the conversation of the message waiting longest.
 */
export function UrgentBanner() {
  const app = useApp();
  const alerts = app.urgent.alerts.value;
  const privacy = app.settings.settings.value?.notificationPrivacy ?? 'count';
  const oldest = alerts[0];
  if (oldest === undefined) return null;
  return (
    <div class="banner banner-urgent" role="alert">
      <span class="banner-text">{urgentBannerText(alerts, privacy)}</span>
      <button type="button" onClick={() => app.openConversation(oldest.conversationId)}>
        {t('banner.urgent.open')}
      </button>
    </div>
  );
}
