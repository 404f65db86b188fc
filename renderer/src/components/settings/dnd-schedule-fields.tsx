import { useRef } from 'preact/hooks';
import type { Settings } from '../../../../preload/contract';
import { t } from '../../state/language';
import { useApp } from '../app-context';

/**
 * Do Not Disturb on a daily schedule, beside the switch: the checkbox, its From and To times
 * (local, 24-hour; From after To spans midnight) and whether Do Not Disturb is on now. A time
 * is saved once the field holds a whole one. Each change goes on top of the ones still being
 * saved, so that From and To changed in quick succession are both kept.
 */
export function DoNotDisturbScheduleFields({ settings }: { settings: Settings }) {
  const app = useApp();
  const schedule = settings.doNotDisturbSchedule;
  const asked = useRef<{ schedule: Settings['doNotDisturbSchedule']; saving: number }>({ schedule, saving: 0 });
  // What main says, once nothing asked here is still on its way.
  if (asked.current.saving === 0) asked.current.schedule = schedule;
  const save = (change: Partial<Settings['doNotDisturbSchedule']>) => {
    const next = { ...asked.current.schedule, ...change };
    asked.current = { schedule: next, saving: asked.current.saving + 1 };
    void app.settings.update({ doNotDisturbSchedule: next }).finally(() => {
      asked.current.saving -= 1;
    });
  };
  const time = (value: string) => (/^\d{2}:\d{2}$/.test(value) ? value : null);
  return (
    <fieldset class="dnd-schedule">
      <legend class="visually-hidden">{t('settings.dnd-schedule')}</legend>
      <label class="inline">
        <input type="checkbox" checked={schedule.enabled} onChange={(event) => save({ enabled: event.currentTarget.checked })} />
        {t('settings.dnd-schedule.enabled')}
      </label>
      <div class="inline-form">
        <label class="field">
          <span>{t('settings.dnd-schedule.from')}</span>
          <input type="time" value={schedule.from} disabled={!schedule.enabled} onChange={(event) => {
            const from = time(event.currentTarget.value);
            if (from !== null) save({ from });
          }} />
        </label>
        <label class="field">
          <span>{t('settings.dnd-schedule.to')}</span>
          <input type="time" value={schedule.to} disabled={!schedule.enabled} onChange={(event) => {
            const to = time(event.currentTarget.value);
            if (to !== null) save({ to });
          }} />
        </label>
      </div>
      <p class="subtle" role="status">{t(settings.doNotDisturbNow ? 'settings.dnd-schedule.on-now' : 'settings.dnd-schedule.off-now')}</p>
    </fieldset>
  );
}
