export { createOutbox } from './outbox';
export type { Outbox, OutboxJobView, OutboxOptions, QueuedMemberChange } from './outbox';
export type { OutboxApi } from './job-runner';
export type { SendInput } from './send-input';
export { OutboxError } from './outbox-error';
export type { OutboxErrorCode } from './outbox-error';
export { defaultGiveUpAfterMs, giveUpSettingKey } from './give-up-window';
