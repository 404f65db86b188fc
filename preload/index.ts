// Exposes `window.tiger`, built from the contract's names and nothing else: no raw ipcRenderer,
// no Node. Its values come from channels.ts alone (types only from contract.ts), so that the
// bundle run before every page load is small.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { callChannel, callNames, eventChannel, eventNames } from './channels';
import type { CallName, EventName } from './channels';
import type { CallReply, TigerBridge } from './contract';

// Main's reply is handed over whole, failures included: contextBridge gives the page only the
// message of an Error a promise rejects with, so a failure's code would not survive a throw
// here, while a plain object crosses intact. renderer/src/tiger.ts turns a failed reply into
// the renderer's TigerError.
async function invoke(name: CallName, input: unknown): Promise<CallReply<CallName>> {
  return (await ipcRenderer.invoke(callChannel(name), input)) as CallReply<CallName>;
}

function on(event: EventName, listener: (payload: unknown) => void): () => void {
  if (!(eventNames as readonly string[]).includes(event)) throw new Error(`unknown event ${String(event)}`);
  const channel = eventChannel(event);
  // The Electron event object never reaches the page: only the payload.
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => ipcRenderer.removeListener(channel, forward);
}

const tiger = {
  ...Object.fromEntries(callNames.map((name) => [name, (input?: unknown) => invoke(name, input)])),
  on,
} as unknown as TigerBridge;

contextBridge.exposeInMainWorld('tiger', tiger);
