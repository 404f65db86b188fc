/**
 * The conversation an address names. A conversation or person already held needs no
 * network, so a message to them can be queued offline; an email address, phone number or
 * other address is looked up on the server first, because the queue keys every message by
 * the token of its conversation and a guessed token would file it under the wrong one.
 */
import type { AccountRuntime } from '../core/account';
import { ApiError } from '../core/api';
import type { ConversationKind } from '../core/store';
import { CliError, exitCodes } from './cli-error';

export interface Conversation {
  id: string;
  kind: ConversationKind;
}

export async function conversationOf(runtime: Pick<AccountRuntime, 'sync' | 'store' | 'api'>, address: string): Promise<Conversation> {
  const held = runtime.sync.roster().find((conversation) => conversation.id === address);
  if (held !== undefined) return { id: held.id, kind: held.kind };
  if (runtime.store.people.user(address) !== undefined) return { id: address, kind: 'user' };
  try {
    return { id: (await runtime.api.lookupUser(address)).token, kind: 'user' };
  } catch (error) {
    if (error instanceof ApiError && (error.kind === 'network' || error.kind === 'timeout')) {
      throw new CliError(
        exitCodes.serverUnreachable,
        `Cannot look up ${address}: the server cannot be reached (${error.message}), and an address not held here must be looked up first. `
          + 'Nothing was queued. Use the token of a conversation listed by roster, or try again once connected',
      );
    }
    throw error;
  }
}
