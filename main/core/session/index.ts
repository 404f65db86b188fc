export { SessionManager } from './session-manager';
export type { AccountKeys, OpenedAccount, SessionManagerOptions, SignOutReport } from './session-manager';
export { SessionError } from './session-error';
export type { SessionErrorReason } from './session-error';
export type { AccountSummary, SessionListener, SessionState } from './session-state';
export { accountFiles } from './account-files';
export type { AccountFiles } from './account-files';
export { isUnauthorized } from './server-failure';
export { serverUrl, ServerUrlError } from './server-url';
