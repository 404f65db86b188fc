import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { PersonView } from '../../../../preload/contract';
import { failureWording, worded } from '../../format/error-text';
import type { Wording } from '../../format/error-text';
import { t } from '../../state/language';
import { useApp } from '../app-context';
import { Avatar } from '../common/avatar';
import { Dialog } from '../common/dialog';
import { MetadataEditor } from './metadata-editor';

function presenceText(person: PersonView): string {
  const presence = person.presence;
  if (!person.dnd) return t('profile.presence.plain', { presence });
  return person.dndText === undefined ? t('profile.presence.dnd', { presence }) : t('profile.presence.dnd-text', { presence, text: person.dndText });
}

export function PersonProfile({ token }: { token: string }) {
  const app = useApp();
  const person = useSignal<PersonView | null>(null);
  const error = useSignal<Wording | null>(null);
  useEffect(() => {
    app.api.person({ token }).then(
      (found) => (person.value = found),
      (failure: unknown) => (error.value = failureWording(failure)),
    );
  }, [token]);
  const shown = person.value;
  return (
    <Dialog title={shown?.name ?? t('profile.untitled')} onClose={() => (app.ui.dialog.value = null)}>
      {error.value !== null && <p class="error">{worded(error.value)}</p>}
      {shown !== null && (
        <>
          <div class="profile">
            <Avatar name={shown.name} token={shown.token} avatar={shown.avatar} />
            <dl>
              <dt>{t('profile.title')}</dt>
              <dd>{shown.title ?? t('profile.not-given')}</dd>
              <dt>{t('profile.department')}</dt>
              <dd>{shown.department ?? t('profile.not-given')}</dd>
              <dt>{t('profile.presence')}</dt>
              <dd>{presenceText(shown)}</dd>
            </dl>
          </div>
          <MetadataEditor entity={token} />
        </>
      )}
    </Dialog>
  );
}
