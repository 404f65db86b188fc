import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Settings } from '../../../../preload/contract';
import { languageNames, languages } from '../../../../i18n/languages';
import { worded } from '../../format/error-text';
import { t } from '../../state/language';
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

// Worded when the dialog renders, in the window's language then.
const privacyChoices = (): Choice<Settings['notificationPrivacy']>[] => [
  { value: 'full', label: t('settings.notifications.full') },
  { value: 'sender', label: t('settings.notifications.sender') },
  { value: 'count', label: t('settings.notifications.count') },
  { value: 'off', label: t('settings.notifications.off') },
];
const themeChoices = (): Choice<Settings['theme']>[] => [
  { value: 'system', label: t('settings.theme.system') },
  { value: 'light', label: t('settings.theme.light') },
  { value: 'dark', label: t('settings.theme.dark') },
];
/** The system's language, then each shipped language in its own name (so that it can be found whatever the window speaks). */
const languageChoices = (): Choice<Settings['languageChoice']>[] => [
  { value: 'system', label: t('settings.language.system') },
  ...languages.map((language) => ({ value: language, label: languageNames[language] })),
];

function Accounts() {
  const app = useApp();
  const adding = useSignal(false);
  // Signing out erases this computer's copy, queued messages included: it takes a second click.
  const confirmSignOut = useSignal(false);
  const { error, run } = useActionError();
  useEffect(() => void app.session.refreshAccounts().catch(() => undefined), []);
  return (
    <section aria-label={t('settings.accounts')}>
      <h3>{t('settings.accounts')}</h3>
      <ul class="accounts">
        {app.session.accounts.value.map((account) => (
          <li key={account.id} class="account-row">
            <span class="person-details">
              <span>{account.displayName}</span>
              <span class="subtle">{account.server}</span>
            </span>
            {account.active ? (
              <span class="tag">{t('settings.accounts.signed-in')}</span>
            ) : (
              <button type="button" onClick={() => run(() => app.switchAccount(account.id))} aria-label={t('settings.accounts.switch-to', { name: account.displayName })}>
                {t('settings.accounts.switch')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" onClick={() => (app.ui.dialog.value = { kind: 'profile' })}>
          {t('settings.accounts.edit-profile')}
        </button>
        <button type="button" onClick={() => (adding.value = !adding.value)} aria-expanded={adding.value}>
          {t('settings.accounts.add')}
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
          {t(confirmSignOut.value ? 'settings.accounts.confirm-sign-out' : 'settings.accounts.sign-out')}
        </button>
      </div>
      <p class="subtle">{t('settings.accounts.sign-out-erases')}</p>
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
    <Dialog title={t('settings.title')} onClose={() => (app.ui.dialog.value = null)} wide>
      {settings === null ? (
        <p>{t('settings.loading')}</p>
      ) : (
        <div class="settings">
          <label class="field">
            <span>
              {t('settings.notifications')}
              <LockedNote locked={locked('notificationPrivacy')} />
            </span>
            <ChoiceSelect
              choices={privacyChoices()}
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
            {t('settings.previews')}
            <LockedNote locked={locked('showMessagePreviews')} />
          </label>
          <label class="inline">
            <input type="checkbox" checked={settings.doNotDisturb} disabled={locked('doNotDisturb')} onChange={(event) => void app.settings.update({ doNotDisturb: event.currentTarget.checked })} />
            {t('settings.dnd')}
            <LockedNote locked={locked('doNotDisturb')} />
          </label>
          <label class="field">
            <span>{t('settings.dnd-text')}</span>
            <input
              key={settings.doNotDisturbText}
              defaultValue={settings.doNotDisturbText}
              maxLength={500}
              placeholder={t('settings.dnd-text.placeholder')}
              disabled={locked('doNotDisturb')}
              onChange={(event) => void app.settings.update({ doNotDisturbText: event.currentTarget.value })}
            />
          </label>
          <DoNotDisturbScheduleFields settings={settings} />
          <label class="field">
            <span>
              {t('settings.theme')}
              <LockedNote locked={locked('theme')} />
            </span>
            <ChoiceSelect choices={themeChoices()} value={settings.theme} disabled={locked('theme')} onChoose={(value) => void app.settings.update({ theme: value })} />
          </label>
          <label class="field">
            <span>
              {t('settings.language')}
              <LockedNote locked={locked('language')} />
            </span>
            <ChoiceSelect
              choices={languageChoices()}
              // Locked, it shows the language hospital IT set, not the choice it overrides.
              value={locked('language') ? settings.language : settings.languageChoice}
              disabled={locked('language')}
              onChoose={(language) => void app.settings.update({ language })}
            />
          </label>
          <label class="inline">
            <input type="checkbox" checked={settings.startAtLogin} disabled={locked('startAtLogin')} onChange={(event) => void app.settings.update({ startAtLogin: event.currentTarget.checked })} />
            {t('settings.start-at-login')}
            <LockedNote locked={locked('startAtLogin')} />
          </label>
          <QuickRepliesEditor replies={settings.quickReplies} locked={locked('quickReplies')} />
          <SpellCheckSettings settings={settings} />
          <ErrorAlert message={worded(app.settings.error.value)} />
          {session?.kind === 'signed-in' && <LockSettings settings={settings} lock={session.lock} managed={locked('autoLockMinutes')} />}
          <Accounts />
        </div>
      )}
    </Dialog>
  );
}
