/**
 * The wire types of the TigerText API v2 as API.md lists them, after normalisation: the
 * schemas in schemas.ts turn every accepted wire variant (a "content-type" key, a list sent
 * as a comma-separated string, "true" for true, null for absent) into these one shapes.
 * Field names stay as on the wire so they can be matched against API.md.
 */

export interface User {
  token: string;
  display_name?: string;
  first_name?: string;
  last_name?: string;
  username?: string;
  avatar?: string;
  title?: string;
  department?: string;
  status?: string;
  dnd?: boolean;
  dnd_text?: string;
  organization_key?: string;
}

export interface Organization {
  token: string;
  name: string;
  /** How many people it has. */
  members?: number;
  /** Its settings by name, as the server wrote them (strings: "true", "1440"). */
  settings: Record<string, string>;
}

/** The session a sign-in yields: the Basic-auth pair every later call uses. */
export interface Credentials {
  key: string;
  secret: string;
}

export interface LoginResult {
  user: User;
  auth: Credentials;
}

export type MessagePriority = -1 | 0 | 1;

/** `New` is shown as "Sent". A recall is `is_recalled`, never a status. */
export type MessageStatus = 'New' | 'Delivered' | 'Read';

/** A user-defined datum carried by a message (e.g. namespace `tigerdesk:client-id`). */
export interface DataElement {
  namespace: string;
  mimetype: string;
  payload: string;
}

export interface Attachment {
  attachment_id: string;
  content_type: string;
  size: number;
}

export interface Message {
  /** The message token; the wire also calls it `client_id`. */
  message_id: string;
  /** From the wire's `sender_token` or `sender`. */
  sender_token: string;
  /** From the wire's `recipient_token` or `recipient`: a user, or a group's token. */
  recipient_token: string;
  group_token?: string;
  sender_organization?: string;
  recipient_organization?: string;
  body: string;
  /** ISO 8601 UTC with milliseconds. */
  created_time: string;
  /** Minutes until expiry; -1 never expires. */
  ttl?: number;
  /** Delete on read. */
  dor: boolean;
  priority: MessagePriority;
  status?: MessageStatus;
  attachments: Attachment[];
  attachment_name?: string;
  data: DataElement[];
  is_recalled: boolean;
  original_sender?: string;
  original_timestamp?: string;
}

export interface RecipientStatus {
  account_id: string;
  status: MessageStatus;
  timestamp: string;
}

export interface MessageStatusReport {
  is_recalled: boolean;
  statuses: RecipientStatus[];
}

export interface Group {
  token: string;
  name: string;
  /** Member addresses (tokens). */
  members: string[];
  num_members?: number;
  created_by?: string;
  created_time?: string;
  avatar?: string;
  replay_history?: boolean;
  organization_key?: string;
}

export type EntityType =
  | 'tigertext:entity:account'
  | 'tigertext:entity:group'
  | 'tigertext:entity:distribution_list';

/** One conversation on the roster. The v2 roster has no unread counts or last message. */
export interface RosterEntity {
  type: EntityType;
  token: string;
  organization_key?: string;
  /** A user's name. */
  display_name?: string;
  /** A group's or distribution list's name. */
  name?: string;
  avatar?: string;
  /** A distribution list's size. */
  total_members?: number;
}

/** A distribution list: a message to its token goes to each member 1:1. */
export interface DistributionList {
  token: string;
  display_name: string;
  total_members: number;
  avatar?: string;
  organization_key?: string;
}

export type MetadataValue = string | number | boolean | null;

/** A flat object of at most 8 keys attached to a user or group. */
export type Metadata = Record<string, MetadataValue>;

export interface SentMessage {
  /** The new message's token, from `TT-X-Message-Id`. */
  messageId: string;
  /** The TTL in minutes the server applied (the organization may shorten it), from `TT-X-Msg-Ttl`. */
  ttl?: number;
  /** The server answered 304: an earlier request with the same Request-ID stored this message, and nothing new was stored. */
  alreadySent?: true;
}

export interface FileUpload {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface DownloadedAttachment {
  bytes: Uint8Array;
  contentType: string;
}

export interface AttachmentStream {
  contentType: string;
  /** The file's bytes as they arrive, read once; the reply is read only as they are asked for. */
  chunks: AsyncIterable<Uint8Array>;
  /** Lets the rest of the reply go unread, for a reader that gives up before it started on the chunks. */
  cancel(): Promise<void>;
}

/** What directory search may look for; the client asks for people and groups. */
export type SearchType = 'account' | 'group' | 'public_group' | 'distribution_list' | 'organization';

/** One hit of `POST /v2/search` as entities: a person or a group, in the organization it was found in. */
export type SearchResult =
  | { type: 'tigertext:entity:account'; entity: User; organization_id: string }
  | { type: 'tigertext:entity:group'; entity: Group; organization_id: string };

/** A page of search hits; `continuation` asks for the next one (null: this was the last). */
export interface SearchPage {
  results: SearchResult[];
  metadata: { continuation: string | null; first_hit: number; total_hits: number };
}
