// Exposes `window.tiger`, built from the contract and nothing else: no raw ipcRenderer, no Node.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { callChannel, callNames, eventChannel, eventNames } from './contract';
import type { CallName, CallReply, EventName, TigerBridge } from './contract';

// Main's reply is handed over whole, failures included: contextBridge gives the page only the
// message of an Error a promise rejects with, so a failure's code would not survive a throw
// here, while a plain object crosses intact. renderer/src/tiger.ts turns a failed reply into
// the renderer's TigerError.
async function invoke(name: CallName, input: unknown): Promise<CallReply<CallName>> {
  return (await ipcRenderer.invoke(callChannel(name), input)) as CallReply<CallName>;
}

function on(event: EventName, listener: (payload: unknown) => void): () => void {
  if (!eventNames.includes(event)) throw new Error(`unknown event ${String(event)}`);
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
