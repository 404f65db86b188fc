import type { ConversationSummary } from '../../../preload/contract';

/**
 * The tag beside a conversation's name that says what it is with: a group, or a distribution
 * list and its size ("List · 4 members"); a person's conversation has none.
 */
export function kindTag(conversation: Pick<ConversationSummary, 'kind' | 'memberCount'>): string | null {
  switch (conversation.kind) {
    case 'group':
      return 'Group';
    case 'list':
      return conversation.memberCount === undefined ? 'List' : `List · ${memberCountText(conversation.memberCount)}`;
    case 'user':
      return null;
  }
}

export function memberCountText(count: number): string {
  return count === 1 ? '1 member' : `${count} members`;
}
