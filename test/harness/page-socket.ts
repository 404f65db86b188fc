// One page's WebSocket: calls in, replies and events out. Every call goes through the
// shell's answerCall, so the page's input is validated against the contract exactly as
// ipcMain's is; a call the harness has no handler for is refused by name.
import type { WebSocket } from 'ws';
import { callNames } from '../../preload/contract';
import type { CallName, CallReply } from '../../preload/contract';
import type { Logger } from '../../main/core/log/logger';
import { answerCall } from '../../main/window-api/answer-call';
import type { CallHandler } from '../../main/window-api/answer-call';
import type { Emit, PageCore } from './page-core';
import { decodeValue, encodeFrame, parseFrame, readCallFrame, WireError } from './wire';

/** Connects a page's socket to the core `open` makes for it; events go out as soon as it emits. */
export function servePage(socket: WebSocket, open: (emit: Emit) => Promise<PageCore>, log: Logger): Promise<PageCore> {
  const emit: Emit = (event, payload) => {
    if (socket.readyState === socket.OPEN) socket.send(encodeFrame({ kind: 'event', name: event, payload }));
  };
  const core = open(emit);
  // Refusals are answered through the socket; a core that failed to open is reported per call.
  core.catch(() => undefined);
  socket.on('message', (data, isBinary) => {
    void answer(isBinary ? null : data.toString(), core, log).then((frame) => {
      if (frame !== null && socket.readyState === socket.OPEN) socket.send(frame);
    });
  });
  return core;
}

/** The reply frame to one incoming frame, or null when it carries no id to answer. */
async function answer(text: string | null, core: Promise<PageCore>, log: Logger): Promise<string | null> {
  let call: { id: number; name: string; input: unknown };
  try {
    if (text === null) throw new WireError('The frame is binary');
    call = readCallFrame(parseFrame(text));
  } catch (error) {
    log.warn('refused a harness frame', { reason: error instanceof WireError ? error.message : 'unreadable' });
    return null;
  }
  const reply = (value: CallReply<CallName>): string => encodeFrame({ kind: 'reply', id: call.id, reply: value });
  if (!(callNames as string[]).includes(call.name)) return reply(refused(`Unknown call ${call.name}`));
  const name = call.name as CallName;
  let input: unknown;
  try {
    input = decodeValue(call.input);
  } catch (error) {
    return reply(refused((error as Error).message));
  }
  let handlers: PageCore['handlers'];
  try {
    handlers = (await core).handlers;
  } catch (error) {
    return reply(failed(`The page's core did not open: ${(error as Error).message}`));
  }
  const handler = handlers[name] as CallHandler<CallName> | undefined;
  if (handler === undefined) return reply(failed(`${name} has no handler in the harness`));
  return reply(await answerCall(name, input, handler, log));
}

function refused(message: string): CallReply<CallName> {
  return { ok: false, error: { code: 'invalid-call', message } };
}

function failed(message: string): CallReply<CallName> {
  return { ok: false, error: { code: 'failed', message } };
}
