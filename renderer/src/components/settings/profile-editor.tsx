import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ProfileView } from '../../../../preload/contract';
import { failureWording, wording, worded } from '../../format/error-text';
import type { Wording } from '../../format/error-text';
import { t } from '../../state/language';
import { useApp } from '../app-context';
import { Avatar } from '../common/avatar';
import { PictureField } from '../common/picture-field';
import { Dialog } from '../common/dialog';
import { ErrorAlert } from '../common/error-alert';

/** The signed-in user's name, status text and picture, as colleagues see them; changed on the server. */
export function ProfileEditor() {
  const app = useApp();
  const profile = useSignal<ProfileView | null>(null);
  const name = useSignal('');
  const status = useSignal('');
  const error = useSignal<Wording | null>(null);
  const done = useSignal<Wording | null>(null);
  const show = (next: ProfileView) => {
    profile.value = next;
    name.value = next.displayName;
    status.value = next.status;
  };
  useEffect(() => {
    app.api.myProfile().then(show, (failure: unknown) => (error.value = failureWording(failure)));
  }, []);
  const change = (update: Parameters<typeof app.api.updateProfile>[0], said: Wording) => {
    error.value = null;
    done.value = null;
    app.api.updateProfile(update).then(
      (next) => {
        show(next);
        done.value = said;
      },
      (failure: unknown) => (error.value = failureWording(failure)),
    );
  };
  const shown = profile.value;
  return (
    <Dialog title={t('settings.profile')} onClose={() => (app.ui.dialog.value = null)}>
      {shown === null ? (
        <p>{error.value === null ? t('settings.loading') : ''}</p>
      ) : (
        <form
          class="profile-editor"
          onSubmit={(event) => {
            event.preventDefault();
            const texts = {
              ...(name.value.trim() === shown.displayName ? {} : { displayName: name.value }),
              ...(status.value.trim() === shown.status ? {} : { status: status.value }),
            };
            if (Object.keys(texts).length === 0) done.value = wording('settings.profile.unchanged');
            else change(texts, wording('settings.profile.saved'));
          }}
        >
          <div class="profile">
            <Avatar name={shown.displayName} token={shown.token} avatar={shown.avatar} />
          </div>
          <label class="field">
            <span>{t('settings.profile.name')}</span>
            <input value={name.value} maxLength={100} required onInput={(event) => (name.value = event.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{t('settings.profile.status')}</span>
            <input value={status.value} maxLength={500} placeholder={t('settings.profile.status-placeholder')} onInput={(event) => (status.value = event.currentTarget.value)} />
          </label>
          <PictureField
            label={t('settings.profile.picture')}
            onPicture={(avatar) => change({ avatar }, wording('settings.profile.picture-changed'))}
            onRefused={(reason) => (error.value = failureWording(reason))}
          />
          <div class="actions">
            <button type="submit">{t('settings.profile.save')}</button>
            <button type="button" onClick={() => change({ avatar: null }, wording('settings.profile.picture-removed'))}>
              {t('settings.profile.remove-picture')}
            </button>
          </div>
        </form>
      )}
      {done.value !== null && <p role="status">{worded(done.value)}</p>}
      <ErrorAlert message={worded(error.value)} />
    </Dialog>
  );
}
