import { useSignal } from '@preact/signals';
import type { LockState, Settings } from '../../../../preload/contract';
import { failureWording, wording, worded } from '../../format/error-text';
import type { Wording } from '../../format/error-text';
import { t } from '../../state/language';
import { useApp } from '../app-context';
import { ChoiceSelect } from '../common/choice-select';
import { ErrorAlert } from '../common/error-alert';
import { commandKeyName } from '../keyboard/shortcut-keys';

const lockMinutes = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 1440];

function minutesLabel(minutes: number): string {
  return minutes < 60 ? t('settings.lock.minutes', { count: minutes }) : t('settings.lock.hours', { count: minutes / 60 });
}

/** The times offered: up to the maximum hospital IT allows (10 minutes unless it says otherwise). */
export function lockChoices(settings: Pick<Settings, 'autoLockMinutes' | 'autoLockMaxMinutes'>): { value: number; label: string }[] {
  const offered = new Set(lockMinutes.filter((minutes) => minutes <= settings.autoLockMaxMinutes));
  offered.add(settings.autoLockMaxMinutes);
  offered.add(settings.autoLockMinutes);
  return [...offered].sort((a, b) => a - b).map((value) => ({ value, label: minutesLabel(value) }));
}

/**
 * When the window locks, and the PIN that unlocks it besides the password. Changing the PIN
 * asks for the password or the PIN set now: someone at an unlocked window must not be able to
 * set their own.
 */
export function LockSettings({ settings, lock, managed }: { settings: Settings; lock: LockState; managed: boolean }) {
  const app = useApp();
  const pin = useSignal('');
  const current = useSignal('');
  const busy = useSignal(false);
  const error = useSignal<Wording | null>(null);
  const done = useSignal<Wording | null>(null);
  const needsCurrent = lock.hasPassword || lock.hasPin;
  const currentLabel = t(lock.hasPassword && lock.hasPin ? 'settings.lock.current-password-or-pin' : lock.hasPin ? 'settings.lock.current-pin' : 'settings.lock.password');

  const change = async (action: () => Promise<LockState>, said: Wording): Promise<void> => {
    busy.value = true;
    error.value = null;
    done.value = null;
    try {
      await action();
      pin.value = '';
      current.value = '';
      done.value = said;
      await app.refreshSession();
    } catch (failure) {
      error.value = failureWording(failure);
    } finally {
      busy.value = false;
    }
  };
  const setPin = (event: Event): void => {
    event.preventDefault();
    if (!/^\d{4,8}$/.test(pin.value)) {
      error.value = wording('settings.lock.pin-invalid');
      return;
    }
    const input = needsCurrent ? { pin: pin.value, current: current.value } : { pin: pin.value };
    void change(() => app.api.setUnlockPin(input), wording(lock.hasPin ? 'settings.lock.pin-changed' : 'settings.lock.pin-set'));
  };

  return (
    <section aria-label={t('settings.lock')}>
      <h3>{t('settings.lock')}</h3>
      <label class="field">
        <span>
          {t('settings.lock.after')}
          {managed && <span class="subtle"> {t('settings.lock.at-most', { time: minutesLabel(settings.autoLockMaxMinutes) })}</span>}
        </span>
        <ChoiceSelect choices={lockChoices(settings)} value={settings.autoLockMinutes} onChoose={(value) => void app.settings.update({ autoLockMinutes: value })} />
      </label>
      <p class="subtle">{t('settings.lock.also', { shortcut: `${commandKeyName()}+L` })}</p>
      <form class="pin-form" onSubmit={setPin} noValidate>
        <p>{t(lock.hasPin ? 'settings.lock.pin-unlocks' : lock.hasPassword ? 'settings.lock.password-unlocks' : 'settings.lock.needs-pin')}</p>
        <label class="field">
          <span>{t(lock.hasPin ? 'settings.lock.new-pin' : 'settings.lock.pin')}</span>
          <input type="password" inputMode="numeric" autoComplete="off" name="new-pin" value={pin.value} onInput={(event) => (pin.value = event.currentTarget.value)} />
        </label>
        {needsCurrent && (
          <label class="field">
            <span>{currentLabel}</span>
            <input type="password" autoComplete="off" name="current-secret" value={current.value} onInput={(event) => (current.value = event.currentTarget.value)} />
          </label>
        )}
        <ErrorAlert message={worded(error.value)} />
        {done.value !== null && <p role="status">{worded(done.value)}</p>}
        <div class="actions">
          <button type="submit" disabled={busy.value}>
            {t(lock.hasPin ? 'settings.lock.change-pin' : 'settings.lock.set-pin')}
          </button>
          {lock.hasPin && lock.hasPassword && !app.organizations.pinRequired.value && (
            <button type="button" disabled={busy.value} onClick={() => void change(() => app.api.removeUnlockPin({ current: current.value }), wording('settings.lock.pin-removed'))}>
              {t('settings.lock.remove-pin')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
