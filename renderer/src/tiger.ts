// The only door to main: `window.tiger`, the preload's bridge, typed by the contract. The bridge
// resolves every call to main's reply (a rejection would lose the failure's code on its way
// through contextBridge); here, once, a failed reply becomes a TigerError thrown inside the
// renderer, so the rest of the renderer sees values and TigerErrors only.
import { englishText } from '../../i18n/english';
import { userText } from '../../i18n/user-text';
import type { UserText } from '../../i18n/user-text';
import type { CallFailure, CallName, CallReply, ErrorCode, TigerApi, TigerBridge } from '../../preload/contract';

declare global {
  interface Window {
    tiger: TigerBridge;
  }
}

/**
 * A failed call: `code` is what the renderer decides on, `text` what it tells the user (worded
 * in the window's language by `said`); the message is its English wording, for the console.
 */
export class TigerError extends Error {
  override readonly name = 'TigerError';
  readonly code: ErrorCode;
  readonly text: UserText;

  constructor(failure: CallFailure) {
    super(englishText(failure.text));
    this.code = failure.code;
    this.text = failure.text;
  }
}

type BridgeCall = (input?: unknown) => Promise<CallReply<CallName>>;

/** The renderer's API over a bridge: each call resolves to its value or rejects with a TigerError. */
export function overBridge(bridge: TigerBridge): TigerApi {
  const api: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(bridge)) {
    api[name] = name === 'on' ? member : (input?: unknown) => valueOf((member as BridgeCall)(input));
  }
  return api as TigerApi;
}

async function valueOf(pending: Promise<CallReply<CallName>>): Promise<unknown> {
  let reply: CallReply<CallName>;
  try {
    reply = await pending;
  } catch (error) {
    // The bridge itself failed (main gone, no handler): only a message crossed.
    throw new TigerError({ code: 'failed', text: userText('said.english', { text: error instanceof Error ? error.message : String(error) }) });
  }
  if (reply.ok) return reply.value;
  throw new TigerError(reply.error);
}

export const tiger = (): TigerApi => overBridge(window.tiger);
