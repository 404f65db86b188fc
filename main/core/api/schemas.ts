/**
 * Valibot schemas for every reply the client reads. Lenient where API.md says the wire
 * varies (optional fields, nulls, extra fields, lists as arrays or comma-separated strings,
 * booleans and numbers as strings); strict about the tokens and ids callers rely on.
 * Each schema's output is the clean type of types.ts.
 */
import * as v from 'valibot';
import type {
  Attachment, Credentials, DataElement, DistributionList, EntityType, Group, LoginResult, Message, MessagePriority,
  MessageStatus, MessageStatusReport, Metadata, Organization, RecipientStatus, RosterEntity, SearchPage, SearchResult, User,
} from './types';

type Schema<T> = v.GenericSchema<unknown, T>;

/** A token or id: a non-empty string; numeric ids are read as their decimal text. */
const id = v.pipe(
  v.union([v.string(), v.pipe(v.number(), v.integer('must be an integer'), v.transform(String))]),
  v.nonEmpty('must be a non-empty token'),
);

/** Absent and null both mean "not given". */
function optional<T>(schema: Schema<T>): Schema<T | undefined> {
  return v.pipe(v.nullish(schema), v.transform((value) => value ?? undefined));
}

const text: Schema<string> = v.string();

const flag: Schema<boolean> = v.union([
  v.boolean(),
  v.pipe(v.picklist(['true', 'false', '1', '0']), v.transform((s) => s === 'true' || s === '1')),
  v.pipe(v.picklist([0, 1]), v.transform((n) => n === 1)),
]);

const count: Schema<number> = v.union([
  v.pipe(v.number(), v.integer('must be an integer')),
  v.pipe(v.string(), v.regex(/^-?\d+$/, 'must be an integer'), v.transform(Number)),
]);

/** A list of addresses or tokens: a JSON array, or one comma-separated string. */
const addressList: Schema<string[]> = v.union([
  v.array(id),
  v.pipe(
    v.string(),
    v.transform((s) => s.split(',').map((part) => part.trim()).filter((part) => part !== '')),
  ),
]);

const priority: Schema<MessagePriority> = v.pipe(count, v.picklist([-1, 0, 1] as const));

/** Status names as the wire may spell them (any case), to the one spelling of types.ts. */
export const statusNames: ReadonlyMap<string, MessageStatus> = new Map<string, MessageStatus>([['new', 'New'], ['delivered', 'Delivered'], ['read', 'Read']]);
export const messageStatusSchema: Schema<MessageStatus> = v.pipe(
  v.string(),
  v.check((s) => statusNames.has(s.toLowerCase()), 'must be New, Delivered or Read'),
  v.transform((s) => statusNames.get(s.toLowerCase()) as MessageStatus),
);

export const userSchema: Schema<User> = v.object({
  token: id,
  display_name: optional(text),
  first_name: optional(text),
  last_name: optional(text),
  username: optional(text),
  avatar: optional(text),
  title: optional(text),
  department: optional(text),
  status: optional(text),
  dnd: optional(flag),
  dnd_text: optional(text),
  organization_key: optional(text),
});

/** A setting's value as the server writes it: a string ("true", "1440"), or a bare number or boolean. */
const settingValue = v.pipe(v.union([v.string(), v.number(), v.boolean()]), v.transform(String));

/**
 * An organization, with its settings read from the wire's array of `{name, value}` into one
 * object of strings (a name given twice: the last wins). `dor` may also stand at the top level.
 */
export const organizationSchema: Schema<Organization> = v.pipe(
  v.object({
    token: id,
    name: text,
    members: optional(count),
    settings: v.optional(v.nullable(v.array(v.object({ name: v.pipe(v.string(), v.nonEmpty()), value: settingValue })))),
    dor: v.optional(v.nullable(settingValue)),
  }),
  v.transform(({ token, name, members, settings, dor }) => {
    const read: Record<string, string> = {};
    if (dor !== undefined && dor !== null) read['dor'] = dor;
    for (const setting of settings ?? []) read[setting.name] = setting.value;
    return { token, name, ...(members === undefined ? {} : { members }), settings: read };
  }),
);
export const organizationListSchema: Schema<Organization[]> = v.array(organizationSchema);

const credentialsSchema: Schema<Credentials> = v.object({ key: id, secret: id });
export const loginSchema: Schema<LoginResult> = v.object({ user: userSchema, auth: credentialsSchema });

const dataElementSchema: Schema<DataElement> = v.object({ namespace: text, mimetype: text, payload: text });

/** `data` arrives as an array, or as the JSON text of one when the message was sent as a form. */
const dataList: Schema<DataElement[]> = v.union([
  v.array(dataElementSchema),
  v.pipe(
    v.string(),
    v.parseJson(undefined, 'must be JSON text of a data array'),
    v.array(dataElementSchema),
  ),
]);

const attachmentSchema: Schema<Attachment> = v.pipe(
  v.looseObject({ attachment_id: id, size: count }),
  v.transform((raw) => ({ ...raw, content_type: raw['content-type'] ?? raw['content_type'] })),
  v.object({ attachment_id: v.string(), content_type: v.string('must have a "content-type" string'), size: v.number() }),
);

const messageWire = v.object({
  message_id: optional(id),
  client_id: optional(id),
  sender: optional(id),
  sender_token: optional(id),
  recipient: optional(id),
  recipient_token: optional(id),
  group_token: optional(id),
  sender_organization: optional(text),
  recipient_organization: optional(text),
  body: v.optional(v.nullable(text), ''),
  created_time: v.pipe(text, v.nonEmpty('must be a timestamp')),
  ttl: optional(count),
  dor: v.optional(v.nullable(flag), false),
  priority: v.optional(v.nullable(priority), 0),
  status: optional(messageStatusSchema),
  attachments: v.optional(v.nullable(v.array(attachmentSchema)), []),
  attachment_name: optional(text),
  data: v.optional(v.nullable(dataList), []),
  is_recalled: v.optional(v.nullable(flag), false),
  original_sender: optional(text),
  original_timestamp: optional(text),
});

