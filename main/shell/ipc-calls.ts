// Registers one ipcMain handler per contract call. Every input is validated against the
// contract's schema before the handler runs; an invalid call is refused and changes nothing.
import * as v from 'valibot';
import type { IpcMain } from 'electron';
import { callChannel, contract } from '../../preload/contract';
import type { CallInput, CallName, CallOutput, CallReply } from '../../preload/contract';

export type CallHandler<N extends CallName> = (input: CallInput<N>) => Promise<CallOutput<N>> | CallOutput<N>;
export type CallHandlers = { [N in CallName]: CallHandler<N> };

type Log = { warn(message: string, fields?: Record<string, string>): void };

/** Registers the handlers given; a call with no handler is answered by Electron's own error. */
export function registerCalls(ipcMain: Pick<IpcMain, 'handle'>, handlers: Partial<CallHandlers>, log: Log): void {
  for (const name of Object.keys(handlers) as CallName[]) {
    const handler = handlers[name] as CallHandler<typeof name>;
    ipcMain.handle(callChannel(name), (_event, input: unknown) => answerCall(name, input, handler, log));
  }
}

export async function answerCall<N extends CallName>(
  name: N,
  input: unknown,
  handler: CallHandler<N>,
  log: Log,
): Promise<CallReply<N>> {
  const parsed = v.safeParse(contract.calls[name].input, input);
  if (!parsed.success) {
    const message = v.summarize(parsed.issues);
    log.warn('refused an invalid IPC call', { call: name, reason: message });
    return { ok: false, error: { code: 'invalid-call', message } };
  }
  try {
    return { ok: true, value: await handler(parsed.output as CallInput<N>) };
  } catch (error) {
    return { ok: false, error: { code: 'failed', message: error instanceof Error ? error.message : String(error) } };
  }
}
