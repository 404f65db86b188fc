import type { Signal } from '@preact/signals';
import { t } from '../../state/language';
import { useApp } from '../app-context';
import { ChoiceSelect } from '../common/choice-select';

/**
 * "Which organization?" in the dialogs that start something (a conversation, a group), for
 * someone in several: the same two people have one conversation in each. Nothing for someone
 * in one organization.
 */
export function OrganizationChoice({ chosen }: { chosen: Signal<string | null> }) {
  const app = useApp();
  if (!app.organizations.several.value) return null;
  const choices = app.organizations.list.value.map((organization) => ({ value: organization.token, label: organization.name }));
  return (
    <label class="field">
      <span>{t('organization.label')}</span>
      <ChoiceSelect choices={choices} value={chosen.value ?? choices[0]?.value ?? ''} onChoose={(token) => (chosen.value = token)} />
    </label>
  );
}

/** The organization a new conversation or group starts in: the one the roster shows, else the first. */
export function useStartingOrganization(): string | null {
  const app = useApp();
  return app.roster.organization.peek() ?? app.organizations.list.peek()[0]?.token ?? null;
}
