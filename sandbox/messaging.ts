import { randomUUID } from 'node:crypto';
import { callerMembership, requireMember, requireOrganization, resolveRecipient } from './addresses';
import type { Recipient } from './addresses';
import { adoptFile, attachmentPath, copyAttachment, removeAttachment } from './attachments';
import type { SandboxContext } from './context';
import { messagePayload, isoTime } from './entities';
import { badRequest, forbidden, notFound } from './errors';
import { messageEventName } from './history';
import type { UploadedFile } from './input';
import type { AccountRow, OrganizationRow } from './store/accounts';
import { DELIVERED, READ, STATUS_NAMES } from './store/messages';
import type { MessageRow } from './store/messages';

export interface DataElement {
  namespace: string;
  [field: string]: unknown;
}

export interface SendRequest {
  recipient: string;
  body: string;
  ttl?: number;
  dor?: boolean;
  priority?: number;
  senderOrganization?: string;
  recipientOrganization?: string;
  data?: DataElement[];
  attachment?: UploadedFile;
}

const MINUTE = 60_000;

/** The time-to-live actually applied: the organization's default, capped by its maximum. */
export function effectiveTtl(requested: number | undefined, organization: OrganizationRow): number {
  const ttl = requested ?? organization.default_ttl;
  if (ttl !== -1 && ttl < 1) throw badRequest('field "ttl" must be -1 (never) or a positive number of minutes');
  if (organization.max_ttl === null) return ttl;
  return ttl === -1 ? organization.max_ttl : Math.min(ttl, organization.max_ttl);
}

export function checkPriority(priority: number | undefined): number {
  if (priority === undefined) return 0;
  if (priority !== -1 && priority !== 0 && priority !== 1) {
    throw badRequest('field "priority" must be -1 (low), 0 (normal) or 1 (high)');
  }
  return priority;
}

/** `data` elements are kept exactly as sent; each needs the three string fields API.md names. */
export function checkData(data: unknown): DataElement[] {
  if (data === undefined || data === null) return [];
  if (!Array.isArray(data)) throw badRequest('field "data" must be an array of {namespace, mimetype, payload}');
  data.forEach((element, index) => {
    if (typeof element !== 'object' || element === null || Array.isArray(element)) {
      throw badRequest(`field "data" element ${index} must be an object`);
    }
    for (const field of ['namespace', 'mimetype', 'payload']) {
      if (typeof (element as Record<string, unknown>)[field] !== 'string') {
        throw badRequest(`field "data" element ${index} must have a string "${field}"`);
      }
    }
  });
  return data as DataElement[];
}

function recipientsOf(ctx: SandboxContext, recipient: Recipient, sender: string): string[] {
  return recipient.kind === 'group'
    ? ctx.groups.members(recipient.group.token).filter((member) => member !== sender)
    : [recipient.account.token];
}

/** For a forward: the message whose attachment and origin the new one carries. */
interface Origin {
  original: MessageRow;
}

/**
 * The organization a message is received in: `recipient_organization`, defaulting to the
 * sender's (API.md); a person must belong to it, and a group's message stays in the group's.
 */
function recipientOrganizationOf(
  ctx: SandboxContext,
  recipient: Recipient,
  senderOrganization: OrganizationRow,
  given: string | undefined,
): OrganizationRow {
  const organization = requireOrganization(ctx, given ?? senderOrganization.token, 'recipient_organization');
  if (recipient.kind === 'group') {
    for (const [field, token] of [['sender_organization', senderOrganization.token], ['recipient_organization', organization.token]] as const) {
      if (token !== recipient.group.organization_key) {
        throw forbidden(`"${field}": group ${recipient.group.token} is in organization ${recipient.group.organization_key}, not ${token}`);
      }
    }
    return organization;
  }
  requireMember(ctx, recipient.account, organization.token, 'recipient_organization');
  return organization;
}

/** A message to a group is sent in the group's organization when the sender names none. */
function groupOrganizationOf(ctx: SandboxContext, address: string): string | undefined {
  const group = ctx.groups.get(address.trim());
  return group === undefined || group.deleted === 1 ? undefined : group.organization_key;
}

/** Sends a message: stores it, records each recipient as `New`, fans it out to every key of everyone. */
export function sendMessage(ctx: SandboxContext, sender: AccountRow, request: SendRequest, origin?: Origin): MessageRow {
  const senderOrganization = callerMembership(
    ctx,
    sender,
    request.senderOrganization ?? groupOrganizationOf(ctx, request.recipient),
    'sender_organization',
  );
  const ttl = effectiveTtl(request.ttl, senderOrganization);
  const priority = checkPriority(request.priority);
  const token = randomUUID();
  let stored = false;
  try {
    const message = ctx.fanout.write(() => {
      const recipient = resolveRecipient(ctx, request.recipient, senderOrganization.token);
      if (recipient.kind === 'group' && !ctx.groups.isMember(recipient.group.token, sender.token)) {
        throw forbidden(`you are not a member of group ${recipient.group.token}`);
      }
      const recipientOrganization = recipientOrganizationOf(ctx, recipient, senderOrganization, request.recipientOrganization);
      const now = ctx.now();
      const source = origin?.original;
      const row: MessageRow = {
        token,
        sender_token: sender.token,
        recipient_token: recipient.kind === 'group' ? recipient.group.token : recipient.account.token,
        group_token: recipient.kind === 'group' ? recipient.group.token : null,
        sender_organization: senderOrganization.token,
        recipient_organization: recipientOrganization.token,
        body: request.body,
        created_time: now,
        ttl,
        expires_at: ttl === -1 ? null : now + ttl * MINUTE,
        dor: request.dor === true ? 1 : 0,
        priority,
        data: JSON.stringify(request.data ?? []),
        attachment_type: request.attachment?.mimetype ?? source?.attachment_type ?? null,
        attachment_size: request.attachment?.size ?? source?.attachment_size ?? null,
        attachment_name: request.attachment?.filename ?? source?.attachment_name ?? null,
        original_sender: origin?.original ? (origin.original.original_sender ?? origin.original.sender_token) : null,
        original_timestamp: origin?.original
          ? (origin.original.original_timestamp ?? origin.original.created_time)
          : null,
        is_recalled: 0,
      };
      ctx.messages.insert(row);
      const recipients = recipientsOf(ctx, recipient, sender.token);
      for (const account of recipients) ctx.messages.addRecipient(token, account, now);
      if (recipient.kind === 'account') {
        ctx.roster.add(sender.token, senderOrganization.token, recipient.account.token);
        ctx.roster.add(recipient.account.token, recipientOrganization.token, sender.token);
      }
      if (request.attachment !== undefined) adoptFile(request.attachment.path, attachmentPath(ctx.paths, token));
      else if (source?.attachment_type) copyAttachment(ctx.paths, source.token, token);
      ctx.fanout.deliver([sender.token, ...recipients], messageEventName(row), messagePayload(row, 'New'), token);
      return row;
    });
    stored = true;
    for (const listener of ctx.messageListeners) listener(message);
    return message;
  } finally {
    if (!stored) removeAttachment(ctx.paths, token);
  }
}

