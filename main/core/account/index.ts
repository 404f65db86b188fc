export { openAccount } from './account-runtime';
export type { AccountRuntime, OpenAccountOptions } from './account-runtime';
export type { AccountStoreOpening, SetAside } from './account-store';
