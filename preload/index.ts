// Exposes `window.tiger`, built from the contract and nothing else: no raw ipcRenderer, no Node.
import { contextBridge, ipcRenderer } from 'electron';
import { callChannel, callNames } from './contract';
import type { CallName, CallReply, TigerApi } from './contract';

async function invoke(name: CallName, input: unknown): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(callChannel(name), input)) as CallReply<CallName>;
  if (reply.ok) return reply.value;
  throw new Error(`${name}: ${reply.error.message}`);
}

const tiger = Object.fromEntries(
  callNames.map((name) => [name, (input?: unknown) => invoke(name, input)]),
) as unknown as TigerApi;

contextBridge.exposeInMainWorld('tiger', tiger);
