import { useLayoutEffect } from 'preact/hooks';
import { useApp } from './app-context';
import { ConnectionBanner } from './banner/connection-banner';
import { SecretStorageNotice } from './banner/secret-storage-notice';
import { UrgentBanner } from './banner/urgent-banner';
import { GroupDetails, NewGroup } from './dialogs/group-dialogs';
import { Forward, NewConversation, QuickSwitcher } from './dialogs/conversation-dialogs';
import { MessageInfo } from './dialogs/message-info';
import { PersonProfile } from './dialogs/person-profile';
import { SignInAgain } from './dialogs/sign-in-again';
import { KeyboardHelp } from './keyboard/keyboard-help';
import { asksForKeyboardHelp, commandKeyName } from './keyboard/shortcut-keys';
import { t } from '../state/language';
import { Roster } from './roster/roster';
import { ProfileEditor } from './settings/profile-editor';
import { SettingsDialog } from './settings/settings-dialog';
import { ThreadView } from './thread/thread-view';

function OpenDialog() {
  const dialog = useApp().ui.dialog.value;
  switch (dialog?.kind) {
    case undefined:
      return null;
    case 'quick-switcher':
      return <QuickSwitcher />;
    case 'new-conversation':
      return <NewConversation />;
    case 'new-group':
      return <NewGroup />;
    case 'settings':
      return <SettingsDialog />;
    case 'profile':
      return <ProfileEditor />;
    case 'sign-in':
      return <SignInAgain />;
    case 'group':
      return <GroupDetails groupId={dialog.groupId} />;
    case 'person':
      return <PersonProfile token={dialog.token} />;
    case 'message-info':
      return <MessageInfo messageId={dialog.messageId} />;
    case 'forward':
      return <Forward messageId={dialog.messageId} />;
    case 'keyboard-help':
      return <KeyboardHelp />;
  }
}

/**
 * A file dropped outside the thread would make the window navigate to it: refuse drops
 * everywhere but the thread, which attaches them.
 */
function useDropGuard() {
  useLayoutEffect(() => {
    const refuse = (event: DragEvent) => {
      if (event.target instanceof Element && event.target.closest('.thread') !== null) return;
      event.preventDefault();
      if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'none';
    };
    document.addEventListener('dragover', refuse);
    document.addEventListener('drop', refuse);
    return () => {
      document.removeEventListener('dragover', refuse);
      document.removeEventListener('drop', refuse);
    };
  }, []);
}

/**
 * Ctrl+K (Cmd+K on macOS) switches conversation, Ctrl/Cmd+N starts one, Ctrl/Cmd+L locks, F1 or
 * Ctrl/Cmd+/ lists every shortcut (keyboard-help.tsx), Esc closes.
 */
function useShortcuts() {
  const app = useApp();
  // Registered as the shell appears, so no early key press is missed.
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = event.ctrlKey || event.metaKey;
      if (command && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        app.ui.dialog.value = { kind: 'quick-switcher' };
      } else if (command && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'n') {
        event.preventDefault();
        app.ui.dialog.value = { kind: 'new-conversation' };
      } else if (command && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        // Where nothing could unlock it yet, Settings is where a PIN is set.
        app.lockNow().catch(() => (app.ui.dialog.value = { kind: 'settings' }));
      } else if (asksForKeyboardHelp(event)) {
        event.preventDefault();
        app.ui.dialog.value = { kind: 'keyboard-help' };
      } else if (event.key === 'Escape' && app.ui.dialog.peek() !== null) {
        app.ui.dialog.value = null;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

export function Shell() {
  const app = useApp();
  useShortcuts();
  useDropGuard();
  const session = app.session.state.value;
  const account = session?.kind === 'signed-in' ? session.account : null;
  const canLock = session?.kind === 'signed-in' && session.lock.method !== null;
  const pinMissing = session?.kind === 'signed-in' && canLock && !session.lock.hasPin && app.organizations.pinRequired.value;
  return (
    <div class="shell">
      <header>
        <h1 class="visually-hidden">{t('app.name')}</h1>
        <UrgentBanner />
        <ConnectionBanner />
        <SecretStorageNotice />
        {session?.kind === 'signed-in' && !canLock && (
          <p class="banner" role="note">
            {t('shell.no-lock')}{' '}
            <button type="button" onClick={() => (app.ui.dialog.value = { kind: 'settings' })}>
              {t('shell.set-pin')}
            </button>
          </p>
        )}
        {pinMissing && (
          <p class="banner" role="note">
            {t('shell.pin-required')}{' '}
            <button type="button" onClick={() => (app.ui.dialog.value = { kind: 'settings' })}>
              {t('shell.set-pin')}
            </button>
          </p>
        )}
      </header>
      <div class="panes">
        <aside class="sidebar">
          <header class="sidebar-header">
            <span class="account-name" title={account?.server}>
              {account?.displayName ?? t('app.name')}
            </span>
            <button type="button" class="icon-button" onClick={() => (app.ui.dialog.value = { kind: 'new-conversation' })} aria-label={t('shell.new-conversation')} title={t('shell.new-conversation.title', { key: commandKeyName() })}>
              <span aria-hidden="true">✎</span>
            </button>
            <button type="button" class="icon-button" onClick={() => (app.ui.dialog.value = { kind: 'new-group' })} aria-label={t('shell.new-group')} title={t('shell.new-group')}>
              <span aria-hidden="true">⊕</span>
            </button>
            <button type="button" class="icon-button" onClick={() => (app.ui.dialog.value = { kind: 'settings' })} aria-label={t('shell.settings')} title={t('shell.settings')}>
              <span aria-hidden="true">⚙</span>
            </button>
            <button type="button" class="icon-button" onClick={() => (app.ui.dialog.value = { kind: 'keyboard-help' })} aria-label={t('shell.keyboard-shortcuts')} title={t('shell.keyboard-shortcuts.title')}>
              <span aria-hidden="true">⌨</span>
            </button>
            {canLock && (
              <button type="button" class="icon-button" onClick={() => void app.lockNow().catch(() => undefined)} aria-label={t('shell.lock-now')} title={t('shell.lock-now.title', { key: commandKeyName() })}>
                <span aria-hidden="true">🔒</span>
              </button>
            )}
          </header>
          <Roster />
        </aside>
        <ThreadView />
      </div>
      <OpenDialog />
    </div>
  );
}