export const messageSchema: Schema<Message> = v.pipe(
  messageWire,
  v.check((m) => (m.message_id ?? m.client_id) !== undefined, 'message_id: missing'),
  v.check((m) => (m.sender_token ?? m.sender) !== undefined, 'sender_token: missing'),
  v.check((m) => (m.recipient_token ?? m.recipient) !== undefined, 'recipient_token: missing'),
  v.transform((m): Message => {
    const { client_id, sender, recipient, body, dor, priority: level, attachments, data, is_recalled, ...rest } = m;
    return {
      ...rest,
      message_id: (m.message_id ?? client_id) as string,
      sender_token: (m.sender_token ?? sender) as string,
      recipient_token: (m.recipient_token ?? recipient) as string,
      body: body ?? '',
      dor: dor ?? false,
      priority: level ?? 0,
      attachments: attachments ?? [],
      data: data ?? [],
      is_recalled: is_recalled ?? false,
    };
  }),
);

const recipientStatusSchema: Schema<RecipientStatus> = v.object({
  account_id: id,
  status: messageStatusSchema,
  timestamp: text,
});

export const messageStatusReportSchema: Schema<MessageStatusReport> = v.object({
  is_recalled: v.pipe(v.optional(v.nullable(flag), false), v.transform((f) => f ?? false)),
  statuses: v.pipe(v.optional(v.nullable(v.array(recipientStatusSchema)), []), v.transform((s) => s ?? [])),
});

const groupObject = v.object({
  token: id,
  name: text,
  members: v.pipe(v.optional(v.nullable(addressList), []), v.transform((m) => m ?? [])),
  num_members: optional(count),
  created_by: optional(text),
  created_time: optional(text),
  avatar: optional(text),
  replay_history: optional(flag),
  organization_key: optional(text),
});
export const groupSchema: Schema<Group> = groupObject;

/** As groupSchema, for a create reply whose token may come only in `TT-X-Group-Token`. */
export function createdGroupSchema(headerToken: string | undefined): Schema<Group> {
  return v.pipe(
    v.looseObject({}),
    v.transform((raw) => (raw['token'] === undefined && headerToken ? { ...raw, token: headerToken } : raw)),
    groupObject,
  );
}

const entityTypes = [
  'tigertext:entity:account',
  'tigertext:entity:group',
  'tigertext:entity:distribution_list',
] as const satisfies readonly EntityType[];

/**
 * A roster entry is either flat (`{token, type, ...}`, the namespace possibly called
 * `namespace`) or wrapped under its namespace (`{"tigertext:entity:group": {...}}`).
 */
function flattenEntity(raw: Record<string, unknown>): Record<string, unknown> {
  const namespace = Object.keys(raw).find((key) => key.startsWith('tigertext:entity:'));
  const inner = namespace === undefined ? undefined : raw[namespace];
  if (namespace !== undefined && typeof inner === 'object' && inner !== null) {
    const { [namespace]: _wrapped, ...outer } = raw;
    return { ...outer, ...inner, type: namespace };
  }
  return raw['type'] === undefined && raw['namespace'] !== undefined ? { ...raw, type: raw['namespace'] } : raw;
}

export const rosterEntitySchema: Schema<RosterEntity> = v.pipe(
  v.looseObject({}),
  v.transform(flattenEntity),
  v.object({
    type: v.picklist(entityTypes, 'must be a tigertext:entity: namespace'),
    token: id,
    organization_key: optional(text),
    display_name: optional(text),
    name: optional(text),
    avatar: optional(text),
    total_members: optional(count),
  }),
);
export const rosterSchema: Schema<RosterEntity[]> = v.array(rosterEntitySchema);

export const distributionListSchema: Schema<DistributionList> = v.object({
  token: id,
  display_name: text,
  total_members: v.pipe(count, v.minValue(0, 'must not be negative')),
  avatar: optional(text),
  organization_key: optional(text),
});

export const metadataSchema: Schema<Metadata> = v.record(
  v.string(),
  v.union([v.string(), v.number(), v.boolean(), v.null()]),
);

export const streamCountSchema: Schema<{ count: number }> = v.object({ count });

const searchResultSchema: Schema<SearchResult> = v.variant('type', [
  v.object({ type: v.literal('tigertext:entity:account'), entity: userSchema, organization_id: id }),
  v.object({ type: v.literal('tigertext:entity:group'), entity: groupSchema, organization_id: id }),
]);
const searchedTypes: readonly string[] = ['tigertext:entity:account', 'tigertext:entity:group'];

export const searchPageSchema: Schema<SearchPage> = v.object({
  // Kinds this client never asks for (organizations, lists) are left out, not refused.
  results: v.pipe(
    v.array(v.looseObject({ type: v.string() })),
    v.transform((results): unknown[] => results.filter((result) => searchedTypes.includes(result.type))),
    v.array(searchResultSchema),
  ),
  metadata: v.pipe(
    v.object({ continuation: v.nullish(text), first_hit: count, total_hits: count }),
    v.transform(({ continuation, first_hit, total_hits }) => ({
      continuation: continuation === undefined || continuation === null || continuation === '' ? null : continuation,
      first_hit,
      total_hits,
    })),
  ),
});
