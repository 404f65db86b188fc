// Exposes `window.tiger`, built from the contract and nothing else: no raw ipcRenderer, no Node.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { callChannel, callNames, eventChannel, eventNames } from './contract';
import type { CallName, CallReply, EventName, TigerApi } from './contract';

async function invoke(name: CallName, input: unknown): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(callChannel(name), input)) as CallReply<CallName>;
  if (reply.ok) return reply.value;
  throw new Error(`${name}: ${reply.error.message}`);
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
} as unknown as TigerApi;

contextBridge.exposeInMainWorld('tiger', tiger);