/**
 * A message the caller may see: theirs, or one they received (group members at sending time, and
 * members who joined later with replay_history, hold a status row).
 */
export function visibleMessage(ctx: SandboxContext, token: string, viewer: string): MessageRow {
  const message = ctx.messages.get(token);
  if (message === undefined || ctx.messages.isHidden(viewer, token)) throw notFound(`unknown message: ${token}`);
  const allowed = message.sender_token === viewer || ctx.messages.statusOf(token, viewer) !== undefined;
  if (!allowed) throw forbidden(`you are not a party to message ${token}`);
  return message;
}

export function forwardMessage(
  ctx: SandboxContext,
  caller: AccountRow,
  token: string,
  request: Omit<SendRequest, 'body' | 'attachment'>,
): MessageRow {
  const original = visibleMessage(ctx, token, caller.token);
  if (original.is_recalled === 1) throw notFound(`message ${token} was recalled`);
  return sendMessage(
    ctx,
    caller,
    { ...request, body: original.body },
    { original },
  );
}

function statusEventName(message: MessageRow): string {
  return message.group_token === null ? 'message:status' : 'group:message:status';
}

/**
 * Marks messages Delivered / Read for the caller. Every token is checked before anything
 * changes, so a bad token in a batch leaves the others untouched. Status only moves forward:
 * a Delivered after Read changes nothing and sends nothing.
 */
export function updateStatuses(
  ctx: SandboxContext,
  caller: AccountRow,
  delivered: readonly string[],
  read: readonly string[],
): { changed: number } {
  const wanted: [string, number][] = [
    ...delivered.map((token): [string, number] => [token, DELIVERED]),
    ...read.map((token): [string, number] => [token, READ]),
  ];
  for (const [token] of wanted) {
    const message = ctx.messages.get(token);
    if (message === undefined || ctx.messages.isHidden(caller.token, token)) {
      throw notFound(`unknown message: ${token}`);
    }
    if (ctx.messages.statusOf(token, caller.token) === undefined) {
      throw forbidden(`you are not a recipient of message ${token}`);
    }
  }
  let changed = 0;
  const readOnce: MessageRow[] = [];
  ctx.fanout.write(() => {
    const now = ctx.now();
    for (const [token, status] of wanted) {
      if (!ctx.messages.raiseStatus(token, caller.token, status, now)) continue;
      changed++;
      const message = ctx.messages.get(token)!;
      const payload: Record<string, unknown> = {
        client_id: token,
        message_id: token,
        account_id: caller.token,
        status: STATUS_NAMES[status],
        timestamp: isoTime(now),
      };
      if (message.group_token !== null) payload.group_token = message.group_token;
      ctx.fanout.deliver([message.sender_token, caller.token], statusEventName(message), payload, token);
      if (status === READ && message.dor === 1 && ctx.messages.allRead(token)) readOnce.push(message);
    }
    for (const message of readOnce) removeMessage(ctx, message.token);
  });
  return { changed };
}

/** Recall: the body, data and attachment are gone for good, and everyone hears `is_recalled`. */
export function recallMessage(ctx: SandboxContext, caller: AccountRow, token: string): MessageRow {
  const message = ctx.messages.get(token);
  if (message === undefined) throw notFound(`unknown message: ${token}`);
  if (message.sender_token !== caller.token) throw forbidden('only the sender may recall a message');
  if (message.is_recalled === 1) return message;
  ctx.fanout.write(() => {
    ctx.messages.recall(token);
    ctx.events.dropMessageBodies(token);
    const payload: Record<string, unknown> = { client_id: token, message_id: token, is_recalled: true };
    if (message.group_token !== null) payload.group_token = message.group_token;
    const recipients = ctx.messages.statuses(token).map((row) => row.account_token);
    ctx.fanout.deliver([message.sender_token, ...recipients], statusEventName(message), payload, token);
  });
  removeAttachment(ctx.paths, token);
  return ctx.messages.get(token)!;
}

/** Deletes a message outright (expired, or read when delete-on-read): it is never returned or replayed again. */
export function removeMessage(ctx: SandboxContext, token: string): void {
  ctx.events.dropMessage(token);
  ctx.messages.remove(token);
  removeAttachment(ctx.paths, token);
}
