import { batch, signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import type { UrgentAlert } from '../../../preload/contract';

/** The urgent messages still alerting, as main last said, oldest first. */
export type UrgentStore = {
  readonly alerts: ReadonlySignal<UrgentAlert[]>;
  /** How many alert: while the window is locked main tells only this, and `alerts` is empty. */
  readonly count: ReadonlySignal<number>;
  set(alerts: UrgentAlert[], count?: number): void;
};

export function createUrgentStore(): UrgentStore {
  const alerts = signal<UrgentAlert[]>([]);
  const count = signal(0);
  return {
    alerts,
    count,
    set(next, howMany = next.length) {
      batch(() => {
        alerts.value = next;
        count.value = howMany;
      });
    },
  };
}
