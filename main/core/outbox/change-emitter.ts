/**
 * The outbox's changes as change sets, built with sync's views and change collector so the
 * renderer gets them exactly as it gets sync's: the messages as they are now, their
 * conversations' roster lines, and what was removed.
 */
import type { ChangeSet, MessageView } from '../../../preload/contract';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import { createChangeCollector } from '../sync/change-collector';
import { changeLoaders } from '../sync/change-loaders';
import { ViewQueries } from '../sync/view-queries';
import { toMessageView } from '../sync/views';

export interface ChangeEmitter {
  /**
   * Reports the messages (ids may repeat or be null) as they are now, those removed, and the
   * conversations that changed without a message: a group whose member changes were queued,
   * sent or failed (the window lists them beside its members).
   */
  emit(
    messageIds: readonly (number | null)[],
    removed?: readonly { id: number; conversationId: string }[],
    conversationIds?: readonly string[],
  ): void;
  viewOf(messageId: number | null): MessageView | undefined;
}

export function createChangeEmitter(store: Store, onChange: (changes: ChangeSet) => void, log: Logger): ChangeEmitter {
  const views = new ViewQueries(store.statements);
  const loaders = changeLoaders(store, views);
  return {
    emit(messageIds, removed = [], conversationIds = []) {
      const changes = createChangeCollector();
      const held = [...new Set(messageIds.filter((id): id is number => id !== null))];
      for (const row of views.messages(held)) changes.messageStored(row.id, row.conversation_id);
      for (const message of removed) changes.messageRemoved(message.id, message.conversationId);
      // Only conversations on the roster: one not shown would be reported as removed.
      for (const summary of views.summariesOf([...new Set(conversationIds)])) changes.conversationChanged(summary.id);
      if (changes.isEmpty) return;
      try {
        onChange(changes.take(loaders));
      } catch (error) {
        // What is stored is stored: a failing listener must not stall the queue or fail a send that is queued.
        log.error('an outbox change listener failed', { error: (error as Error).name });
      }
    },
    viewOf(messageId) {
      return messageId === null ? undefined : views.messages([messageId]).map(toMessageView)[0];
    },
  };
}
