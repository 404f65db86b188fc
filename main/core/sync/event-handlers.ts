/**
 * What each stored event does to the local database, inside the batch's one transaction.
 * Every handler is idempotent: an event applied twice changes nothing the second time and
 * records no change. Work that must wait for the commit (erasing files, typing, lookups,
 * sending receipts) is collected in the batch and done by sync afterwards.
 */
import * as v from 'valibot';
import { groupSchema, rosterEntitySchema, userSchema } from '../api/schemas';
import type { Message } from '../api/types';
import type { SyncEvent } from '../events/event-stream';
import { namesOrganizationSettings, type AccountSettingsChange, type EntityUpdate, type MembershipChange, type RosterChange, type StatusChange, type Typing } from '../events/event-payloads';
import type { Logger } from '../log/logger';
import { applyMuteChange } from '../mutes/mute-writes';
import { eraseMessageRows, messageIdsOfConversation, recallMessageRow } from '../lifecycle/erasure';
import type { PendingReceipts } from '../lifecycle/pending-receipts';
import { conversationIdOf, expiryOf, type Message as HeldMessage, type Store } from '../store';
import type { ChangeCollector } from './change-collector';
import { statusFromWire, timeFromWire, toMessageInput, type Reader, type ServerStatus } from './message-mapping';
import { conversationExists, isKnownGroup } from './people-writes';
import { rememberGroup, rememberUser } from './remembering';
import { conversationKindOf, dropRosterEntry, lookupsFor, storeRosterEntity } from './roster-entries';
import { expireBy, markMessageRead } from './read-marking';

export interface Batch {
  store: Store;
  me: string;
  /** Whose messages these are, for reading each one: made once, not once a message. */
  reader: Reader;
  /** The organization the account signed in with: where a message naming none belongs. */
  homeOrganization: string | null;
  now: number;
  log: Logger;
  /** How long a delete-on-read message stays once read. */
  deleteOnReadAfterMs: number;
  changes: ChangeCollector;
  /** The summary of a conversation as it is now, compared before and after a write to see if it changed. */
  summaryOf: (conversationId: string) => string;
  receipts: PendingReceipts;
  /** A message was erased or recalled: after the commit, the WAL is truncated (issue 12). */
  erased: boolean;
  /** Cached attachment files of erased messages, removed after the commit. */
  files: string[];
  wanted: { users: Set<string>; groups: Set<string>; lists: Set<string> };
  typing: { conversationId: string; userToken: string; typing: boolean }[];
  /** Status reports for messages not held here (sent before this install, or already erased). */
  unknownStatus: number;
  /** Conversations whose mute change waits in the outbox: a mute event does not overwrite them. */
  mutesKeptLocally: ReadonlySet<string>;
  /** An organization's settings changed: the organizations are read again after the commit. */
  organizationsChanged: boolean;
}

export function applyEvent(batch: Batch, event: SyncEvent): void {
  switch (event.name) {
    case 'message':
    case 'group_message':
      storeMessage(batch, event.payload, event.name === 'group_message');
      return;
    case 'message:status':
    case 'group:message:status':
      applyStatus(batch, event.payload);
      return;
    case 'bang':
      applyMembership(batch, event.payload);
      return;
    case 'update':
      applyUpdate(batch, event.payload);
      return;
    case 'presence':
      batch.store.people.setPresence(event.payload.from, event.payload.type);
      return;
    case 'message:is_typing':
      noteTyping(batch, event.payload);
      return;
    case 'conversation_mute':
      applyMuteChange({
        store: batch.store,
        now: batch.now,
        keptLocally: batch.mutesKeptLocally,
        changed(conversationId) {
          if (conversationExists(batch.store, conversationId)) batch.changes.conversationChanged(conversationId);
        },
      }, event.payload);
      return;
    case 'account:settings':
      if (namesOrganizationSettings(event.payload)) batch.organizationsChanged = true;
      applyOwnSettings(batch, event.payload);
      return;
    case 'friends':
      applyRosterChange(batch, event.payload);
      return;
  }
}

