/** The signed-in user and their own settings, looking people up, their organizations, and ending the session. */
import { exchange, exchangeForReply, inOrganization, segment } from './http';
import type { CallOptions, Connection } from './http';
import { definedOnly, multipartOf } from './multipart';
import { organizationListSchema, userSchema } from './schemas';
import type { FileUpload, Organization, User } from './types';

/** What `POST /user/{token}/settings` changes; at least one of them. */
export interface SettingsInput {
  firstName?: string;
  lastName?: string;
  displayName?: string;
  /** Free text shown beside the name. */
  status?: string;
  dnd?: boolean;
  /** What others see while `dnd` is on. */
  dndText?: string;
  /** A new picture, or null to remove it. */
  avatar?: FileUpload | null;
}

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

    /** Only the user themself may change their settings; others learn of it through `update` events. */
    async updateSettings(userToken: string, input: SettingsInput, options: CallOptions = {}): Promise<User> {
      const operation = 'updateSettings';
      const path = `/user/${segment(operation, 'token', userToken)}/settings`;
      if (input.displayName !== undefined && input.displayName.trim() === '') {
        throw new TypeError(`${operation}: displayName must not be empty`);
      }
      const fields = {
        first_name: input.firstName,
        last_name: input.lastName,
        display_name: input.displayName,
        status: input.status,
        dnd: input.dnd,
        dnd_text: input.dndText,
      };
      if (input.avatar === undefined && Object.values(fields).every((value) => value === undefined)) {
        throw new TypeError(`${operation}: nothing to change`);
      }
      // An empty avatar field removes the picture (API.md, "Own profile and DND").
      const body = input.avatar
        ? { form: multipartOf(fields, 'avatar', input.avatar) }
        : { json: definedOnly({ ...fields, avatar: input.avatar === null ? '' : undefined }) };
      return exchangeForReply(connection, { operation, method: 'POST', path, body, signal: options.signal }, userSchema);
    },

    /** Revokes this client's key/secret pair on the server. */
    async logout(options: CallOptions = {}): Promise<void> {
      await exchange(connection, { operation: 'logout', method: 'POST', path: '/logout', signal: options.signal });
    },
  };
}
