// The names of the IPC contract's calls and events and the channels they travel on: all the
// sandboxed preload needs to build `window.tiger`. The schemas stay in contract.ts, which
// checks at compile time that it defines exactly these calls and events; so the preload's
// bundle (run before every page load) carries no validator, no schema and no catalog.

export const callNames = [
  'appInfo', 'sessionState', 'signInWithPassword', 'signInWithKey', 'trySandbox', 'signOut', 'accounts', 'switchAccount',
  'connectionState', 'outboxState', 'roster', 'organizations', 'startConversation', 'urgentAlerts', 'threadPage',
  'searchMessages', 'searchDirectory', 'person', 'myProfile', 'updateProfile', 'avatar', 'messageInfo',
  'pickAttachment', 'sendMessage', 'retryMessage', 'retryAll', 'cancelMessage', 'editQueued', 'recallMessage',
  'forwardMessage', 'markRead', 'setOpenConversation', 'setTyping', 'getDraft', 'setDraft',
  'createGroup', 'groupInfo', 'pendingMemberChanges', 'renameGroup', 'setGroupAvatar', 'addGroupMembers',
  'removeGroupMembers', 'leaveGroup', 'deleteGroup',
  'muteConversation', 'unmuteConversation', 'setConversationPinned', 'setUrgentWhenMuted', 'getMetadata', 'setMetadata', 'clearMetadata',
  'attachmentPreview', 'saveAttachment', 'openAttachment', 'contextTarget',
  'getSettings', 'catalog', 'updateSettings',
  'lockNow', 'unlock', 'signOutFromLock', 'setUnlockPin', 'removeUnlockPin', 'openExternalLink',
] as const;
export type CallName = (typeof callNames)[number];

export const eventNames = ['change', 'connection', 'outbox', 'session', 'settings', 'typing', 'openConversation', 'urgentAlerts'] as const;
export type EventName = (typeof eventNames)[number];

export const callChannel = (name: CallName): string => `tiger:call:${name}`;
export const eventChannel = (name: EventName): string => `tiger:event:${name}`;
