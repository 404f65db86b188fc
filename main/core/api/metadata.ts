/** The flat key/value metadata attached to a user or group. */
import { exchange, exchangeForReply, inOrganization, segment } from './http';
import type { CallOptions, Connection } from './http';
import { metadataSchema } from './schemas';
import type { Metadata } from './types';

const mostKeys = 8;

export function metadataOperations(connection: Connection) {
  const pathOf = (operation: string, token: string) => `/metadata/${segment(operation, 'token', token)}/`;
  return {
    async getMetadata(token: string, options: CallOptions = {}): Promise<Metadata> {
      return exchangeForReply(
        connection,
        { operation: 'getMetadata', method: 'GET', path: pathOf('getMetadata', token), ...inOrganization(options), signal: options.signal },
        metadataSchema,
      );
    },

    /** Merges `values` into what the server holds. */
    async setMetadata(token: string, values: Metadata, options: CallOptions = {}): Promise<void> {
      const path = pathOf('setMetadata', token);
      if (Object.keys(values).length > mostKeys) {
        throw new RangeError(`setMetadata: at most ${mostKeys} keys, got ${Object.keys(values).length}`);
      }
      await exchange(connection, {
        operation: 'setMetadata',
        method: 'POST',
        path,
        body: { json: values },
        ...inOrganization(options),
        signal: options.signal,
      });
    },

    async clearMetadata(token: string, options: CallOptions = {}): Promise<void> {
      await exchange(connection, {
        operation: 'clearMetadata',
        method: 'DELETE',
        path: pathOf('clearMetadata', token),
        ...inOrganization(options),
        signal: options.signal,
      });
    },
  };
}
