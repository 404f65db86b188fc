// ipcMain as Electron's behaves for `handle`/`invoke`: one handler per channel (a second is
// refused), a call on a channel nobody handles is an error, and what crosses is a structured
// clone: a value Electron could not serialize fails here too.
import type { IpcMainInvokeEvent } from 'electron';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export type InvokeReply = { ok: true; value: unknown } | { ok: false; error: string };

/** The frame a call came from, as Electron's `event.senderFrame` tells it. */
export interface PageFrame {
  url: string;
  /** The main frame (no parent), or a subframe. */
  top: boolean;
}

export class StandInIpcMain {
  private readonly handlers = new Map<string, Handler>();

  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  /** A renderer's invoke as it reaches main: the reply, or the error as the renderer is told it. */
  async invoke(sender: unknown, frame: PageFrame, channel: string, args: unknown[]): Promise<InvokeReply> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) return { ok: false, error: `Error: No handler registered for '${channel}'` };
    let value: unknown;
    try {
      const senderFrame = { url: frame.url, parent: frame.top ? null : {} };
      value = await handler({ sender, senderFrame } as unknown as IpcMainInvokeEvent, ...args);
    } catch (error) {
      return { ok: false, error: String(error) };
    }
    try {
      return { ok: true, value: structuredClone(value) };
    } catch {
      return { ok: false, error: 'Error: An object could not be cloned.' };
    }
  }
}

/** What webContents.send does with its arguments before they leave main. */
export function serializedForIpc(args: unknown[]): unknown[] {
  try {
    return structuredClone(args);
  } catch {
    throw new Error('Failed to serialize arguments');
  }
}
