/**
 * One stream of change sets for the window and the CLI: sync's (what the server said) and
 * the outbox's (what the user queued, and how sending it went), in the order they happen.
 */
import type { ChangeSet } from '../../../preload/contract';
import type { Logger } from '../log/logger';

export interface ChangeChannel {
  publish(changes: ChangeSet): void;
  subscribe(listener: (changes: ChangeSet) => void): () => void;
}

export function createChangeChannel(log: Logger): ChangeChannel {
  const listeners = new Set<(changes: ChangeSet) => void>();
  return {
    publish(changes) {
      for (const listener of listeners) {
        try {
          listener(changes);
        } catch (error) {
          // One failing listener must not keep the change from the others.
          log.error('a change listener failed', { error: (error as Error).name });
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
