/**
 * The REST side of the event stream: acknowledging stored events, closing streams, and
 * what the stream connection (a later module) needs to open `GET /events/`.
 */
import { exchange, exchangeForReply, urlOf } from './http';
import type { CallOptions, Connection } from './http';
import { streamCountSchema } from './schemas';

export interface EventStreamRequest {
  url: string;
  headers: Record<string, string>;
}

export function eventOperations(connection: Connection) {
  return {
    /** Acknowledged events are never replayed: call only once they are durably stored. */
    async ackEvents(eventIds: readonly string[], options: CallOptions = {}): Promise<void> {
      if (eventIds.length === 0) return;
      if (eventIds.some((id) => typeof id !== 'string' || id === '')) {
        throw new TypeError('ackEvents: every event id must be a non-empty string');
      }
      await exchange(connection, {
        operation: 'ackEvents',
        method: 'POST',
        path: '/events/ack',
        body: { json: { events: eventIds } },
        signal: options.signal,
      });
    },

    /** Closes every open stream of this key; resolves to how many there were. */
    async closeEventStreams(options: CallOptions = {}): Promise<{ count: number }> {
      return exchangeForReply(
        connection,
        { operation: 'closeEventStreams', method: 'DELETE', path: '/events/', signal: options.signal },
        streamCountSchema,
      );
    },

    /** `features`, e.g. `['is-typing']`, go in `TT-X-Features`. */
    eventStreamRequest(features: readonly string[] = []): EventStreamRequest {
      const headers: Record<string, string> = { Authorization: connection.authorization, Accept: 'text/event-stream' };
      if (features.length > 0) headers['TT-X-Features'] = features.join(',');
      return { url: urlOf(connection.baseUrl, '/events/'), headers };
    },
  };
}
