import type { Settings } from '../../../../preload/contract';
import { t } from '../../state/language';
import { useApp } from '../app-context';

/** What it means for the person at the desk that the system keychain did not answer. */
export function secretStorageText(storage: Settings['secretStorage']): string | null {
  switch (storage) {
    case 'keychain':
      return null;
    case 'safe-storage':
      return t('banner.storage.safe-storage');
    case 'session-only':
      return t('banner.storage.session-only');
  }
}

/** Shown wherever the person signs in or works, for as long as the keychain does not answer. */
export function SecretStorageNotice() {
  const storage = useApp().settings.settings.value?.secretStorage ?? 'keychain';
  const text = secretStorageText(storage);
  return text === null ? null : (
    <p class="storage-notice" role="note">
      {text}
    </p>
  );
}
