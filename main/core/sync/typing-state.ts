/**
 * Who is typing in which conversation, from `message:is_typing` events. Kept in memory only:
 * a start is forgotten after `clearAfterMs` (15 s) unless repeated, a stop or a message from
 * that person clears it at once. Emitted as its own small event, apart from change sets.
 */
import type { Clock, TimerHandle } from '../clock';

export interface TypingChange {
  conversationId: string;
  /** The user tokens typing now, sorted. */
  typing: string[];
}

export interface TypingState {
  set(conversationId: string, userToken: string, typing: boolean): void;
  onChange(listener: (change: TypingChange) => void): () => void;
  dispose(): void;
}

export const TYPING_CLEAR_MS = 15_000;

export function createTypingState(clock: Clock, clearAfterMs = TYPING_CLEAR_MS): TypingState {
  const typers = new Map<string, Map<string, TimerHandle>>();
  const listeners = new Set<(change: TypingChange) => void>();

  const of = (conversationId: string) => [...(typers.get(conversationId)?.keys() ?? [])].sort();
  const emit = (conversationId: string) => {
    const change = { conversationId, typing: of(conversationId) };
    for (const listener of listeners) listener(change);
  };

  const set = (conversationId: string, userToken: string, typing: boolean) => {
    const inConversation = typers.get(conversationId) ?? new Map<string, TimerHandle>();
    const held = inConversation.get(userToken);
    if (held !== undefined) clock.clearTimeout(held);
    if (typing) {
      inConversation.set(userToken, clock.setTimeout(() => set(conversationId, userToken, false), clearAfterMs));
      typers.set(conversationId, inConversation);
      if (held === undefined) emit(conversationId);
      return;
    }
    if (held === undefined) return;
    inConversation.delete(userToken);
    if (inConversation.size === 0) typers.delete(conversationId);
    emit(conversationId);
  };

  return {
    set,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      for (const inConversation of typers.values()) for (const handle of inConversation.values()) clock.clearTimeout(handle);
      typers.clear();
      listeners.clear();
    },
  };
}
