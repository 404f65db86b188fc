// Registers one ipcMain handler per contract call, each answered through answerCall: validated
// against the contract's schema before the handler runs.
import type { IpcMain } from 'electron';
import { callChannel } from '../../preload/contract';
import type { CallName } from '../../preload/contract';
import { answerCall } from '../window-api/answer-call';
import type { CallHandler, CallHandlers, CallLog } from '../window-api/answer-call';

/** Registers the handlers given; a call with no handler is answered by Electron's own error. */
export function registerCalls(ipcMain: Pick<IpcMain, 'handle'>, handlers: Partial<CallHandlers>, log: CallLog): void {
  for (const name of Object.keys(handlers) as CallName[]) {
    const handler = handlers[name] as CallHandler<typeof name>;
    ipcMain.handle(callChannel(name), (_event, input: unknown) => answerCall(name, input, handler, log));
  }
}
