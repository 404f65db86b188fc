import { t } from '../../state/language';
import { countsByOrganization } from '../../state/organizations';
import type { OrganizationCounts } from '../../state/organizations';
import { useApp } from '../app-context';
import { ChoiceSelect } from '../common/choice-select';

/** An organization's name (or "All organizations") with its unread count, and how many of those are urgent. */
function withUnread(name: string, counts: OrganizationCounts | undefined): string {
  if (counts === undefined || counts.unread === 0) return name;
  return counts.urgent > 0 ? t('organization.unread-urgent', { name, unread: counts.unread, urgent: counts.urgent }) : t('organization.unread', { name, unread: counts.unread });
}

/**
 * Above the roster, for someone in several organizations: which organization's conversations
 * it shows, each with its unread count, or all of them. Hidden for someone in one.
 */
export function OrganizationSwitcher() {
  const app = useApp();
  if (!app.organizations.several.value) return null;
  // Read through each conversation's signal, so that a new unread message updates the counts.
  const conversations = app.roster.order.value.flatMap((id) => {
    const conversation = app.roster.byId.get(id)?.value;
    return conversation === undefined ? [] : [conversation];
  });
  const counts = countsByOrganization(conversations);
  const total = [...counts.values()].reduce((sum, count) => ({ unread: sum.unread + count.unread, urgent: sum.urgent + count.urgent }), { unread: 0, urgent: 0 });
  const choices = [
    { value: null, label: withUnread(t('organization.all'), total) },
    ...app.organizations.list.value.map((organization) => ({ value: organization.token, label: withUnread(organization.name, counts.get(organization.token)) })),
  ];
  return (
    <label class="organization-switcher">
      <span>{t('organization.label')}</span>
      <ChoiceSelect<string | null> choices={choices} value={app.roster.organization.value} onChoose={(token) => (app.roster.organization.value = token)} />
    </label>
  );
}
