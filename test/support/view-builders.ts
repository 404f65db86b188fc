// Builders of contract views for tests of pure policies: every field set, overrides on top.
import type { UserText } from '../../i18n/user-text';
import type { ChangeSet, ConversationSummary, DirectoryResult, LockState, MessageView, OrganizationPolicy, OrganizationView, PersonView, Settings } from '../../preload/contract';

export function messageView(overrides: Partial<MessageView> = {}): MessageView {
  return {
    id: '1',
    conversationId: 'user-ann',
    token: 'msg-1',
    senderToken: 'user-ann',
    senderName: 'Ann Lee',
    outgoing: false,
    body: 'Bed 4 needs a review',
    createdAt: 1_000,
    status: 'sent',
    failureReason: null,
    priority: 'normal',
    expiresAt: null,
    deleteOnRead: false,
    recalled: false,
    forwardedFrom: null,
    attachment: null,
    readByMe: false,
    ...overrides,
  };
}

export function conversationSummary(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: 'user-ann',
    kind: 'user',
    peerToken: overrides.id ?? 'user-ann',
    name: 'Ann Lee',
    avatar: null,
    lastMessage: null,
    lastActivity: 1_000,
    unread: 1,
    unreadPriority: 0,
    mutedUntil: null,
    pinned: false,
    urgentWhenMuted: true,
    organizationKey: null,
    ...overrides,
  };
}

export function changeSet(overrides: Partial<ChangeSet> = {}): ChangeSet {
  return { conversations: [], removedConversations: [], messages: [], removedMessages: [], people: [], ...overrides };
}

/** The settings as main shows them: everything shown, nothing managed, the keychain answering. */
export function settingsView(overrides: Partial<Settings> = {}): Settings {
  return {
    notificationPrivacy: 'full',
    doNotDisturb: false,
    doNotDisturbText: '',
    doNotDisturbSchedule: { enabled: false, from: '22:00', to: '07:00' },
    doNotDisturbNow: false,
    theme: 'light',
    startAtLogin: false,
    showMessagePreviews: true,
    language: 'en',
    languageChoice: 'system',
    spellCheckLanguages: [],
    spellCheckDictionaryManaged: false,
    autoLockMinutes: 10,
    autoLockMaxMinutes: 10,
    quickReplies: ['On my way', 'Call me', 'Done'],
    managed: [],
    sandboxOffered: true,
    server: null,
    secretStorage: 'keychain',
    ...overrides,
  };
}

/** A person the directory search found (on the server, not held here, unless overridden). */
export function directoryPerson(overrides: Partial<Extract<DirectoryResult, { kind: 'person' }>> = {}): DirectoryResult {
  return { ...personView(), dndText: null, organizationKey: 'org-tgh', organizationName: 'Tiger General Hospital', held: false, ...overrides, kind: 'person' };
}

/** A group the directory search found. */
export function directoryGroup(overrides: Partial<Extract<DirectoryResult, { kind: 'group' }>> = {}): DirectoryResult {
  return { token: 'g-ward', name: 'Ward 7', avatar: null, members: 4, organizationKey: 'org-tgh', organizationName: 'Tiger General Hospital', held: false, ...overrides, kind: 'group' };
}

export function personView(overrides: Partial<PersonView> = {}): PersonView {
  return {
    token: 'user-ann',
    name: 'Ann Lee',
    title: null,
    department: null,
    avatar: null,
    presence: 'unknown',
    dnd: false,
    ...overrides,
  };
}

/** The lock of an account that can lock (a password sign-in) and is not locked. */
export function lockState(overrides: Partial<LockState> = {}): LockState {
  return { locked: false, method: 'password', hasPin: false, hasPassword: true, pinTriesLeft: null, retryAt: null, ...overrides };
}

/** An organization with the documented defaults (API.md, "Organizations"), unless overridden. */
export function organizationView(token: string, name: string, policy: Partial<OrganizationPolicy> = {}): OrganizationView {
  return {
    token,
    name,
    policy: {
      defaultTtlMinutes: null, deleteOnRead: false, priorityAllowed: true, forwardAllowed: true,
      settingsRestricted: false, autoLockMinutes: 1440, pinLock: false, ...policy,
    },
  };
}

/** What main says in these words (an error worded as it is): a UserText. */
export function saying(text: string): UserText {
  return { key: 'said.english', params: { text } };
}
