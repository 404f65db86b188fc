import { useSignal } from '@preact/signals';
import type { LockState, Settings } from '../../../../preload/contract';
import { errorText } from '../../format/error-text';
import { useApp } from '../app-context';
import { ChoiceSelect } from '../common/choice-select';
import { ErrorAlert } from '../common/error-alert';
import { commandKeyName } from '../keyboard/shortcut-keys';

const lockMinutes = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 1440];

function minutesLabel(minutes: number): string {
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = minutes / 60;
  return hours === 1 ? '1 hour' : `${hours} hours`;
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
  const error = useSignal<string | null>(null);
  const done = useSignal<string | null>(null);
  const needsCurrent = lock.hasPassword || lock.hasPin;
  const currentLabel = lock.hasPassword && lock.hasPin ? 'Current password or PIN' : lock.hasPin ? 'Current PIN' : 'Password';

  const change = async (action: () => Promise<LockState>, said: string): Promise<void> => {
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
      error.value = errorText(failure);
    } finally {
      busy.value = false;
    }
  };
  const setPin = (event: Event): void => {
    event.preventDefault();
    if (!/^\d{4,8}$/.test(pin.value)) {
      error.value = 'A PIN is 4 to 8 digits.';
      return;
    }
    const input = needsCurrent ? { pin: pin.value, current: current.value } : { pin: pin.value };
    void change(() => app.api.setUnlockPin(input), lock.hasPin ? 'The PIN was changed.' : 'The PIN was set.');
  };

  return (
    <section aria-label="Lock">
      <h3>Lock</h3>
      <label class="field">
        <span>
          Lock TigerDesk after this long without input
          {managed && <span class="subtle"> (at most {minutesLabel(settings.autoLockMaxMinutes)}, set by your organization)</span>}
        </span>
        <ChoiceSelect choices={lockChoices(settings)} value={settings.autoLockMinutes} onChoose={(value) => void app.settings.update({ autoLockMinutes: value })} />
      </label>
      <p class="subtle">TigerDesk also locks when the computer locks or sleeps, and with Lock now ({commandKeyName()}+L).</p>
      <form class="pin-form" onSubmit={setPin} noValidate>
        <p>{lock.hasPin ? 'A PIN unlocks TigerDesk besides the password.' : lock.hasPassword ? 'The account password unlocks TigerDesk. A PIN of 4 to 8 digits is quicker.' : 'Set a PIN of 4 to 8 digits so that TigerDesk can lock.'}</p>
        <label class="field">
          <span>{lock.hasPin ? 'New PIN' : 'PIN'}</span>
          <input type="password" inputMode="numeric" autoComplete="off" name="new-pin" value={pin.value} onInput={(event) => (pin.value = event.currentTarget.value)} />
        </label>
        {needsCurrent && (
          <label class="field">
            <span>{currentLabel}</span>
            <input type="password" autoComplete="off" name="current-secret" value={current.value} onInput={(event) => (current.value = event.currentTarget.value)} />
          </label>
        )}
        <ErrorAlert message={error.value} />
        {done.value !== null && <p role="status">{done.value}</p>}
        <div class="actions">
          <button type="submit" disabled={busy.value}>
            {lock.hasPin ? 'Change PIN' : 'Set PIN'}
          </button>
          {lock.hasPin && lock.hasPassword && !app.organizations.pinRequired.value && (
            <button type="button" disabled={busy.value} onClick={() => void change(() => app.api.removeUnlockPin({ current: current.value }), 'The PIN was removed: the password unlocks.')}>
              Remove PIN
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
