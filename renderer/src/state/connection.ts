import { signal } from '@preact/signals';
import type { Signal } from '@preact/signals';
import type { ConnectionState, EventPayload, OutboxState } from '../../../preload/contract';

type Typist = EventPayload<'typing'>['people'][number];

export type ConnectionStore = {
  /** Main only pushes changes, so until the first event the app is taken to be connecting. */
  readonly state: Signal<ConnectionState>;
  readonly outbox: Signal<OutboxState>;
  /** People typing, by conversation id. */
  readonly typing: Signal<ReadonlyMap<string, readonly Typist[]>>;
  setTyping(conversationId: string, people: readonly Typist[]): void;
};

export function createConnectionStore(): ConnectionStore {
  const typing = signal<ReadonlyMap<string, readonly Typist[]>>(new Map());
  return {
    state: signal<ConnectionState>({ kind: 'connecting' }),
    outbox: signal<OutboxState>({ queued: 0, failed: 0, paused: false }),
    typing,
    setTyping(conversationId, people) {
      const next = new Map(typing.peek());
      if (people.length === 0) next.delete(conversationId);
      else next.set(conversationId, people);
      typing.value = next;
    },
  };
}
