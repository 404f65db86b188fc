/**
 * Writing what the server says of mutes into the store, for the `conversation_mute` event
 * and for the reconcile with `GET /mute`. A conversation whose own mute change is still
 * waiting in the outbox keeps what this computer shows: the server's word about it is older
 * than the user's, and is read again once the change is sent.
 */
import type { MuteEntry } from '../api/mutes';
import type { ConversationMuteChange } from '../events/event-payloads';
import type { HeldMute, MuteKey, MuteKind, Store } from '../store';

export interface MuteWriteContext {
  store: Store;
  now: number;
  /** Conversations with a mute change still in the outbox. */
  keptLocally: ReadonlySet<string>;
  /** A conversation whose summary changed. */
  changed: (conversationId: string) => void;
}

const kindOf = (senderType: 'account' | 'group' | 'organization'): MuteKind => (senderType === 'account' ? 'user' : senderType);

/** A server mute as held here; null when it has already run its course. */
export function heldMuteOf(entry: Pick<MuteEntry, 'senderType' | 'senderToken' | 'durationMinutes' | 'startSeconds' | 'organization'>, now: number): HeldMute | null {
  const startedAt = entry.startSeconds * 1000;
  const endsAt = startedAt + entry.durationMinutes * 60_000;
  if (endsAt <= now) return null;
  return { kind: kindOf(entry.senderType), token: entry.senderToken, organizationKey: entry.organization, startedAt, endsAt };
}

export function applyMuteChange(context: MuteWriteContext, change: ConversationMuteChange): void {
  if (change.action === 'clear') {
    for (const mute of context.store.mutes.all()) remove(context, mute);
    return;
  }
  const organization = change.caller_organization ?? change.organization_id ?? null;
  const key = { kind: kindOf(change.sender_type), token: change.sender_token, organizationKey: organization };
  if (change.action === 'del') {
    remove(context, key);
    return;
  }
  const mute = heldMuteOf(
    { senderType: change.sender_type, senderToken: change.sender_token, durationMinutes: change.mute_duration, startSeconds: change.mute_start, organization },
    context.now,
  );
  if (mute === null) remove(context, key);
  else set(context, mute);
}

/** Makes the held mutes what the server lists, but for conversations kept locally. */
export function replaceMutes(context: MuteWriteContext, entries: readonly MuteEntry[]): void {
  const listed = entries.flatMap((entry) => heldMuteOf(entry, context.now) ?? []);
  const listedKeys = new Set(listed.map(keyOf));
  for (const held of context.store.mutes.all()) if (!listedKeys.has(keyOf(held))) remove(context, held);
  for (const mute of listed) set(context, mute);
}

function keyOf(mute: MuteKey): string {
  return `${mute.kind}\u0000${mute.token}\u0000${mute.organizationKey ?? ''}`;
}

/** A conversation whose own mute change waits in the outbox keeps what this computer shows. */
function keptLocally(context: MuteWriteContext, mute: MuteKey): boolean {
  return mute.kind !== 'organization' && context.store.mutes.conversationsOf(mute).some((id) => context.keptLocally.has(id));
}

function set(context: MuteWriteContext, mute: HeldMute): void {
  if (keptLocally(context, mute) || !context.store.mutes.set(mute)) return;
  for (const id of context.store.mutes.conversationsOf(mute)) context.changed(id);
}

function remove(context: MuteWriteContext, mute: MuteKey): void {
  if (keptLocally(context, mute) || !context.store.mutes.remove(mute)) return;
  for (const id of context.store.mutes.conversationsOf(mute)) context.changed(id);
}
