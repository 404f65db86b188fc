import { randomUUID } from 'node:crypto';
import { callerMembership, requireMember, requireOrganization, resolveRecipient } from './addresses';
import type { Recipient } from './addresses';
import { adoptFile, attachmentPath, copyAttachment, removeAttachment } from './attachments';
import type { SandboxContext } from './context';
import { messagePayload, isoTime } from './entities';
import { badRequest, forbidden, notFound } from './errors';
import { messageEventName } from './history';
import type { UploadedFile } from './input';
import { addPersonToRoster } from './roster-entries';
import type { AccountRow, OrganizationRow } from './store/accounts';
import type { DistributionListRow } from './store/distribution-lists';
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

/** Who holds a status row on the message itself: a list's members get copies instead (sendListCopies). */
function recipientsOf(ctx: SandboxContext, recipient: Recipient, sender: string): string[] {
  switch (recipient.kind) {
    case 'group':
      return ctx.groups.members(recipient.group.token).filter((member) => member !== sender);
    case 'list':
      return [];
    case 'account':
      return [recipient.account.token];
  }
}

function recipientTokenOf(recipient: Recipient): string {
  switch (recipient.kind) {
    case 'group':
      return recipient.group.token;
    case 'list':
      return recipient.list.token;
    case 'account':
      return recipient.account.token;
  }
}

/** A group or a distribution list: what the message must stay in the organization of. */
function containerOf(recipient: Exclude<Recipient, { kind: 'account' }>): { what: string; token: string; organizationKey: string } {
  return recipient.kind === 'group'
    ? { what: 'group', token: recipient.group.token, organizationKey: recipient.group.organization_key }
    : { what: 'distribution list', token: recipient.list.token, organizationKey: recipient.list.organization_key };
}

/** For a forward: the message whose attachment and origin the new one carries. */
interface Origin {
  original: MessageRow;
}

/**
 * The organization a message is received in: `recipient_organization`, defaulting to the
 * sender's (API.md); a person must belong to it, and a group's (or a list's) message stays in
 * the group's (the list's).
 */
function recipientOrganizationOf(
  ctx: SandboxContext,
  recipient: Recipient,
  senderOrganization: OrganizationRow,
  given: string | undefined,
): OrganizationRow {
  const organization = requireOrganization(ctx, given ?? senderOrganization.token, 'recipient_organization');
  if (recipient.kind === 'account') {
    requireMember(ctx, recipient.account, organization.token, 'recipient_organization');
    return organization;
  }
  const container = containerOf(recipient);
  for (const [field, token] of [['sender_organization', senderOrganization.token], ['recipient_organization', organization.token]] as const) {
    if (token !== container.organizationKey) {
      throw forbidden(`"${field}": ${container.what} ${container.token} is in organization ${container.organizationKey}, not ${token}`);
    }
  }
  return organization;
}

/** A message to a group (or a list) is sent in the group's (the list's) organization when the sender names none. */
function containerOrganizationOf(ctx: SandboxContext, address: string): string | undefined {
  const group = ctx.groups.get(address.trim());
  if (group !== undefined) return group.deleted === 1 ? undefined : group.organization_key;
  return ctx.distributionLists.get(address.trim())?.organization_key;
}

/** Only a group's members send to it, and only a list's holders to it. */
function requireSender(ctx: SandboxContext, recipient: Recipient, sender: AccountRow): void {
  if (recipient.kind === 'group' && !ctx.groups.isMember(recipient.group.token, sender.token)) {
    throw forbidden(`you are not a member of group ${recipient.group.token}`);
  }
  if (recipient.kind === 'list' && !ctx.distributionLists.isHolder(recipient.list.token, sender.token)) {
    throw forbidden(`you may not send to distribution list ${recipient.list.token}`);
  }
}

/**
 * Sends a message: stores it, records each recipient as `New`, fans it out to every key of
 * everyone. To a distribution list: the sender's own copy, addressed to the list, goes to the
 * sender's keys only, and each other member gets a 1:1 copy (sendListCopies); the sender's copy
 * is the one returned.
 */
export function sendMessage(ctx: SandboxContext, sender: AccountRow, request: SendRequest, origin?: Origin): MessageRow {
  const senderOrganization = callerMembership(
    ctx,
    sender,
    request.senderOrganization ?? containerOrganizationOf(ctx, request.recipient),
    'sender_organization',
  );
  const ttl = effectiveTtl(request.ttl, senderOrganization);
  const priority = checkPriority(request.priority);
  const token = randomUUID();
  /** Every message this send stores, whose attachment files a failure must remove. */
  const written = [token];
  let stored = false;
  try {
    const messages = ctx.fanout.write(() => {
      const recipient = resolveRecipient(ctx, request.recipient, senderOrganization.token);
      requireSender(ctx, recipient, sender);
      const recipientOrganization = recipientOrganizationOf(ctx, recipient, senderOrganization, request.recipientOrganization);
      const now = ctx.now();
      const source = origin?.original;
      const row: MessageRow = {
        token,
        sender_token: sender.token,
        recipient_token: recipientTokenOf(recipient),
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
        distribution_list: null,
      };
      ctx.messages.insert(row);
      const recipients = recipientsOf(ctx, recipient, sender.token);
      for (const account of recipients) ctx.messages.addRecipient(token, account, now);
      if (recipient.kind === 'account') {
        addPersonToRoster(ctx, sender.token, senderOrganization.token, recipient.account);
        addPersonToRoster(ctx, recipient.account.token, recipientOrganization.token, sender);
      }
      if (request.attachment !== undefined) adoptFile(request.attachment.path, attachmentPath(ctx.paths, token));
      else if (source?.attachment_type) copyAttachment(ctx.paths, source.token, token);
      ctx.fanout.deliver([sender.token, ...recipients], messageEventName(row), messagePayload(row, 'New'), token);
      const copies = recipient.kind === 'list' ? sendListCopies(ctx, row, sender, recipient.list, written) : [];
      return [row, ...copies];
    });
    stored = true;
    for (const message of messages) {
      for (const listener of ctx.messageListeners) listener(message);
    }
    return messages[0]!;
  } finally {
    if (!stored) for (const stale of written) removeAttachment(ctx.paths, stale);
  }
}

/**
 * A message to a distribution list reaches each member but the sender as an ordinary 1:1
 * message from the sender (same content, its own token), told to that member's keys only; a
 * first message puts the sender on the member's roster. The sender's roster gains a member only
 * when the member answers (as any 1:1 message does): a list of two hundred does not put two
 * hundred empty conversations on it. Each copy's token is pushed onto `written`. Runs inside the send's `fanout.write`.
 */
function sendListCopies(
  ctx: SandboxContext,
  sent: MessageRow,
  sender: AccountRow,
  list: DistributionListRow,
  written: string[],
): MessageRow[] {
  const copies: MessageRow[] = [];
  for (const memberToken of ctx.distributionLists.members(list.token)) {
    const member = ctx.accounts.byToken(memberToken);
    if (member === undefined || member.token === sender.token) continue;
    const copy: MessageRow = { ...sent, token: randomUUID(), recipient_token: member.token, distribution_list: list.token };
    written.push(copy.token);
    ctx.messages.insert(copy);
    ctx.messages.addRecipient(copy.token, member.token, copy.created_time);
    addPersonToRoster(ctx, member.token, list.organization_key, sender);
    if (sent.attachment_type !== null) copyAttachment(ctx.paths, sent.token, copy.token);
    ctx.fanout.deliver([member.token], messageEventName(copy), messagePayload(copy, 'New'), copy.token);
    copies.push(copy);
  }
  return copies;
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
