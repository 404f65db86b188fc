import type { SandboxContext } from './context';
import { messagePayload } from './entities';
import { STATUS_NAMES } from './store/messages';
import type { MessageRow, StatusName } from './store/messages';

/** How many recent messages a newly signed-in device receives. */
const HISTORY_LIMIT = 200;

/**
 * The status a viewer sees on a message: their own as a recipient; as the sender, the least
 * advanced recipient's (a group message reads "Read" only once every member read it).
 */
export function statusFor(ctx: SandboxContext, message: MessageRow, viewer: string): StatusName {
  if (viewer !== message.sender_token) {
    return STATUS_NAMES[ctx.messages.statusOf(message.token, viewer)?.status ?? 0] ?? 'New';
  }
  const statuses = ctx.messages.statuses(message.token);
  const least = statuses.length === 0 ? 0 : Math.min(...statuses.map((row) => row.status));
  return STATUS_NAMES[least] ?? 'New';
}

export function messageEventName(message: MessageRow): 'message' | 'group_message' {
  return message.group_token === null ? 'message' : 'group_message';
}

/** Queues a person's recent messages on one of their keys; call inside `fanout.write`. */
export function deliverHistory(ctx: SandboxContext, accountToken: string, key: string): void {
  for (const message of ctx.messages.recentFor(accountToken, HISTORY_LIMIT)) {
    queueMessage(ctx, message, accountToken, key);
  }
}

export function queueMessage(ctx: SandboxContext, message: MessageRow, viewer: string, key: string): void {
  ctx.fanout.deliverToKey(
    key,
    messageEventName(message),
    messagePayload(message, statusFor(ctx, message, viewer)),
    message.token,
  );
}
