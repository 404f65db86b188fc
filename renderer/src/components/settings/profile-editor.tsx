import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ProfileView } from '../../../../preload/contract';
import { errorText } from '../../format/error-text';
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
  const error = useSignal<string | null>(null);
  const done = useSignal<string | null>(null);
  const show = (next: ProfileView) => {
    profile.value = next;
    name.value = next.displayName;
    status.value = next.status;
  };
  useEffect(() => {
    app.api.myProfile().then(show, (failure: unknown) => (error.value = errorText(failure)));
  }, []);
  const change = (update: Parameters<typeof app.api.updateProfile>[0], said: string) => {
    error.value = null;
    done.value = null;
    app.api.updateProfile(update).then(
      (next) => {
        show(next);
        done.value = said;
      },
      (failure: unknown) => (error.value = errorText(failure)),
    );
  };
  const shown = profile.value;
  return (
    <Dialog title="Your profile" onClose={() => (app.ui.dialog.value = null)}>
      {shown === null ? (
        <p>{error.value === null ? 'Loading…' : ''}</p>
      ) : (
        <form
          class="profile-editor"
          onSubmit={(event) => {
            event.preventDefault();
            const texts = {
              ...(name.value.trim() === shown.displayName ? {} : { displayName: name.value }),
              ...(status.value.trim() === shown.status ? {} : { status: status.value }),
            };
            if (Object.keys(texts).length === 0) done.value = 'Nothing changed.';
            else change(texts, 'Saved.');
          }}
        >
          <div class="profile">
            <Avatar name={shown.displayName} token={shown.token} avatar={shown.avatar} />
          </div>
          <label class="field">
            <span>Name</span>
            <input value={name.value} maxLength={100} required onInput={(event) => (name.value = event.currentTarget.value)} />
          </label>
          <label class="field">
            <span>Status</span>
            <input value={status.value} maxLength={500} placeholder="What colleagues see beside your name" onInput={(event) => (status.value = event.currentTarget.value)} />
          </label>
          <PictureField label="Picture" onPicture={(avatar) => change({ avatar }, 'Picture changed.')} onRefused={(reason) => (error.value = reason)} />
          <div class="actions">
            <button type="submit">Save</button>
            <button type="button" onClick={() => change({ avatar: null }, 'Picture removed.')}>
              Remove picture
            </button>
          </div>
        </form>
      )}
      {done.value !== null && <p role="status">{done.value}</p>}
      <ErrorAlert message={error.value} />
    </Dialog>
  );
}
