/**
 * Mutes (API.md, "Beyond the seed"): listing them, muting a person or a group for whole
 * minutes, and unmuting. The organization travels as `receiver_organization` (the one the user
 * mutes in: the call's `organizationKey`, else the connection's) and, for a person,
 * `sender_organization` (the muted person's); a DELETE carries them as `TT-X-...` headers
 * since it has no body.
 */
import * as v from 'valibot';
import { exchange, exchangeForReply, requireText, segment } from './http';
import type { CallOptions, Connection } from './http';

/** A year, the service's longest mute. */
export const LONGEST_MUTE_MINUTES = 525_600;

const token = v.pipe(
  v.union([v.string(), v.pipe(v.number(), v.integer(), v.transform(String))]),
  v.nonEmpty('must be a non-empty token'),
);
const wholeNumber = v.union([
  v.pipe(v.number(), v.integer('must be whole'), v.minValue(0)),
  v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be whole'), v.transform(Number)),
]);

/** One mute as the server lists it; its organization is `caller_organization` when given, else `organization_id`. */
export const muteEntrySchema = v.pipe(
  v.looseObject({
    sender_type: v.picklist(['account', 'group', 'organization']),
    sender_token: token,
    mute_duration: wholeNumber,
    mute_start: wholeNumber,
    organization_id: v.nullish(token),
    caller_organization: v.nullish(token),
  }),
  v.transform((entry) => ({
    senderType: entry.sender_type,
    senderToken: entry.sender_token,
    durationMinutes: entry.mute_duration,
    /** Unix seconds. */
    startSeconds: entry.mute_start,
    organization: entry.caller_organization ?? entry.organization_id ?? null,
  })),
);
export type MuteEntry = v.InferOutput<typeof muteEntrySchema>;

export interface MutePersonInput {
  /** The person's token or address. */
  person: string;
  /** Their organization; default the caller's. */
  personOrganization?: string;
  minutes: number;
}

export function muteOperations(connection: Connection) {
  /** The organization the user mutes in: the call's (the conversation's), else the connection's. */
  const receiverOf = (options: CallOptions) => options.organizationKey ?? connection.organizationKey;
  const receiver = (options: CallOptions): Record<string, string> => {
    const organization = receiverOf(options);
    return organization ? { receiver_organization: organization } : {};
  };
  const receiverHeader = (operation: string, options: CallOptions): Record<string, string> => {
    const organization = receiverOf(options);
    return organization ? { 'TT-X-Receiver-Organization': headerSafe(operation, 'organizationKey', organization) } : {};
  };

  return {
    /** The mutes still running. */
    async listMutes(options: CallOptions = {}): Promise<MuteEntry[]> {
      return exchangeForReply(connection, { operation: 'listMutes', method: 'GET', path: '/mute', signal: options.signal }, v.array(muteEntrySchema));
    },

    async mutePerson(input: MutePersonInput, options: CallOptions = {}): Promise<void> {
      requireText('mutePerson', 'person', input.person);
      const senderOrganization = input.personOrganization ?? connection.organizationKey;
      await exchange(connection, {
        operation: 'mutePerson',
        method: 'POST',
        path: '/mute/p2p',
        body: {
          json: {
            sender_token: input.person,
            ...(senderOrganization ? { sender_organization: senderOrganization } : {}),
            ...receiver(options),
            duration: durationText('mutePerson', input.minutes),
          },
        },
        signal: options.signal,
      });
    },

    async unmutePerson(person: string, personOrganization?: string, options: CallOptions = {}): Promise<void> {
      requireText('unmutePerson', 'person', person);
      const senderOrganization = personOrganization ?? connection.organizationKey;
      await exchange(connection, {
        operation: 'unmutePerson',
        method: 'DELETE',
        path: '/mute/p2p',
        headers: {
          'TT-X-Sender-Token': headerSafe('unmutePerson', 'person', person),
          ...(senderOrganization ? { 'TT-X-Sender-Organization': headerSafe('unmutePerson', 'personOrganization', senderOrganization) } : {}),
          ...receiverHeader('unmutePerson', options),
        },
        signal: options.signal,
      });
    },

    async muteGroup(group: string, minutes: number, options: CallOptions = {}): Promise<void> {
      await exchange(connection, {
        operation: 'muteGroup',
        method: 'POST',
        path: `/mute/group/${segment('muteGroup', 'group', group)}`,
        body: { json: { ...receiver(options), duration: durationText('muteGroup', minutes) } },
        signal: options.signal,
      });
    },

    async unmuteGroup(group: string, options: CallOptions = {}): Promise<void> {
      await exchange(connection, {
        operation: 'unmuteGroup',
        method: 'DELETE',
        path: `/mute/group/${segment('unmuteGroup', 'group', group)}`,
        headers: receiverHeader('unmuteGroup', options),
        signal: options.signal,
      });
    },
  };
}

/** The service takes whole minutes as a string of digits, 1 to a year. */
function durationText(operation: string, minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > LONGEST_MUTE_MINUTES) {
    throw new RangeError(`${operation}: minutes must be a whole number from 1 to ${LONGEST_MUTE_MINUTES}`);
  }
  return String(minutes);
}

/** A header value cannot hold a line break or a character outside Latin-1: refused here, named, before anything is sent. */
function headerSafe(operation: string, name: string, value: string): string {
  if (!/^[\x20-\x7e]+$/.test(value)) throw new TypeError(`${operation}: ${name} must be printable ASCII to travel in a header`);
  return value;
}
