/** The conversation list: reading it, adding a conversation, removing (or leaving) one. */
import { exchange, exchangeForReply, inOrganization, requireText, segment } from './http';
import type { CallOptions, Connection } from './http';
import { rosterSchema } from './schemas';
import type { EntityType, RosterEntity } from './types';

export function rosterOperations(connection: Connection) {
  return {
    async getRoster(options: CallOptions = {}): Promise<RosterEntity[]> {
      return exchangeForReply(
        connection,
        { operation: 'getRoster', method: 'GET', path: '/roster/', ...inOrganization(options), signal: options.signal },
        rosterSchema,
      );
    },

    async addToRoster(entity: string, type: EntityType, options: CallOptions = {}): Promise<void> {
      requireText('addToRoster', 'entity', entity);
      await exchange(connection, {
        operation: 'addToRoster',
        method: 'POST',
        path: '/roster/',
        body: { json: { entity, type } },
        ...inOrganization(options),
        signal: options.signal,
      });
    },

    /** For a 1:1 conversation the server deletes its messages; for a group the user leaves it. */
    async removeFromRoster(address: string, options: CallOptions = {}): Promise<void> {
      const path = `/roster/${segment('removeFromRoster', 'address', address)}`;
      await exchange(connection, {
        operation: 'removeFromRoster',
        method: 'DELETE',
        path,
        ...inOrganization(options),
        signal: options.signal,
      });
    },
  };
}
