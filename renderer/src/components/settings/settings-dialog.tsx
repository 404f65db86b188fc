import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Settings } from '../../../../preload/contract';
import { useApp } from '../app-context';
import { ChoiceSelect } from '../common/choice-select';
import type { Choice } from '../common/choice-select';
import { Dialog } from '../common/dialog';
import { SignInForm } from '../signin/sign-in';
import { ErrorAlert } from '../common/error-alert';
import { DoNotDisturbScheduleFields } from './dnd-schedule-fields';
import { useActionError } from '../common/use-action-error';
import { LockSettings } from './lock-settings';
import { LockedNote } from './locked-note';
import { QuickRepliesEditor } from './quick-replies-editor';
import { SpellCheckSettings } from './spell-check-settings';

const privacyChoices: Choice<Settings['notificationPrivacy']>[] = [
  { value: 'full', label: 'Sender and message text' },
  { value: 'sender', label: 'Sender only' },
  { value: 'count', label: 'Only the number of new messages' },
  { value: 'off', label: 'No notifications' },
];
const themeChoices: Choice<Settings['theme']>[] = [
  { value: 'system', label: 'Same as the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

function Accounts() {
  const app = useApp();
  const adding = useSignal(false);
  // Signing out erases this computer's copy, queued messages included: it takes a second click.
  const confirmSignOut = useSignal(false);
  const { error, run } = useActionError();
  useEffect(() => void app.session.refreshAccounts().catch(() => undefined), []);
  return (
    <section aria-label="Accounts">
      <h3>Accounts</h3>
      <ul class="accounts">
        {app.session.accounts.value.map((account) => (
          <li key={account.id} class="account-row">
            <span class="person-details">
              <span>{account.displayName}</span>
              <span class="subtle">{account.server}</span>
            </span>
            {account.active ? (
              <span class="tag">Signed in</span>
            ) : (
              <button type="button" onClick={() => run(() => app.switchAccount(account.id))} aria-label={`Switch to ${account.displayName}`}>
                Switch
              </button>
            )}
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" onClick={() => (app.ui.dialog.value = { kind: 'profile' })}>
          Edit your profile
        </button>
        <button type="button" onClick={() => (adding.value = !adding.value)} aria-expanded={adding.value}>
          Add an account
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => {
            if (!confirmSignOut.value) {
              confirmSignOut.value = true;
              return;
            }
            run(() => app.signOut());
          }}
        >
          {confirmSignOut.value ? 'Confirm: sign out and erase' : 'Sign out'}
        </button>
      </div>
      <p class="subtle">Signing out erases this account's messages from this computer.</p>
      <ErrorAlert message={error.value} />
      {adding.value && <SignInForm onSignedIn={() => (adding.value = false)} />}
    </section>
  );
}

export function SettingsDialog() {
  const app = useApp();
  const settings = app.settings.settings.value;
  const locked = (name: string) => settings?.managed.includes(name) ?? false;
  const session = app.session.state.value;
  return (
    <Dialog title="Settings" onClose={() => (app.ui.dialog.value = null)} wide>
      {settings === null ? (
        <p>Loading…</p>
      ) : (
        <div class="settings">
          <label class="field">
            <span>
              Notifications show
              <LockedNote locked={locked('notificationPrivacy')} />
            </span>
            <ChoiceSelect
              choices={privacyChoices}
              value={settings.notificationPrivacy}
              disabled={locked('notificationPrivacy')}
              onChoose={(value) => void app.settings.update({ notificationPrivacy: value })}
              autofocus
            />
          </label>
          <label class="inline">
            <input
              type="checkbox"
              checked={settings.showMessagePreviews}
              disabled={locked('showMessagePreviews')}
              onChange={(event) => void app.settings.update({ showMessagePreviews: event.currentTarget.checked })}
            />
            Show message previews in the conversation list
            <LockedNote locked={locked('showMessagePreviews')} />
          </label>
          <label class="inline">
            <input type="checkbox" checked={settings.doNotDisturb} disabled={locked('doNotDisturb')} onChange={(event) => void app.settings.update({ doNotDisturb: event.currentTarget.checked })} />
            Do Not Disturb
            <LockedNote locked={locked('doNotDisturb')} />
          </label>
          <label class="field">
            <span>Do Not Disturb message, seen by colleagues</span>
            <input
              key={settings.doNotDisturbText}
              defaultValue={settings.doNotDisturbText}
              maxLength={500}
              placeholder="In surgery until 3"
              disabled={locked('doNotDisturb')}
              onChange={(event) => void app.settings.update({ doNotDisturbText: event.currentTarget.value })}
            />
          </label>
          <DoNotDisturbScheduleFields settings={settings} />
          <label class="field">
            <span>
              Theme
              <LockedNote locked={locked('theme')} />
            </span>
            <ChoiceSelect choices={themeChoices} value={settings.theme} disabled={locked('theme')} onChoose={(value) => void app.settings.update({ theme: value })} />
          </label>
          <label class="inline">
            <input type="checkbox" checked={settings.startAtLogin} disabled={locked('startAtLogin')} onChange={(event) => void app.settings.update({ startAtLogin: event.currentTarget.checked })} />
            Start TigerDesk when I log in
            <LockedNote locked={locked('startAtLogin')} />
          </label>
          <QuickRepliesEditor replies={settings.quickReplies} locked={locked('quickReplies')} />
          <SpellCheckSettings settings={settings} />
          <ErrorAlert message={app.settings.error.value} />
          {session?.kind === 'signed-in' && <LockSettings settings={settings} lock={session.lock} managed={locked('autoLockMinutes')} />}
          <Accounts />
        </div>
      )}
    </Dialog>
  );
}
