import { signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import type { CallInput, Settings, TigerApi } from '../../../preload/contract';
import { failureWording } from '../format/error-text';
import type { Wording } from '../format/error-text';

export type SettingsStore = {
  /** null until main has answered. */
  readonly settings: ReadonlySignal<Settings | null>;
  /** Why the settings could not be loaded or saved, worded when shown. */
  readonly error: ReadonlySignal<Wording | null>;
  load(): Promise<void>;
  /** Whether main saved it; if not, `error` says why. */
  update(change: CallInput<'updateSettings'>): Promise<boolean>;
  /** Settings changed elsewhere (the tray's Do Not Disturb, say). */
  set(next: Settings): void;
};

export function createSettingsStore(api: Pick<TigerApi, 'getSettings' | 'updateSettings'>): SettingsStore {
  const settings = signal<Settings | null>(null);
  const error = signal<Wording | null>(null);
  return {
    settings,
    error,
    async load() {
      try {
        settings.value = await api.getSettings();
        error.value = null;
      } catch (failure) {
        error.value = failureWording(failure, 'settings.load-failed');
      }
    },
    set(next) {
      settings.value = next;
    },
    async update(change) {
      try {
        settings.value = await api.updateSettings(change);
        error.value = null;
        return true;
      } catch (failure) {
        error.value = failureWording(failure, 'settings.save-failed');
        return false;
      }
    },
  };
}