function storeMessage(batch: Batch, message: Message, isGroupEvent: boolean): void {
  const { store, now } = batch;
  const { input, badCreatedTime } = toMessageInput(message, batch.reader, { isGroupEvent, receivedAt: now });
  if (badCreatedTime) batch.log.warn('a message has an unreadable created_time; its receive time stands in', { token: message.message_id });
  const expiresAt = expiryOf(input.createdTime, input.ttlMinutes);
  // Gone already (a replay after a long time offline): storing it would only show it for an instant.
  if (expiresAt !== null && expiresAt <= now && !isHeld(store, message.message_id, input.clientId)) return;

  const { id, outcome } = store.messages.upsert(input);
  if (outcome === 'inserted') {
    if (message.is_recalled && recallMessageRow(store, id) !== null) batch.erased = true;
    if (input.direction === 'in' && !message.is_recalled) {
      if (message.status === 'Read') readElsewhere(batch, id, input.dor);
      else if (message.status !== 'Delivered') batch.receipts.delivered.push({ messageId: id, token: message.message_id });
    } else if (input.direction === 'out' && message.status === 'Read' && input.dor) {
      expireBy(store, id, now + batch.deleteOnReadAfterMs);
    }
    if (input.direction === 'in') batch.typing.push({ conversationId: input.conversationId, userToken: input.senderToken, typing: false });
    const peer = input.peerToken ?? input.conversationId;
    if (input.conversationKind === 'group') batch.wanted.groups.add(peer);
    else if (input.conversationKind === 'list') batch.wanted.lists.add(peer);
    else batch.wanted.users.add(peer);
    batch.wanted.users.add(input.senderToken);
    batch.changes.messageStored(id, input.conversationId);
    return;
  }
  const current = store.messages.byId(id);
  if (current === undefined) return;
  const changed = reconcile(batch, current, {
    recalled: message.is_recalled,
    status: statusFromWire(message.status),
    readByMe: message.status === 'Read',
  });
  if (changed || outcome === 'matched-client-id') batch.changes.messageStored(id, current.conversationId);
}

function isHeld(store: Store, token: string, clientId: string | null): boolean {
  return store.messages.byToken(token) !== undefined || (clientId !== null && store.messages.byClientId(clientId) !== undefined);
}

/**
 * Brings a held message up to what the server now says of it: recalled, further in its send
 * state, read on another device. Only ever forward. Returns whether anything changed.
 */
function reconcile(
  batch: Batch,
  held: HeldMessage,
  said: { recalled: boolean; status?: ServerStatus; readByMe?: boolean },
): boolean {
  const { store } = batch;
  let changed = false;
  if (said.recalled && !held.isRecalled) {
    batch.files.push(...(recallMessageRow(store, held.id) ?? []));
    batch.erased = true;
    changed = true;
  }
  if (held.direction === 'out' && said.status !== undefined) {
    const status = store.messages.setStatus(held.id, said.status);
    if (status !== held.status) changed = true;
    if (status === 'read' && held.dor && expireBy(store, held.id, batch.now + batch.deleteOnReadAfterMs)) changed = true;
  }
  if (held.direction === 'in' && said.readByMe === true && readElsewhere(batch, held.id, held.dor)) changed = true;
  return changed;
}

/** This user read it on another device: no Read receipt is owed, and delete-on-read applies. */
function readElsewhere(batch: Batch, id: number, dor: boolean): boolean {
  if (!markMessageRead(batch.store, id, batch.now)) return false;
  if (dor) expireBy(batch.store, id, batch.now + batch.deleteOnReadAfterMs);
  return true;
}

function applyStatus(batch: Batch, change: StatusChange): void {
  const { store, me } = batch;
  const held = store.messages.byToken(change.client_id);
  if (held === undefined) {
    batch.unknownStatus += 1;
    return;
  }
  const status = change.status === undefined ? undefined : statusFromWire(change.status);
  if (held.direction === 'out' && status !== undefined && change.account_id !== undefined && change.account_id !== me) {
    store.messages.setRecipientStatus(held.id, change.account_id, status, timeFromWire(change.timestamp) ?? batch.now);
  }
  const changed = reconcile(batch, held, {
    recalled: change.is_recalled,
    ...(status === undefined ? {} : { status }),
    readByMe: status === 'read' && change.account_id === me,
  });
  if (changed) batch.changes.messageStored(held.id, held.conversationId);
}

function applyMembership(batch: Batch, change: MembershipChange): void {
  const { store, me } = batch;
  const group = change.target_entity;
  const subject = change.subject_entity;
  const known = isKnownGroup(store, group);
  // The conversation's summary does not list members: a window showing them is told through
  // the conversation changing, once per real change (a replayed event changes nothing).
  const membersChanged = () => {
    if (conversationExists(store, group)) batch.changes.conversationChanged(group);
  };
  if (change.event === 'added') {
    if (known && store.people.addMembers(group, [subject]) > 0) membersChanged();
    if (!known) batch.wanted.groups.add(group);
    if (subject !== me) return;
    const before = batch.summaryOf(group);
    store.conversations.upsert({ id: group, kind: 'group' });
    store.conversations.setHidden(group, false);
    if (batch.summaryOf(group) !== before) batch.changes.conversationChanged(group);
    return;
  }
  if (known && store.people.removeMembers(group, [subject]) > 0 && subject !== me) membersChanged();
  if (subject === me) leaveConversation(batch, group);
}

