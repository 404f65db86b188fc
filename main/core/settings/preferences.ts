/**
 * The user's own preferences, stored app-wide (they apply before any sign-in), and how they
 * combine with the managed policy into what the app uses and the window shows. The policy
 * always wins: a stored choice it forbids is not erased, only not applied, so it comes back
 * if hospital IT lifts the rule.
 */
import * as v from 'valibot';
import { SaidError } from '../../../i18n/said-error';
import { userText } from '../../../i18n/user-text';
import { doNotDisturbTextMaxLength, quickRepliesSchema, spellCheckLanguagesSchema } from '../../../preload/contract';
import type { CallInput, Settings } from '../../../preload/contract';
import type { NotificationPrivacy } from '../notify/notification-policy';
import { serverUrl, ServerUrlError } from '../session/server-url';
import { clockTimePattern, defaultDoNotDisturbSchedule, doNotDisturbAt } from './dnd-schedule';
import type { DoNotDisturbSchedule } from './dnd-schedule';
import type { ManagedPolicy } from './managed-policy';
import { allowedLevels, atLeastAsPrivate, isAtLeastAsPrivate } from './notification-privacy';
import type { SecretStoreKind } from '../vault/secret-store';
import { languageOfLocale, languages } from '../../../i18n/languages';
import type { Language } from '../../../i18n/languages';

export interface Preferences {
  /** Default `sender`: hospital screens are seen by others, so message text is opt-in. */
  notificationPrivacy: NotificationPrivacy;
  doNotDisturb: boolean;
  /** What colleagues see while Do Not Disturb is on ("In surgery until 3"); may be empty. */
  doNotDisturbText: string;
  /** Do Not Disturb also on a daily schedule; default off, 22:00 to 07:00 once turned on. */
  doNotDisturbSchedule: DoNotDisturbSchedule;
  theme: 'system' | 'light' | 'dark';
  startAtLogin: boolean;
  /**
   * The last message's text under each conversation in the list. Default on: the lock guards an
   * unattended screen; apart from notification privacy, which governs what pops up on it.
   */
  showMessagePreviews: boolean;
  /** The window locks after this many minutes without input; the user may shorten it below the managed maximum. */
  autoLockMinutes: number;
  /** Offered in the composer and in message notifications, each sent as it is in one click. */
  quickReplies: string[];
  /** The "still running in the tray" notice is shown once, the first time the window is closed. */
  closeToTrayNoticeShown: boolean;
  /** The window's, the notifications' and the menus' language: the OS's ('system') or one chosen. */
  language: 'system' | Language;
  /** The composer's spell-check languages (tags such as en-US); empty: the app's language. */
  spellCheckLanguages: string[];
}

export const defaultPreferences: Preferences = {
  notificationPrivacy: 'sender',
  doNotDisturb: false,
  doNotDisturbText: '',
  doNotDisturbSchedule: defaultDoNotDisturbSchedule,
  theme: 'system',
  startAtLogin: false,
  showMessagePreviews: true,
  autoLockMinutes: 10,
  quickReplies: ['On my way', 'Call me', 'Done'],
  closeToTrayNoticeShown: false,
  language: 'system',
  spellCheckLanguages: [],
};

/** Without a managed maximum, the user may shorten the lock's time but not lengthen it past the default. */
export const defaultAutoLockMaxMinutes = 10;

const fieldSchemas = {
  notificationPrivacy: v.picklist(['off', 'count', 'sender', 'full']),
  doNotDisturb: v.boolean(),
  doNotDisturbText: v.pipe(v.string(), v.maxLength(doNotDisturbTextMaxLength)),
  doNotDisturbSchedule: v.object({ enabled: v.boolean(), from: v.pipe(v.string(), v.regex(clockTimePattern)), to: v.pipe(v.string(), v.regex(clockTimePattern)) }),
  theme: v.picklist(['system', 'light', 'dark']),
  startAtLogin: v.boolean(),
  showMessagePreviews: v.boolean(),
  autoLockMinutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1440)),
  quickReplies: quickRepliesSchema,
  closeToTrayNoticeShown: v.boolean(),
  language: v.picklist(['system', ...languages]),
  spellCheckLanguages: spellCheckLanguagesSchema,
} satisfies { [K in keyof Preferences]: v.GenericSchema<unknown, Preferences[K]> };

/**
 * Reads stored preferences field by field: one bad value (a hand edit, an older version)
 * falls back to its default and keeps the others. `dropped` names what was not usable.
 */
export function readPreferences(stored: unknown): { preferences: Preferences; dropped: string[] } {
  const preferences: Preferences = { ...defaultPreferences };
  const dropped: string[] = [];
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    return { preferences, dropped: stored === undefined ? [] : ['(the whole file)'] };
  }
  const record = stored as Record<string, unknown>;
  for (const key of Object.keys(fieldSchemas) as (keyof Preferences)[]) {
    if (!(key in record)) continue;
    const parsed = v.safeParse(fieldSchemas[key], record[key]);
    if (parsed.success) (preferences as Record<keyof Preferences, unknown>)[key] = parsed.output;
    else dropped.push(key);
  }
  return { preferences, dropped };
}

