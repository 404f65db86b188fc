// One contract call answered: its input validated against the contract's schema before the
// handler runs (an invalid call is refused and changes nothing), its failure turned into a reply
// whose code says its kind (error-codes.ts).
// The Electron window (shell/ipc-calls.ts) and the desktop stand-in answer every call through it.
import { userText } from '../../i18n/user-text';
import type { UserText } from '../../i18n/user-text';
import * as v from 'valibot';
import { contract } from '../../preload/contract';
import type { CallInput, CallName, CallOutput, CallReply } from '../../preload/contract';
import { callFailure } from './error-codes';

export type CallHandler<N extends CallName> = (input: CallInput<N>) => Promise<CallOutput<N>> | CallOutput<N>;
export type CallHandlers = { [N in CallName]: CallHandler<N> };

export type CallLog = { warn(message: string, fields?: Record<string, string>): void };

export async function answerCall<N extends CallName>(
  name: N,
  input: unknown,
  handler: CallHandler<N>,
  log: CallLog,
): Promise<CallReply<N>> {
  const parsed = v.safeParse(contract.calls[name].input, input);
  if (!parsed.success) {
    const message = v.summarize(parsed.issues);
    log.warn('refused an invalid IPC call', { call: name, reason: message });
    return { ok: false, error: { code: 'invalid-call', text: invalidCallText(parsed.issues, message) } };
  }
  try {
    return { ok: true, value: await handler(parsed.output as CallInput<N>) };
  } catch (error) {
    return { ok: false, error: callFailure(error) };
  }
}

/**
 * What an invalid call says: a text over its limit (a message too long, say) by its field and
 * limit, so the window words it; anything else with the validator's own summary, in English only
 * (a call the window should never have made).
 */
function invalidCallText(issues: readonly v.BaseIssue<unknown>[], summary: string): UserText {
  const tooLong = issues.find((issue) => issue.type === 'max_length' && typeof issue.input === 'string' && typeof issue.requirement === 'number');
  if (tooLong !== undefined) {
    return userText('error.too-long', { field: v.getDotPath(tooLong) ?? '', max: tooLong.requirement as number });
  }
  return userText('error.invalid-call', { detail: summary });
}
