/**
 * The send state of a message, as persisted in messages.status (do not rename the values).
 * It only moves forward: queued -> sending -> sent -> delivered -> read. failed is
 * reachable from queued and sending only; a manual retry returns failed to queued.
 */
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

const rank: Record<Exclude<MessageStatus, 'failed'>, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, read: 4 };

/**
 * The status after `next` is reported for a message whose status is `current`: `next` when
 * it is a step forward, `current` otherwise (a late or replayed report changes nothing).
 */
export function advanceStatus(current: MessageStatus, next: MessageStatus): MessageStatus {
  if (current === 'failed') return next === 'queued' ? 'queued' : current;
  if (next === 'failed') return current === 'queued' || current === 'sending' ? 'failed' : current;
  return rank[next] > rank[current] ? next : current;
}

