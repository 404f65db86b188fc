import type { Settings, UrgentAlert } from '../../../../preload/contract';
import { useApp } from '../app-context';

/**
 * What the banner says: it begins with "Urgent" and names the sender of the urgent message
 * waiting longest, as far as the notification privacy lets a screen seen by others show.
 */
export function urgentBannerText(alerts: readonly UrgentAlert[], privacy: Settings['notificationPrivacy']): string {
  const oldest = alerts[0];
  if (oldest === undefined) return '';
  const named = privacy === 'full' || privacy === 'sender';
  const from = oldest.conversationKind === 'group' ? `${oldest.senderName} in ${oldest.conversationName}` : oldest.senderName;
  if (alerts.length === 1) return named ? `Urgent message from ${from}` : 'Urgent message';
  return named ? `Urgent: ${alerts.length} unread urgent messages, the first from ${from}` : `Urgent: ${alerts.length} unread urgent messages`;
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
        Open
      </button>
    </div>
  );
}
