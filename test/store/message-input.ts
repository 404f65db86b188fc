import type { MessageInput } from '../../main/core/store';

let counter = 0;

/** An incoming message from Bob with a fresh server token, changed by `overrides`. */
export function incoming(overrides: Partial<MessageInput> = {}): MessageInput {
  counter += 1;
  return {
    token: `m-${counter}`,
    clientId: null,
    conversationId: 'u-bob',
    conversationKind: 'user',
    direction: 'in',
    senderToken: 'u-bob',
    body: `message ${counter}`,
    createdTime: Date.parse('2026-03-01T10:00:00Z') + counter * 1000,
    ttlMinutes: null,
    dor: false,
    priority: 0,
    status: 'delivered',
    ...overrides,
  };
}