export class SettingsError extends SaidError {
  override readonly name = 'SettingsError';
}

export type SettingsUpdate = CallInput<'updateSettings'>;

/** The preferences after an update the user asked for; refuses, changing nothing, what the policy forbids. */
export function updatePreferences(current: Preferences, update: SettingsUpdate, policy: ManagedPolicy): Preferences {
  const minimum = policy.minimumNotificationPrivacy;
  if (update.notificationPrivacy !== undefined && minimum !== undefined && !isAtLeastAsPrivate(update.notificationPrivacy, minimum)) {
    throw new SettingsError(
      userText('settings-error.notification-level', { level: update.notificationPrivacy, allowed: allowedLevels(minimum).join(', ') }),
    );
  }
  if (update.showMessagePreviews !== undefined && policy.showMessagePreviews !== undefined && update.showMessagePreviews !== policy.showMessagePreviews) {
    throw new SettingsError(userText(policy.showMessagePreviews ? 'settings-error.previews-on' : 'settings-error.previews-off'));
  }
  const maxLock = autoLockMaxMinutes(policy);
  if (update.autoLockMinutes !== undefined && update.autoLockMinutes > maxLock) {
    throw new SettingsError(userText('settings-error.auto-lock-max', { minutes: maxLock }));
  }
  if (update.language !== undefined && policy.language !== undefined && update.language !== policy.language) {
    throw new SettingsError(userText('settings-error.language-managed', { language: policy.language }));
  }
  if (update.quickReplies !== undefined && policy.quickReplies !== undefined) {
    throw new SettingsError(userText('settings-error.quick-replies-managed'));
  }
  const schedule = update.doNotDisturbSchedule;
  if (schedule !== undefined && schedule.enabled && schedule.from === schedule.to) {
    throw new SettingsError(userText('settings-error.dnd-same-times', { time: schedule.from }));
  }
  const next = { ...current };
  if (update.notificationPrivacy !== undefined) next.notificationPrivacy = update.notificationPrivacy;
  if (update.doNotDisturb !== undefined) next.doNotDisturb = update.doNotDisturb;
  if (update.doNotDisturbText !== undefined) next.doNotDisturbText = update.doNotDisturbText;
  if (schedule !== undefined) next.doNotDisturbSchedule = { ...schedule };
  if (update.theme !== undefined) next.theme = update.theme;
  if (update.startAtLogin !== undefined) next.startAtLogin = update.startAtLogin;
  if (update.showMessagePreviews !== undefined) next.showMessagePreviews = update.showMessagePreviews;
  if (update.autoLockMinutes !== undefined) next.autoLockMinutes = update.autoLockMinutes;
  if (update.quickReplies !== undefined) next.quickReplies = update.quickReplies;
  if (update.language !== undefined) next.language = update.language;
  if (update.spellCheckLanguages !== undefined) next.spellCheckLanguages = update.spellCheckLanguages;
  return next;
}

/**
 * The longest the user may leave TigerDesk unlocked without input: hospital IT's maximum, or
 * the default one, and no longer than the signed-in account's organizations allow
 * (`autologout_time`, the strictest of them; null: none known).
 */
export function autoLockMaxMinutes(policy: ManagedPolicy, organizationMinutes: number | null = null): number {
  const managed = policy.autoLockMaxMinutes ?? defaultAutoLockMaxMinutes;
  return organizationMinutes === null ? managed : Math.min(managed, organizationMinutes);
}

/** Minutes without input before the window locks: the user's choice, never past the maximum. */
export function effectiveAutoLockMinutes(preferences: Preferences, policy: ManagedPolicy, organizationMinutes: number | null = null): number {
  return Math.min(preferences.autoLockMinutes, autoLockMaxMinutes(policy, organizationMinutes));
}

/** What the app applies: the preferences as far as the policy lets them. */
export function effectiveNotificationPrivacy(preferences: Preferences, policy: ManagedPolicy): NotificationPrivacy {
  const minimum = policy.minimumNotificationPrivacy;
  return minimum === undefined ? preferences.notificationPrivacy : atLeastAsPrivate(preferences.notificationPrivacy, minimum);
}

/**
 * The language the app speaks: hospital IT's, else the user's choice, else the OS's
 * (`app.getLocale()`) when shipped, else English.
 */
export function effectiveLanguage(preferences: Preferences, policy: ManagedPolicy, osLocale: string): Language {
  if (policy.language !== undefined) return policy.language;
  return preferences.language === 'system' ? languageOfLocale(osLocale) : preferences.language;
}

