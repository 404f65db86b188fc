/**
 * The payload of each event the stream carries (API.md, "The event stream"), as valibot
 * schemas and the types they produce. Messages are read by the API client's own message
 * schema, so an event and a fetched message can never be read two different ways.
 *
 * Lenient about what the wire varies (extra fields, numbers as strings); strict only about
 * what sync needs to act on. Control events the stream acts on by itself (reconnect,
 * heartbeat, remote wipe) accept any payload: refusing a `remote_wipe` over its shape would
 * leave patient data on a device that was meant to be erased.
 */
import * as v from 'valibot';
import { messageSchema, messageStatusSchema } from '../api/schemas';

const token = v.pipe(
  v.union([v.string(), v.pipe(v.number(), v.integer(), v.transform(String))]),
  v.nonEmpty('must be a non-empty token'),
);

const count = v.union([
  v.pipe(v.number(), v.integer(), v.minValue(0)),
  v.pipe(v.string(), v.regex(/^\d+$/, 'must be a count'), v.transform(Number)),
]);

const flag = v.union([
  v.boolean(),
  v.pipe(v.picklist(['true', 'false']), v.transform((s) => s === 'true')),
]);

/** Absent and null both mean "not given". */
function optional<TSchema extends v.GenericSchema>(schema: TSchema) {
  return v.pipe(v.nullish(schema), v.transform((value) => value ?? undefined));
}

/** A delivery or read receipt for one recipient, or (with `is_recalled`) a recall. */
const statusChangeSchema = v.pipe(
  v.object({
    client_id: token,
    account_id: optional(token),
    status: optional(messageStatusSchema),
    timestamp: optional(v.string()),
    is_recalled: v.pipe(v.optional(v.nullable(flag), false), v.transform((f) => f ?? false)),
  }),
  v.check((s) => s.is_recalled || s.status !== undefined, 'needs a status or is_recalled'),
);

const typingSchema = v.object({
  sender_token: token,
  group_token: optional(token),
  /** The organization the person types in (multi-org); absent: the home one. */
  organization_id: optional(token),
  /** "typing"; anything else means stopped. */
  status: optional(v.string()),
});

const presenceSchema = v.object({
  from: token,
  type: v.picklist(['available', 'unavailable']),
});

/** An entity in a membership change: its bare token, or an object carrying one. */
const entityToken = v.union([
  token,
  v.pipe(v.looseObject({ token }), v.transform((entity) => entity.token)),
]);

const membershipSchema = v.object({
  event: v.picklist(['added', 'removed']),
  subject_entity: entityToken,
  target_entity: entityToken,
  caller_entity: optional(entityToken),
});

/** An entity changed: its `type` and whatever fields changed, passed on as they came. */
const updateSchema = v.looseObject({ type: v.pipe(v.string(), v.nonEmpty('must name the entity type')) });

const advisorySchema = v.object({
  advisory: v.looseObject({
    name: v.pipe(v.string(), v.nonEmpty('must name the advisory')),
    replay_message_count: optional(count),
  }),
});

/**
 * A mute made, ended or cleared on another of the user's devices (API.md, "Beyond the seed"):
 * `add` carries the list fields of `GET /mute`, `del` the mute's key, `clear` nothing.
 */
const muteKey = {
  sender_type: v.picklist(['account', 'group', 'organization']),
  sender_token: token,
  organization_id: optional(token),
  caller_organization: optional(token),
};
const conversationMuteSchema = v.variant('action', [
  v.object({ action: v.literal('add'), ...muteKey, mute_duration: count, mute_start: count }),
  v.object({ action: v.literal('del'), ...muteKey }),
  v.object({ action: v.literal('clear') }),
]);

/**
 * The user's settings changed elsewhere. `services` names what changed; the one this client
 * acts on is `tigertext:iq:update:org_settings` (read the organizations again). Seen as a
 * list of names, a list of objects with a `name`, or one comma-separated string: all are read.
 */
const accountSettingsSchema = v.looseObject({ services: v.optional(v.unknown()) });

/**
 * A roster entry added or removed (API.md, "Roster changes"): `friend` names the action, the
 * entity's token and the organization whose roster changed; an `add` carries the entity as the
 * roster lists it, read by sync with the roster's own schema.
 */
const friendsSchema = v.object({
  friend: v.looseObject({
    action: v.picklist(['add', 'del']),
    token,
    organization_id: optional(token),
    type: optional(v.string()),
  }),
});

const anything = v.unknown();

export const payloadSchemas = {
  message: messageSchema,
  group_message: messageSchema,
  'message:status': statusChangeSchema,
  'group:message:status': statusChangeSchema,
  'message:is_typing': typingSchema,
  presence: presenceSchema,
  bang: membershipSchema,
  update: updateSchema,
  client_advisory: advisorySchema,
  conversation_mute: conversationMuteSchema,
  'account:settings': accountSettingsSchema,
  friends: friendsSchema,
  reconnect: anything,
  'sse:heartbeat': anything,
  remote_wipe: anything,
} as const;

export type EventName = keyof typeof payloadSchemas;
export type EventPayload<N extends EventName> = v.InferOutput<(typeof payloadSchemas)[N]>;

export type StatusChange = EventPayload<'message:status'>;
export type Typing = EventPayload<'message:is_typing'>;
export type MembershipChange = EventPayload<'bang'>;
export type EntityUpdate = EventPayload<'update'>;
export type ConversationMuteChange = EventPayload<'conversation_mute'>;
export type AccountSettingsChange = EventPayload<'account:settings'>;
export type RosterChange = EventPayload<'friends'>;

/** Whether an `account:settings` event says the organizations' settings changed. */
export function namesOrganizationSettings(change: AccountSettingsChange): boolean {
  const { services } = change;
  const names = typeof services === 'string'
    ? services.split(',')
    : Array.isArray(services)
      ? services.map((service: unknown) => (typeof service === 'object' && service !== null ? (service as { name?: unknown }).name : service))
      : [];
  return names.some((name) => typeof name === 'string' && name.trim() === 'tigertext:iq:update:org_settings');
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(payloadSchemas, name);
}
