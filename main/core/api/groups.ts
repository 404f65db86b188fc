/** Creating, reading, changing and deleting groups, and changing who is in them. */
import * as v from 'valibot';
import { exchange, exchangeForReply, inOrganization, readReply, segment } from './http';
import type { CallOptions, Connection } from './http';
import { definedOnly, multipartOf } from './multipart';
import { createdGroupSchema, groupSchema, userSchema } from './schemas';
import type { FileUpload, Group, User } from './types';

export interface CreateGroupInput {
  name: string;
  /** Member addresses: tokens, emails or phone numbers. */
  members: readonly string[];
  /** Whether a member added later sees the messages sent before. */
  replayHistory?: boolean;
  avatar?: FileUpload;
}

/** What `POST /group/{token}` changes; at least one of them. */
export interface GroupUpdateInput {
  name?: string;
  /** The whole new list of members (addresses or tokens), not the ones to add. */
  members?: readonly string[];
  replayHistory?: boolean;
  avatar?: FileUpload;
}

const memberListSchema = v.array(userSchema);

export function groupOperations(connection: Connection) {
  const groupPath = (operation: string, token: string, rest = '/') =>
    `/group/${segment(operation, 'token', token)}${rest}`;

  const changeMembers = async (
    operation: 'addGroupMembers' | 'removeGroupMembers',
    token: string,
    members: readonly string[],
    options: CallOptions,
  ): Promise<void> => {
    const path = groupPath(operation, token, operation === 'addGroupMembers' ? '/members/' : '/members/remove/');
    if (members.length === 0) throw new TypeError(`${operation}: members must not be empty`);
    checkMembers(operation, members);
    await exchange(connection, {
      operation,
      method: 'POST',
      path,
      body: { json: { members } },
      ...inOrganization(options),
      signal: options.signal,
    });
  };

  return {
    /** The new group's token comes from the reply, or from `TT-X-Group-Token` when the reply lacks it. */
    async createGroup(input: CreateGroupInput, options: CallOptions = {}): Promise<Group> {
      const operation = 'createGroup';
      if (typeof input.name !== 'string' || input.name.trim() === '') {
        throw new TypeError(`${operation}: name must be a non-empty string`);
      }
      checkMembers(operation, input.members);
      const body = input.avatar
        ? {
            // A form field cannot hold an array: the list goes comma-separated, a form API.md says is accepted.
            form: multipartOf(
              { name: input.name, members: input.members.join(','), replay_history: input.replayHistory },
              'avatar',
              input.avatar,
            ),
          }
        : { json: definedOnly({ name: input.name, members: input.members, replay_history: input.replayHistory }) };
      const reply = await exchange(connection, {
        operation,
        method: 'POST',
        path: '/group/',
        body,
        ...inOrganization(options),
        signal: options.signal,
      });
      const headerToken = reply.headers.get('tt-x-group-token')?.trim() || undefined;
      return readReply(operation, reply, createdGroupSchema(headerToken));
    },

    async getGroup(token: string, options: CallOptions = {}): Promise<Group> {
      return exchangeForReply(
        connection,
        { operation: 'getGroup', method: 'GET', path: groupPath('getGroup', token), ...inOrganization(options), signal: options.signal },
        groupSchema,
      );
    },

    /**
     * Renames, replaces the members or changes the picture. The new picture's address is the
     * reply header `TT-X-Group-Avatar` when the server sends it, else the reply's `avatar`.
     */
    async updateGroup(token: string, input: GroupUpdateInput, options: CallOptions = {}): Promise<Group> {
      const operation = 'updateGroup';
      const path = groupPath(operation, token);
      if (input.name !== undefined && (typeof input.name !== 'string' || input.name.trim() === '')) {
        throw new TypeError(`${operation}: name must be a non-empty string`);
      }
      if (input.members !== undefined) {
        if (input.members.length === 0) throw new TypeError(`${operation}: members must not be empty`);
        checkMembers(operation, input.members);
      }
      const fields = { name: input.name, members: input.members?.join(','), replay_history: input.replayHistory };
      if (input.avatar === undefined && Object.values(fields).every((value) => value === undefined)) {
        throw new TypeError(`${operation}: nothing to change`);
      }
      const reply = await exchange(connection, {
        operation,
        method: 'POST',
        path,
        body: input.avatar === undefined ? { json: definedOnly(fields) } : { form: multipartOf(fields, 'avatar', input.avatar) },
        ...inOrganization(options),
        signal: options.signal,
      });
      const group = readReply(operation, reply, groupSchema);
      const avatar = reply.headers.get('tt-x-group-avatar')?.trim();
      return avatar === undefined || avatar === '' ? group : { ...group, avatar };
    },

    async getGroupMembers(token: string, options: CallOptions = {}): Promise<User[]> {
      const operation = 'getGroupMembers';
      return exchangeForReply(
        connection,
        { operation, method: 'GET', path: groupPath(operation, token, '/members/'), ...inOrganization(options), signal: options.signal },
        memberListSchema,
      );
    },

    /** Idempotent: deleting a deleted group succeeds. */
    async deleteGroup(token: string, options: CallOptions = {}): Promise<void> {
      await exchange(connection, {
        operation: 'deleteGroup',
        method: 'DELETE',
        path: groupPath('deleteGroup', token),
        ...inOrganization(options),
        signal: options.signal,
      });
    },

    async addGroupMembers(token: string, members: readonly string[], options: CallOptions = {}): Promise<void> {
      return changeMembers('addGroupMembers', token, members, options);
    },

    async removeGroupMembers(token: string, members: readonly string[], options: CallOptions = {}): Promise<void> {
      return changeMembers('removeGroupMembers', token, members, options);
    },
  };
}

/** A comma inside an address would split it in two on a server reading the comma-separated form. */
function checkMembers(operation: string, members: readonly string[]): void {
  if (members.some((member) => typeof member !== 'string' || member.trim() === '' || member.includes(','))) {
    throw new TypeError(`${operation}: every member must be a non-empty address without commas`);
  }
}
