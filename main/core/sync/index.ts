export { createSync } from './sync';
export type { SearchResult, Sync, SyncApi, SyncOptions, ThreadOptions } from './sync';
export type { TypingChange } from './typing-state';
export { CLIENT_ID_NAMESPACE } from './message-mapping';
