/** Rows of the local database turned into the view shapes of the contract. Pure. */
import { readStoredText } from '../store/stored-text';
import type { ConversationSummary, MessageStatus, MessageView, OrganizationView, PersonView, Priority } from '../../../preload/contract';
import { organizationPolicyOf } from '../settings/organization-policy';
import type { HeldOrganization } from '../store/organizations';
import { displayNameOf, knownNameOf } from '../store/display-name';
import type { ConversationKind } from '../store';
import type { User } from '../store/people';

export interface MessageViewRow {
  id: number;
  token: string | null;
  conversation_id: string;
  direction: 'in' | 'out';
  sender_token: string;
  /** The sender's knownNameOf, as the query computes it; null when nobody here can name them. */
  sender_name: string | null;
  body: string;
  created_time: number;
  status: MessageStatus;
  failure_reason: string | null;
  priority: number;
  expires_at: number | null;
  dor: number;
  is_recalled: number;
  original_sender: string | null;
  original_sender_name: string | null;
  original_timestamp: number | null;
  read_at: number | null;
  has_attachment: number;
  attachment_name: string | null;
  attachment_type: string | null;
  attachment_size: number | null;
}

export interface SummaryRow {
  id: string;
  kind: ConversationKind;
  peer_token: string;
  organization_key: string | null;
  conversation_name: string | null;
  last_activity: number;
  display_name: string | null;
  first_name: string | null;
  last_name: string | null;
  username: string | null;
  user_avatar: string | null;
  group_name: string | null;
  group_avatar: string | null;
  list_name: string | null;
  list_avatar: string | null;
  list_members: number | null;
  unread: number;
  unread_priority: number;
  last_id: number | null;
  last_sender: string | null;
  last_direction: 'in' | 'out' | null;
  last_body: string | null;
  last_priority: number | null;
  last_status: MessageStatus | null;
  last_recalled: number | null;
  last_has_attachment: number | null;
  last_attachment_name: string | null;
  muted_until: number | null;
  pinned_at: number | null;
  urgent_when_muted: number;
}

export const RECALLED_PREVIEW = 'Message recalled';
const PREVIEW_LENGTH = 200;
const UNNAMED_ATTACHMENT = 'file';

export function priorityName(priority: number): Priority {
  if (priority > 0) return 'high';
  if (priority < 0) return 'low';
  return 'normal';
}

export function toMessageView(row: MessageViewRow): MessageView {
  const recalled = row.is_recalled === 1;
  return {
    id: String(row.id),
    conversationId: row.conversation_id,
    token: row.token,
    senderToken: row.sender_token,
    senderName: row.sender_name ?? row.sender_token,
    outgoing: row.direction === 'out',
    body: recalled ? '' : row.body,
    createdAt: row.created_time,
    status: row.status,
    failureReason: readStoredText(row.failure_reason),
    priority: priorityName(row.priority),
    expiresAt: row.expires_at,
    deleteOnRead: row.dor === 1,
    recalled,
    forwardedFrom: row.original_sender === null
      ? null
      : { senderToken: row.original_sender, senderName: row.original_sender_name ?? row.original_sender, sentAt: row.original_timestamp },
    attachment: row.has_attachment === 1 && !recalled
      ? {
          name: row.attachment_name ?? UNNAMED_ATTACHMENT,
          contentType: row.attachment_type ?? 'application/octet-stream',
          size: row.attachment_size ?? 0,
        }
      : null,
    readByMe: row.direction === 'out' || row.read_at !== null,
  };
}

/** What the roster shows of a message: its text, else its attachment, else that it was recalled. */
export function previewOf(message: { body: string; recalled: boolean; attachmentName: string | null; hasAttachment: boolean }): string {
  if (message.recalled) return RECALLED_PREVIEW;
  const text = message.body.trim().replace(/\s+/g, ' ');
  if (text !== '') return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
  if (message.hasAttachment) return `Attachment: ${message.attachmentName ?? UNNAMED_ATTACHMENT}`;
  return '';
}

/**
 * The name a conversation is shown under: what the server calls the person, group or list, else the
 * name the roster gave it, else its token.
 */
export function conversationName(row: SummaryRow): string {
  const person = { displayName: row.display_name, firstName: row.first_name, lastName: row.last_name, username: row.username };
  const named = row.kind === 'group' ? blankless(row.group_name) : row.kind === 'list' ? blankless(row.list_name) : knownNameOf(person);
  return named ?? blankless(row.conversation_name) ?? row.peer_token;
}

function blankless(name: string | null): string | null {
  return name === null || name.trim() === '' ? null : name;
}

/** A person as the window shows them; someone never described by the server shows by token. */
export function toPersonView(user: User | undefined, token: string): PersonView {
  return {
    token,
    name: displayNameOf(user, token),
    title: blankless(user?.title ?? null),
    department: blankless(user?.department ?? null),
    avatar: blankless(user?.avatar ?? null),
    presence: user?.presence ?? 'unknown',
    dnd: user?.dnd ?? false,
    // Their message shows only while they are in Do Not Disturb.
    ...(user?.dnd === true && blankless(user.dndText) !== null ? { dndText: user.dndText! } : {}),
  };
}

export function toConversationSummary(row: SummaryRow): ConversationSummary {
  return {
    id: row.id,
    kind: row.kind,
    peerToken: row.peer_token,
    name: conversationName(row),
    avatar: (row.kind === 'group' ? row.group_avatar : row.kind === 'list' ? row.list_avatar : row.user_avatar) ?? null,
    lastMessage: row.last_id === null
      ? null
      : {
          messageId: String(row.last_id),
          senderToken: row.last_sender ?? '',
          outgoing: row.last_direction === 'out',
          preview: previewOf({
            body: row.last_body ?? '',
            recalled: row.last_recalled === 1,
            attachmentName: row.last_attachment_name,
            hasAttachment: row.last_has_attachment === 1,
          }),
          priority: priorityName(row.last_priority ?? 0),
          status: row.last_status ?? 'sent',
        },
    lastActivity: row.last_activity,
    unread: row.unread,
    unreadPriority: row.unread_priority,
    mutedUntil: row.muted_until,
    pinned: row.pinned_at !== null,
    urgentWhenMuted: row.urgent_when_muted === 1,
    organizationKey: row.organization_key,
    ...(row.kind === 'list' && row.list_members !== null ? { memberCount: row.list_members } : {}),
  };
}

export function toOrganizationView(organization: HeldOrganization): OrganizationView {
  return { token: organization.token, name: organization.name, policy: organizationPolicyOf(organization.settings) };
}

/**
 * The roster's order: pinned conversations first, each part in the order given (most recently
 * active first). Done here rather than in SQL so that reading the roster stays index-driven.
 */
export function pinnedFirst(conversations: readonly ConversationSummary[]): ConversationSummary[] {
  return [...conversations.filter((conversation) => conversation.pinned), ...conversations.filter((conversation) => !conversation.pinned)];
}