/**
 * This user left the group or was removed from it: its messages are erased here (the server
 * no longer shows them to this user either) and the conversation goes from the roster.
 */
function leaveConversation(batch: Batch, conversationId: string): void {
  const { store } = batch;
  const { erased, files } = eraseMessageRows(store, messageIdsOfConversation(store, conversationId));
  for (const message of erased) batch.changes.messageRemoved(message.id, message.conversationId);
  if (erased.length > 0) batch.erased = true;
  batch.files.push(...files);
  store.drafts.set(conversationId, '');
  const removed = store.statements.prepare('DELETE FROM conversations WHERE id = ?').run(conversationId).changes;
  if (removed > 0) batch.changes.conversationRemoved(conversationId);
}

function applyUpdate(batch: Batch, update: EntityUpdate): void {
  const { store, me, log } = batch;
  const type = update.type.toLowerCase();
  const kind = type.includes('group') ? 'group' : type.includes('account') || type.includes('user') ? 'user' : undefined;
  if (kind === undefined) {
    log.info('an update for an entity type sync does not keep was skipped', { type: update.type.slice(0, 64) });
    return;
  }
  const parsed = kind === 'group' ? v.safeParse(groupSchema, update) : v.safeParse(userSchema, update);
  if (!parsed.success) {
    const path = parsed.issues[0].path?.map((item) => String(item.key)).join('.') ?? '';
    log.warn(`an update for a ${kind} is unreadable and was skipped`, { field: path });
    return;
  }
  if (kind === 'group') rememberGroup(store, parsed.output as v.InferOutput<typeof groupSchema>, me, batch);
  else rememberUser(store, parsed.output as v.InferOutput<typeof userSchema>, batch);
}

/** The user's own profile changed on another device: the event carries the user as they now stand. */
function applyOwnSettings(batch: Batch, change: AccountSettingsChange): void {
  if (change.token !== batch.me) return;
  const parsed = v.safeParse(userSchema, change);
  if (parsed.success) rememberUser(batch.store, parsed.output, batch);
}

/**
 * A roster entry added or removed on the server (another device, an administrator, a first
 * message): an added one shows in its organization at once; a removed one goes, or is only
 * hidden while it holds messages, a draft or queued work (a roster change never erases them).
 */
function applyRosterChange(batch: Batch, change: RosterChange): void {
  const { store, homeOrganization, log } = batch;
  const { friend } = change;
  const organizationKey = friend.organization_id ?? homeOrganization;
  if (friend.action === 'del') {
    const removed = dropRosterEntry(store, { token: friend.token, type: friend.type, organizationKey }, homeOrganization);
    if (removed !== undefined) batch.changes.conversationChanged(removed);
    return;
  }
  const parsed = v.safeParse(rosterEntitySchema, friend);
  if (!parsed.success) {
    const path = parsed.issues[0].path?.map((item) => String(item.key)).join('.') ?? '';
    log.warn('a roster entry added is unreadable and was skipped', { field: path });
    return;
  }
  const entity = parsed.output;
  const id = conversationIdOf({ kind: conversationKindOf(entity.type), peer: entity.token, organizationKey }, homeOrganization);
  const before = batch.summaryOf(id);
  storeRosterEntity(store, entity, organizationKey, homeOrganization);
  store.conversations.setHidden(id, false);
  if (batch.summaryOf(id) !== before) batch.changes.conversationChanged(id);
  const wanted = lookupsFor([entity]);
  for (const token of wanted.users) batch.wanted.users.add(token);
  for (const token of wanted.groups) batch.wanted.groups.add(token);
  for (const token of wanted.lists) batch.wanted.lists.add(token);
}

function noteTyping(batch: Batch, typing: Typing): void {
  if (typing.sender_token === batch.me) return;
  // The typing line names them as their messages do: someone nobody here can name is looked up.
  batch.wanted.users.add(typing.sender_token);
  // A 1:1 typing event is in its organization's conversation; one naming none, in the home one.
  const conversationId = typing.group_token ?? conversationIdOf(
    { kind: 'user', peer: typing.sender_token, organizationKey: typing.organization_id ?? null },
    batch.homeOrganization,
  );
  batch.typing.push({
    conversationId,
    userToken: typing.sender_token,
    typing: typing.status === 'typing',
  });
}
