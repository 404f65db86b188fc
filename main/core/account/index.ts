export { openAccount } from './account-runtime';
export type { AccountRuntime, OpenAccountOptions, UrgentAlertChange } from './account-runtime';
export { AccountLockError, acquireAccountLock } from './account-lock';
export type { AccountLock } from './account-lock';
export type { AccountStoreOpening, SetAside } from './account-store';
