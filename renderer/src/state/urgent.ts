import { signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import type { UrgentAlert } from '../../../preload/contract';

/** The urgent messages still alerting, as main last said, oldest first. */
export type UrgentStore = {
  readonly alerts: ReadonlySignal<UrgentAlert[]>;
  set(alerts: UrgentAlert[]): void;
};

export function createUrgentStore(): UrgentStore {
  const alerts = signal<UrgentAlert[]>([]);
  return {
    alerts,
    set(next) {
      alerts.value = next;
    },
  };
}
