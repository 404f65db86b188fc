// The contract calls a window answers the same way wherever it runs (the Electron window, a
// harness page): the session, the settings, and the signed-in account's calls over the
// account host's current runtime. What differs comes in: the managed policy, how the
// sandbox starts, the file dialogs and the folders files go to.
import type { ManagedPolicy } from '../core/settings/managed-policy';
import { accountCalls } from './account-calls';
import type { AccountHost } from './account-host';
import type { AttachmentCallsOptions } from './attachment-calls';
import { attachmentCalls } from './attachment-calls';
import { PickedFiles } from './file-dialogs';
import { groupCalls } from './group-calls';
import type { CallHandlers } from './answer-call';
import { lockCalls, refusedWhileLocked } from './lock-calls';
import type { LockCallsOptions } from './lock-calls';
import { messageCalls } from './message-calls';
import { muteCalls } from './mute-calls';
import { metadataCalls } from './metadata-calls';
import { profileCalls } from './profile-calls';
import { peopleCalls } from './people-calls';
import type { SessionCallsOptions } from './session-calls';
import { sessionCalls } from './session-calls';
import type { SettingsCallsOptions } from './settings-calls';
import { languageCalls } from './language-calls';
import { settingsCalls } from './settings-calls';
import { organizationCalls } from './organization-calls';

/** Every call of the contract but those the app's shell answers itself (main/app.ts). */
export type WindowCalls = Omit<CallHandlers, 'appInfo' | 'contextTarget' | 'openExternalLink'>;

export interface WindowCallsOptions {
  session: SessionCallsOptions['session'] & LockCallsOptions['session'];
  /** The window's lock: its calls, and every other call refused while locked unless the lock screen needs it. */
  lock: LockCallsOptions['lock'] & { isLocked(): boolean };
  host: Pick<AccountHost, 'current' | 'ready'>;
  policy: ManagedPolicy;
  startSandbox: SessionCallsOptions['startSandbox'];
  preferences: SettingsCallsOptions['preferences'];
  secretStorage: SettingsCallsOptions['secretStorage'];
  settingsChanged: SettingsCallsOptions['changed'];
  organizationAutoLockMinutes: SettingsCallsOptions['organizationAutoLockMinutes'];
  /** The time the settings' Do Not Disturb schedule is read at. */
  now: () => number;
  /** The OS's locale (`app.getLocale()`), which the language follows unless chosen. */
  osLocale: () => string;
  /** Which conversation the window shows (null: none), as its calls tell. */
  openedConversation(conversationId: string | null): void;
  files: Omit<AttachmentCallsOptions, 'current' | 'picked'>;
}

export function windowCalls(options: WindowCallsOptions): WindowCalls {
  const { host, policy } = options;
  const current = () => host.current();
  // A file picked for the next send, shared by the pick call and the send call.
  const picked = new PickedFiles();
  const { lock } = options;
  return refusedWhileLocked({
    ...sessionCalls({ session: options.session, policy, startSandbox: options.startSandbox, accountReady: () => host.ready(), lock }),
    ...settingsCalls({
      preferences: options.preferences,
      policy,
      secretStorage: options.secretStorage,
      changed: options.settingsChanged,
      now: options.now,
      organizationAutoLockMinutes: options.organizationAutoLockMinutes,
      osLocale: options.osLocale,
    }),
    ...languageCalls(),
    ...accountCalls(current, options.openedConversation),
    ...messageCalls(current, picked),
    ...peopleCalls(current, { avatarHosts: policy.avatarHosts }),
    ...profileCalls(current),
    ...organizationCalls(current),
    ...groupCalls(current),
    ...metadataCalls(current),
    ...muteCalls(current),
    ...attachmentCalls({ ...options.files, current, picked }),
    ...lockCalls({ lock, session: options.session, pinRequired: () => (current()?.sync.organizations() ?? []).some(({ policy }) => policy.pinLock) }),
  }, () => lock.isLocked());
}
