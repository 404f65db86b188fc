import type { Settings } from '../../../../preload/contract';
import { useApp } from '../app-context';

/** What it means for the person at the desk that the system keychain did not answer. */
export function secretStorageText(storage: Settings['secretStorage']): string | null {
  switch (storage) {
    case 'keychain':
      return null;
    case 'safe-storage':
      return "The system keychain is not available. TigerDesk keeps your sign-in in its own file on this computer instead, encrypted by the operating system.";
    case 'session-only':
      return 'The system keychain is not available, so TigerDesk cannot remember your sign-in: it is kept only until you quit, and you will sign in again next time. Ask IT to check the keychain.';
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
