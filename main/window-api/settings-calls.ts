// The settings calls of the IPC contract: the user's preferences under the managed policy.
import type { Settings } from '../../preload/contract';
import type { ManagedPolicy } from '../core/settings/managed-policy';
import { settingsView, updatePreferences } from '../core/settings/preferences';
import type { Preferences } from '../core/settings/preferences';
import type { SecretStoreKind } from '../core/vault/secret-store';
import type { CallHandlers } from './answer-call';

export interface SettingsCallsOptions {
  preferences: { readonly current: Preferences; save(next: Preferences): Promise<void> };
  policy: ManagedPolicy;
  /** Which secret store holds the sign-in (main/core/vault/choose-secret-store.ts). */
  secretStorage: SecretStoreKind;
  /** After a saved change: the tray, notifications and login item follow it. */
  changed(settings: Settings, preferences: Preferences): void;
  /** The time the Do Not Disturb schedule is read at. */
  now: () => number;
  /** The signed-in account's organizations' auto-lock time (null: none known). */
  organizationAutoLockMinutes: () => number | null;
  /** The OS's locale (`app.getLocale()`). */
  osLocale: () => string;
}

export function settingsCalls(options: SettingsCallsOptions): Pick<CallHandlers, 'getSettings' | 'updateSettings'> {
  const { preferences, policy, secretStorage, changed, now, organizationAutoLockMinutes, osLocale } = options;
  const view = (of: Preferences) => settingsView(of, policy, secretStorage, now(), osLocale(), organizationAutoLockMinutes());
  return {
    getSettings: () => view(preferences.current),
    async updateSettings(update) {
      const next = updatePreferences(preferences.current, update, policy);
      await preferences.save(next);
      const settings = view(next);
      changed(settings, next);
      return settings;
    },
  };
}
