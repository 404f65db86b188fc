import type { ConversationSummary } from '../../../preload/contract';

/**
 * Whether the conversation is muted at `now`. Read against the clock, not only the summary: a
 * summary read a moment before its mute ended must not keep a notification silent after it.
 */
export function isMutedAt(conversation: Pick<ConversationSummary, 'mutedUntil'>, now: number): boolean {
  return conversation.mutedUntil !== null && conversation.mutedUntil > now;
}
