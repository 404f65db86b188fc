/**
 * The conversation an address names. A conversation or person already held needs no network,
 * so a message to them can be queued offline; an email address, phone number or other address
 * is looked up on the server (and remembered), because the queue keys every message by the
 * token of its conversation and a guessed token would file it under the wrong one. While the
 * server is out of reach, an address it resolved here before still names that person.
 * With `--org`, the conversation with that person in the organization named.
 */
import type { AccountRuntime } from '../core/account';
import { ApiError } from '../core/api';
import type { ConversationKind } from '../core/store';
import { CliError, exitCodes } from './cli-error';
import type { KnownOrganization } from './organization-option';

export interface Conversation {
  id: string;
  kind: ConversationKind;
  /** The person's token, or the group's or list's. */
  peer: string;
  /** The organization it is held in; null: not known, the home organization. */
  organizationKey: string | null;
}

export async function conversationOf(runtime: Pick<AccountRuntime, 'sync' | 'store' | 'api'>, address: string): Promise<Conversation> {
  const [held] = runtime.sync.summaries([address]);
  if (held !== undefined) return { id: held.id, kind: held.kind, peer: held.peerToken, organizationKey: held.organizationKey };
  if (runtime.store.people.user(address) !== undefined) return { id: address, kind: 'user', peer: address, organizationKey: null };
  try {
    const { token } = await runtime.api.lookupUser(address);
    runtime.store.addresses.remember(address, token);
    return { id: token, kind: 'user', peer: token, organizationKey: null };
  } catch (error) {
    if (error instanceof ApiError && (error.kind === 'network' || error.kind === 'timeout')) {
      // Out of reach: an address the server resolved here before still names that person.
      const remembered = runtime.store.addresses.tokenOf(address);
      if (remembered !== undefined) return { id: remembered, kind: 'user', peer: remembered, organizationKey: null };
      throw new CliError(
        exitCodes.serverUnreachable,
        `Cannot look up ${address}: the server cannot be reached (${error.message}), and this address was never looked up here before. `
          + 'Nothing was queued. Use the token of a conversation listed by roster, or try again once connected',
      );
    }
    throw error;
  }
}

/**
 * The conversation with the person `address` names in `organization`, started there when not
 * held yet. A group or distribution list belongs to one organization: naming another is refused.
 */
export async function conversationIn(
  runtime: Pick<AccountRuntime, 'sync' | 'store' | 'api' | 'account'>,
  address: string,
  organization: KnownOrganization,
): Promise<Conversation> {
  const found = await conversationOf(runtime, address);
  if (found.kind !== 'user') {
    const held = found.organizationKey ?? runtime.account.organization.token;
    if (held !== organization.token) {
      const what = found.kind === 'group' ? 'a group' : 'a distribution list';
      throw new CliError(exitCodes.failed, `${address} is ${what} of another organization (${held}): its messages go in its own organization. Nothing was queued`);
    }
    return found;
  }
  const started = runtime.sync.startConversation(found.peer, organization.token);
  return { id: started.id, kind: 'user', peer: found.peer, organizationKey: organization.token };
}
