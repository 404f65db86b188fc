import { t } from '../../state/language';

/** Beside a setting hospital IT set: why it cannot be changed here. */
export function LockedNote({ locked }: { locked: boolean }) {
  return locked ? <span class="subtle"> {t('settings.locked')}</span> : null;
}
