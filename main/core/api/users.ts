/** The signed-in user, looking people up, their organizations, and ending the session. */
import { exchange, exchangeForReply, inOrganization, segment } from './http';
import type { CallOptions, Connection } from './http';
import { organizationListSchema, userSchema } from './schemas';
import type { Organization, User } from './types';

export function userOperations(connection: Connection) {
  return {
    /** Also the way to check a key/secret pair an administrator handed out. */
    async getUser(options: CallOptions = {}): Promise<User> {
      return exchangeForReply(
        connection,
        { operation: 'getUser', method: 'GET', path: '/user', ...inOrganization(options), signal: options.signal },
        userSchema,
      );
    },

    /** By token, email or phone number. */
    async lookupUser(address: string, options: CallOptions = {}): Promise<User> {
      const path = `/user/${segment('lookupUser', 'address', address)}`;
      return exchangeForReply(
        connection,
        { operation: 'lookupUser', method: 'GET', path, ...inOrganization(options), signal: options.signal },
        userSchema,
      );
    },

    async getUserOrganizations(token: string, options: CallOptions = {}): Promise<Organization[]> {
      const path = `/user/${segment('getUserOrganizations', 'token', token)}/organization`;
      return exchangeForReply(
        connection,
        { operation: 'getUserOrganizations', method: 'GET', path, ...inOrganization(options), signal: options.signal },
        organizationListSchema,
      );
    },

    /** Revokes this client's key/secret pair on the server. */
    async logout(options: CallOptions = {}): Promise<void> {
      await exchange(connection, { operation: 'logout', method: 'POST', path: '/logout', signal: options.signal });
    },
  };
}
