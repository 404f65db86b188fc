import { signal } from '@preact/signals';
import type { Signal } from '@preact/signals';

/** At most one dialog is open at a time. */
export type Dialog =
  | { kind: 'quick-switcher' }
  | { kind: 'new-conversation' }
  | { kind: 'new-group' }
  | { kind: 'settings' }
  | { kind: 'profile' }
  /** Signing in again after the server rejected the credentials, keeping local data. */
  | { kind: 'sign-in' }
  | { kind: 'group'; groupId: string }
  | { kind: 'person'; token: string }
  | { kind: 'message-info'; messageId: string }
  | { kind: 'forward'; messageId: string }
  | { kind: 'keyboard-help' };

export type UiStore = {
  readonly selected: Signal<string | null>;
  readonly dialog: Signal<Dialog | null>;
  /** Names of conversations opened before the roster knows them (a new 1:1 conversation). */
  readonly pendingNames: Signal<ReadonlyMap<string, string>>;
  /** Set to move keyboard focus to the composer after a conversation is chosen. */
  readonly focusComposer: Signal<number>;
};

export function createUiStore(): UiStore {
  return {
    selected: signal<string | null>(null),
    dialog: signal<Dialog | null>(null),
    pendingNames: signal<ReadonlyMap<string, string>>(new Map()),
    focusComposer: signal(0),
  };
}