/** The spell checker's languages: the user's choice, or the app's language. */
export function effectiveSpellCheckLanguages(preferences: Preferences, language: Language): string[] {
  return preferences.spellCheckLanguages.length > 0 ? [...preferences.spellCheckLanguages] : [language];
}

/** The quick replies offered: hospital IT's list where the managed settings set one, else the user's. */
export function effectiveQuickReplies(preferences: Preferences, policy: ManagedPolicy): string[] {
  return policy.quickReplies ?? preferences.quickReplies;
}

/**
 * The settings as the window shows them at `now`; `managed` names what hospital IT (or the
 * organization, for the auto-lock time) set.
 */
export function settingsView(
  preferences: Preferences,
  policy: ManagedPolicy,
  secretStorage: SecretStoreKind,
  now: number,
  osLocale: string,
  organizationAutoLockMinutes: number | null = null,
): Settings {
  const language = effectiveLanguage(preferences, policy, osLocale);
  const managed: string[] = [];
  if (policy.minimumNotificationPrivacy !== undefined) managed.push('notificationPrivacy');
  if (policy.offerSandbox !== undefined) managed.push('sandboxOffered');
  if (policy.serverUrl !== undefined) managed.push('server');
  if (policy.autoUpdate !== undefined) managed.push('autoUpdate');
  if (policy.showMessagePreviews !== undefined) managed.push('showMessagePreviews');
  // The organization manages it only where it lowers the maximum (its default is a day).
  const lockedByOrganization = organizationAutoLockMinutes !== null && organizationAutoLockMinutes < autoLockMaxMinutes(policy);
  if (policy.autoLockMaxMinutes !== undefined || lockedByOrganization) managed.push('autoLockMinutes');
  if (policy.quickReplies !== undefined) managed.push('quickReplies');
  if (policy.language !== undefined) managed.push('language');
  return {
    notificationPrivacy: effectiveNotificationPrivacy(preferences, policy),
    doNotDisturb: preferences.doNotDisturb,
    doNotDisturbText: preferences.doNotDisturbText,
    doNotDisturbSchedule: { ...preferences.doNotDisturbSchedule },
    doNotDisturbNow: doNotDisturbAt(preferences, now),
    theme: preferences.theme,
    startAtLogin: preferences.startAtLogin,
    showMessagePreviews: policy.showMessagePreviews ?? preferences.showMessagePreviews,
    autoLockMinutes: effectiveAutoLockMinutes(preferences, policy, organizationAutoLockMinutes),
    autoLockMaxMinutes: autoLockMaxMinutes(policy, organizationAutoLockMinutes),
    quickReplies: effectiveQuickReplies(preferences, policy),
    language,
    languageChoice: preferences.language,
    spellCheckLanguages: [...preferences.spellCheckLanguages],
    spellCheckDictionaryManaged: policy.spellCheckDictionaryUrl !== undefined,
    managed,
    sandboxOffered: sandboxOffered(policy),
    server: policy.serverUrl ?? null,
    secretStorage,
  };
}

/** A server set by hospital IT leaves no room for the local sandbox, whatever else the file says. */
export function sandboxOffered(policy: ManagedPolicy): boolean {
  return policy.offerSandbox !== false && policy.serverUrl === undefined;
}

/**
 * A sign-in to another server than the one hospital IT set is refused before any network call.
 * The server is compared as serverUrl reads it (and readManagedPolicy reads the policy's), so
 * `tt.example` and `https://tt.example/v2/` name the same one.
 */
export function checkServerAllowed(server: string, policy: ManagedPolicy): void {
  if (policy.serverUrl !== undefined && serverUrl(server) !== policy.serverUrl) {
    throw new SettingsError(userText('settings-error.server-managed', { server: policy.serverUrl }));
  }
}

/**
 * The refusal of an account stored earlier that may not connect under today's rules (its
 * server no longer https nor on this computer, not the one hospital IT now sets, or the local
 * sandbox IT no longer offers), as the error the account host tells the window: the whole sentence,
 * with what stays until the user signs it out; null when it may connect.
 */
export function storedAccountRefused(server: string, policy: ManagedPolicy, onLocalSandbox: boolean): SettingsError | null {
  try {
    serverUrl(server);
    checkServerAllowed(server, policy);
  } catch (error) {
    if (error instanceof ServerUrlError && error.problem === 'not-https') return new SettingsError(userText('settings-error.stored-not-https'));
    if (error instanceof SettingsError && policy.serverUrl !== undefined) {
      return new SettingsError(userText('settings-error.stored-server-managed', { server: policy.serverUrl }));
    }
    return new SettingsError(userText('settings-error.stored-refused', { detail: (error as Error).message }));
  }
  if (onLocalSandbox && !sandboxOffered(policy)) return new SettingsError(userText('settings-error.stored-sandbox'));
  return null;
}
