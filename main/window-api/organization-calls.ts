// The organization calls of the IPC contract: which organizations the user belongs to, and
// starting a conversation in one of them (the same two people have one per organization).
import { saidOf } from '../../i18n/said-error';
import { userText } from '../../i18n/user-text';
import type { CallHandlers } from './answer-call';
import { CallRefusal } from './call-refusal';
import { requireRuntime } from './runtime-calls';
import type { CurrentRuntime } from './runtime-calls';

export type OrganizationCalls = Pick<CallHandlers, 'organizations' | 'startConversation'>;

export function organizationCalls(current: CurrentRuntime): OrganizationCalls {
  const runtime = () => requireRuntime(current);
  return {
    organizations: () => runtime().sync.organizations(),
    startConversation({ token, organizationKey }) {
      const account = runtime();
      if (token === account.account.userToken) throw new CallRefusal('refused', userText('error.conversation-with-self'));
      try {
        return account.sync.startConversation(token, organizationKey ?? null);
      } catch (error) {
        if (error instanceof RangeError) throw new CallRefusal('not-found', saidOf(error));
        throw error;
      }
    },
  };
}
