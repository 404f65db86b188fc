import type { ConversationSummary } from '../../../preload/contract';
import { t } from '../state/language';

/**
 * The tag beside a conversation's name that says what it is with: a group, or a distribution
 * list and its size ("List · 4 members"); a person's conversation has none.
 */
export function kindTag(conversation: Pick<ConversationSummary, 'kind' | 'memberCount'>): string | null {
  switch (conversation.kind) {
    case 'group':
      return t('conversation-kind.group');
    case 'list':
      return conversation.memberCount === undefined ? t('conversation-kind.list') : t('conversation-kind.list.members', { count: conversation.memberCount });
    case 'user':
      return null;
  }
}

export function memberCountText(count: number): string {
  return t('conversation-kind.members', { count });
}
