import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { PersonView } from '../../../../preload/contract';
import { errorText } from '../../format/error-text';
import { useApp } from '../app-context';
import { Avatar } from '../common/avatar';
import { Dialog } from '../common/dialog';
import { MetadataEditor } from './metadata-editor';

function presenceText(person: PersonView): string {
  const presence = person.presence === 'available' ? 'Available' : person.presence === 'unavailable' ? 'Unavailable' : 'Presence unknown';
  if (!person.dnd) return presence;
  return person.dndText === undefined ? `${presence}, Do Not Disturb` : `${presence}, Do Not Disturb: ${person.dndText}`;
}

export function PersonProfile({ token }: { token: string }) {
  const app = useApp();
  const person = useSignal<PersonView | null>(null);
  const error = useSignal<string | null>(null);
  useEffect(() => {
    app.api.person({ token }).then(
      (found) => (person.value = found),
      (failure: unknown) => (error.value = errorText(failure)),
    );
  }, [token]);
  const shown = person.value;
  return (
    <Dialog title={shown?.name ?? 'Profile'} onClose={() => (app.ui.dialog.value = null)}>
      {error.value !== null && <p class="error">{error.value}</p>}
      {shown !== null && (
        <>
          <div class="profile">
            <Avatar name={shown.name} token={shown.token} avatar={shown.avatar} />
            <dl>
              <dt>Title</dt>
              <dd>{shown.title ?? 'Not given'}</dd>
              <dt>Department</dt>
              <dd>{shown.department ?? 'Not given'}</dd>
              <dt>Presence</dt>
              <dd>{presenceText(shown)}</dd>
            </dl>
          </div>
          <MetadataEditor entity={token} />
        </>
      )}
    </Dialog>
  );
}
